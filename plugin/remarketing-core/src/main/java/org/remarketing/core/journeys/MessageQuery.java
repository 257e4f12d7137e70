package org.remarketing.core.journeys;

import java.time.Instant;
import java.util.Locale;

/**
 * What the message log is filtered by; every part is optional. Built with the {@code with*}
 * methods from {@link #ALL}.
 */
public final class MessageQuery {

	/** No filter: every message. */
	public static final MessageQuery ALL = new MessageQuery(null, null, null, null, null, null);

	private final String journeyCode;

	private final String state;

	private final Long contactId;

	private final String recipient;

	private final Instant from;

	private final Instant to;

	private MessageQuery(String journeyCode, String state, Long contactId, String recipient, Instant from, Instant to) {
		this.journeyCode = journeyCode;
		this.state = state;
		this.contactId = contactId;
		this.recipient = recipient;
		this.from = from;
		this.to = to;
	}

	/** Messages of the journey with this code. */
	public MessageQuery withJourney(String code) {
		return new MessageQuery(code, this.state, this.contactId, this.recipient, this.from, this.to);
	}

	/**
	 * Messages in this state, one of {@link MessageLog#STATES}.
	 * @throws IllegalArgumentException for another value
	 */
	public MessageQuery withState(String state) {
		if (state != null && !MessageLog.STATES.contains(state)) {
			throw new IllegalArgumentException("state must be one of " + String.join(", ", MessageLog.STATES));
		}
		return new MessageQuery(this.journeyCode, state, this.contactId, this.recipient, this.from, this.to);
	}

	public MessageQuery withContact(Long contactId) {
		return new MessageQuery(this.journeyCode, this.state, contactId, this.recipient, this.from, this.to);
	}

	/** Messages to this address (the whole address, in any case). */
	public MessageQuery withRecipient(String email) {
		String normalised = (email != null) ? email.trim().toLowerCase(Locale.ROOT) : null;
		return new MessageQuery(this.journeyCode, this.state, this.contactId, normalised, this.from, this.to);
	}

	/** Messages due in [{@code from}, {@code to}); either may be null. */
	public MessageQuery withDue(Instant from, Instant to) {
		return new MessageQuery(this.journeyCode, this.state, this.contactId, this.recipient, from, to);
	}

	/** The same filter for every state (the counts per state of the filter bar). */
	MessageQuery anyState() {
		return new MessageQuery(this.journeyCode, null, this.contactId, this.recipient, this.from, this.to);
	}

	public String journeyCode() {
		return this.journeyCode;
	}

	public String state() {
		return this.state;
	}

	public Long contactId() {
		return this.contactId;
	}

	public String recipient() {
		return this.recipient;
	}

	public Instant from() {
		return this.from;
	}

	public Instant to() {
		return this.to;
	}

}
