package org.remarketing.core.channels.email;

import java.util.Optional;

/**
 * The mail preferences of the person a message went to, as the unsubscribe and preference pages
 * show them: the address (masked) and what it is suppressed from, if anything.
 */
public final class Subscription {

	private final long messageId;

	private final Long contactId;

	private final String maskedEmail;

	private final SuppressionScope suppressed;

	private final boolean changed;

	Subscription(long messageId, Long contactId, String email, SuppressionScope suppressed, boolean changed) {
		this.messageId = messageId;
		this.contactId = contactId;
		this.maskedEmail = mask(email);
		this.suppressed = suppressed;
		this.changed = changed;
	}

	public long messageId() {
		return this.messageId;
	}

	/** The contact now behind the message (merges followed), if it still exists. */
	public Optional<Long> contactId() {
		return Optional.ofNullable(this.contactId);
	}

	/** The address with most of its local part hidden ({@code a•••@example.com}), for pages anyone holding the link can see. */
	public String maskedEmail() {
		return this.maskedEmail;
	}

	/** What the address gets no more, or empty when it is not suppressed. */
	public Optional<SuppressionScope> suppressed() {
		return Optional.ofNullable(this.suppressed);
	}

	/** Whether the call that answered this changed anything (false when it had been done already). */
	public boolean changed() {
		return this.changed;
	}

	static String mask(String email) {
		if (email == null) {
			return "";
		}
		int at = email.lastIndexOf('@');
		if (at <= 0) {
			return "\u2022\u2022\u2022";
		}
		return email.substring(0, 1) + "\u2022\u2022\u2022" + email.substring(at);
	}

}
