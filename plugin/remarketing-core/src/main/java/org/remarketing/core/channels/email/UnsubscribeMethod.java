package org.remarketing.core.channels.email;

/** How a shopper unsubscribed; its {@link #source()} goes into the consent history and the suppression list. */
public enum UnsubscribeMethod {

	/** The button on the unsubscribe page the mail links to. */
	LINK("unsubscribe"),

	/** A mailbox provider's one-click unsubscribe (RFC 8058 POST). */
	ONE_CLICK("one-click"),

	/** The preference page. */
	PREFERENCES("preferences");

	private final String source;

	UnsubscribeMethod(String source) {
		this.source = source;
	}

	/** {@code unsubscribe}, {@code one-click} or {@code preferences}. */
	public String source() {
		return this.source;
	}

}
