package org.remarketing.core.channels.email;

/**
 * The SMTP server did not take a message. {@link #permanent()} for a 5xx reply about the
 * recipient (hard bounce: the address is suppressed, never retried); otherwise (4xx, connection
 * refused or lost, time-out) the send is retried with back-off.
 */
public class MailFailure extends Exception {

	private static final long serialVersionUID = 1L;

	private final boolean permanent;

	private final int replyCode;

	private final boolean recipientRejected;

	public MailFailure(String message, boolean permanent, int replyCode, Throwable cause) {
		this(message, permanent, replyCode, false, cause);
	}

	public MailFailure(String message, boolean permanent, int replyCode, boolean recipientRejected, Throwable cause) {
		super(message, cause);
		this.permanent = permanent;
		this.replyCode = replyCode;
		this.recipientRejected = recipientRejected;
	}

	/** A hard bounce: the server refused the recipient address itself (the address is suppressed). */
	public boolean recipientRejected() {
		return this.recipientRejected;
	}

	public boolean permanent() {
		return this.permanent;
	}

	/** The SMTP reply code, or -1 when the server was not reached. */
	public int replyCode() {
		return this.replyCode;
	}

}
