package org.remarketing.core.channels.email;

/**
 * How insistent a journey email may be.
 */
public enum Tone {

	/**
	 * For shoppers only discovering or considering: helpful wording, never pressure (no
	 * "hurry", "last chance", "only N left", no reminders).
	 */
	GENTLE,

	/** A clear, still polite reminder; never fake scarcity. */
	DIRECT

}
