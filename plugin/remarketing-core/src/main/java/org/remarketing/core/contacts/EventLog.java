package org.remarketing.core.contacts;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;
import org.remarketing.core.tracking.TrackedEventJson;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * {@code rmk_event}: every applied event once, under its id, in the same form as
 * {@link org.remarketing.core.tracking.EventLogProcessor} writes it (payload in
 * {@link TrackedEventJson}'s format, shopper ids included so the timeline shows what a browser
 * claimed; source lower-case). A do-not-track event keeps no identifier, no cart code and only the
 * {@link #ANONYMOUS_KEYS non-personal properties}.
 */
final class EventLog {

	/** What a do-not-track event keeps: facts about products and money, nothing about the person or the page. */
	static final Set<String> ANONYMOUS_KEYS = Collections.unmodifiableSet(new HashSet<>(Arrays.asList("product_id",
			"sku", "category", "quantity", "price", "value", "currency", "step", "seconds", "utm_source",
			"utm_medium", "utm_campaign", "status", "dnt")));

	private static final int MAX_VISITOR = 64;

	private final JdbcOperations jdbc;

	EventLog(JdbcOperations jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records the event with no contact yet.
	 * @return false if an event with this id was already recorded (it was applied: skip it)
	 */
	boolean record(TrackedEvent event, boolean doNotTrack, Instant receivedAt) {
		Integer known = this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_event WHERE event_id = ?", Integer.class,
				event.id());
		if (known != null && known > 0) {
			return false; // the usual redelivery, without a failed statement (and the driver's warning) for it
		}
		ShopperIds shopper = doNotTrack ? ShopperIds.none() : event.shopper();
		String visitor = shopper.visitorId();
		try {
			this.jdbc.update(
					"INSERT INTO rmk_event (event_id, event_type, occurred_at, received_at, contact_id, visitor_id,"
							+ " customer_id, source, payload) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?)",
					event.id(), event.type().wireName(), ContactRows.ts(event.occurredAt()), ContactRows.ts(receivedAt),
					(visitor != null && visitor.length() <= MAX_VISITOR) ? visitor : null, shopper.customerId(),
					event.source().name().toLowerCase(Locale.ROOT), payload(event, doNotTrack));
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false; // delivered twice at once: the other transaction recorded it
		}
	}

	void attach(String eventId, long contactId) {
		this.jdbc.update("UPDATE rmk_event SET contact_id = ? WHERE event_id = ?", contactId, eventId);
	}

	/** The event as the outbox and Kafka carry it; a do-not-track event stripped of everything personal. */
	private static String payload(TrackedEvent event, boolean doNotTrack) {
		if (!doNotTrack) {
			return TrackedEventJson.toJson(event);
		}
		Map<String, Object> kept = new LinkedHashMap<>(event.properties());
		kept.keySet().retainAll(ANONYMOUS_KEYS);
		return TrackedEventJson.toJson(TrackedEvent.builder(event.type(), event.source())
			.id(event.id())
			.occurredAt(event.occurredAt())
			.properties(kept)
			.build());
	}

}
