package org.remarketing.core.journeys;

import java.time.Instant;

/**
 * Something that happened to a sent message ({@code rmk_message_event}): OPEN, MACHINE_OPEN (the
 * pixel loaded by a privacy proxy or a scanner, not a person), CLICK, RECOVERY, UNSUBSCRIBE or BOUNCE.
 */
public final class MessageEvent {

	private final String kind;

	private final String detail;

	private final Instant occurredAt;

	MessageEvent(String kind, String detail, Instant occurredAt) {
		this.kind = kind;
		this.detail = detail;
		this.occurredAt = occurredAt;
	}

	public String kind() {
		return this.kind;
	}

	/** What the engine noted with it (a link number, a bounce's status), or null. */
	public String detail() {
		return this.detail;
	}

	public Instant occurredAt() {
		return this.occurredAt;
	}

}
