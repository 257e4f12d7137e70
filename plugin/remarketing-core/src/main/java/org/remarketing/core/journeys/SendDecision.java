package org.remarketing.core.journeys;

import java.time.Instant;
import java.util.Objects;

/** What to do with a message whose time has come, and why (the reason is shown to administrators). */
public final class SendDecision {

	/** The outcome. */
	public enum Kind {

		/** Send it now. */
		SEND,

		/** Not now (quiet hours, frequency cap): try again at {@link SendDecision#until()}. */
		DEFER,

		/** Not to this contact (no consent, unsubscribed, bounced, no address): logged, never sent. */
		SUPPRESS,

		/** The run is over (ordered, left the segment, journey paused). */
		CANCEL,

		/** Too late to be useful: not sent. */
		EXPIRE

	}

	private final Kind kind;

	private final String reason;

	private final Instant until;

	private SendDecision(Kind kind, String reason, Instant until) {
		this.kind = kind;
		this.reason = reason;
		this.until = until;
	}

	static SendDecision send() {
		return new SendDecision(Kind.SEND, null, null);
	}

	static SendDecision defer(Instant until, String reason) {
		return new SendDecision(Kind.DEFER, reason, Objects.requireNonNull(until));
	}

	static SendDecision suppress(String reason) {
		return new SendDecision(Kind.SUPPRESS, reason, null);
	}

	static SendDecision cancel(String reason) {
		return new SendDecision(Kind.CANCEL, reason, null);
	}

	static SendDecision expire(String reason) {
		return new SendDecision(Kind.EXPIRE, reason, null);
	}

	public Kind kind() {
		return this.kind;
	}

	public String reason() {
		return this.reason;
	}

	public Instant until() {
		return this.until;
	}

	@Override
	public String toString() {
		return this.kind + ((this.reason != null) ? ": " + this.reason : "") + ((this.until != null) ? " until " + this.until : "");
	}

}
