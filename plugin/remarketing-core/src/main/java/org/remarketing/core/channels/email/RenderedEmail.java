package org.remarketing.core.channels.email;

import java.util.Objects;

/**
 * A finished email: a one-line plain-text subject, the HTML part and the plain-text part.
 */
public final class RenderedEmail {

	private final String subject;

	private final String html;

	private final String text;

	public RenderedEmail(String subject, String html, String text) {
		this.subject = Objects.requireNonNull(subject, "subject");
		this.html = Objects.requireNonNull(html, "html");
		this.text = Objects.requireNonNull(text, "text");
	}

	/** Plain text on one line (no CR/LF), not HTML-escaped: the mail transport encodes it. */
	public String subject() {
		return this.subject;
	}

	public String html() {
		return this.html;
	}

	public String text() {
		return this.text;
	}

}
