package org.remarketing.core.channels.email;

import java.util.Objects;

/** One email ready for the SMTP server: addresses, content and the headers of a marketing message. */
public final class OutgoingEmail {

	private final String from;

	private final String to;

	private final String subject;

	private final String html;

	private final String text;

	private final String messageId;

	private final String unsubscribeUrl;

	private final String unsubscribeMailto;

	/**
	 * @param messageId the Message-ID header without angle brackets (unique per send key)
	 * @param unsubscribeUrl the one-click HTTPS unsubscribe URL (RFC 8058), or null for a non-marketing test
	 * @param unsubscribeMailto the mailto address of List-Unsubscribe, or null
	 */
	public OutgoingEmail(String from, String to, String subject, String html, String text, String messageId,
			String unsubscribeUrl, String unsubscribeMailto) {
		this.from = Objects.requireNonNull(from, "from");
		this.to = Objects.requireNonNull(to, "to");
		this.subject = Objects.requireNonNull(subject, "subject");
		this.html = Objects.requireNonNull(html, "html");
		this.text = Objects.requireNonNull(text, "text");
		this.messageId = Objects.requireNonNull(messageId, "messageId");
		this.unsubscribeUrl = unsubscribeUrl;
		this.unsubscribeMailto = unsubscribeMailto;
	}

	public String from() {
		return this.from;
	}

	public String to() {
		return this.to;
	}

	public String subject() {
		return this.subject;
	}

	public String html() {
		return this.html;
	}

	public String text() {
		return this.text;
	}

	public String messageId() {
		return this.messageId;
	}

	public String unsubscribeUrl() {
		return this.unsubscribeUrl;
	}

	public String unsubscribeMailto() {
		return this.unsubscribeMailto;
	}

}
