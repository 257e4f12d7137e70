package org.remarketing.core.contacts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * {@code rmk_event}: every applied event once, under its id. The payload keeps the event as
 * received (shopper ids included, so the timeline shows what a browser claimed); a do-not-track
 * event keeps no identifier and only the {@link #ANONYMOUS_KEYS non-personal properties}.
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
					event.id(), event.type().wireName(), Timestamp.from(event.occurredAt()), Timestamp.from(receivedAt),
					(visitor != null && visitor.length() <= MAX_VISITOR) ? visitor : null, shopper.customerId(),
					event.source().name(), ContactJson.write(payload(event, shopper, doNotTrack)));
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false; // delivered twice at once: the other transaction recorded it
		}
	}

	void attach(String eventId, long contactId) {
		this.jdbc.update("UPDATE rmk_event SET contact_id = ? WHERE event_id = ?", contactId, eventId);
	}

	private static Map<String, Object> payload(TrackedEvent event, ShopperIds shopper, boolean doNotTrack) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("id", event.id());
		payload.put("type", event.type().wireName());
		payload.put("occurred_at", event.occurredAt().toString());
		payload.put("source", event.source().name());
		if (!shopper.isEmpty()) {
			Map<String, Object> ids = new LinkedHashMap<>();
			ids.put("visitor_id", shopper.visitorId());
			ids.put("customer_id", shopper.customerId());
			ids.put("email", shopper.email());
			ids.put("email_verified", shopper.emailVerified());
			payload.put("shopper", ids);
		}
		if (!doNotTrack && event.cartCode() != null) {
			payload.put("cart_code", event.cartCode());
		}
		Map<String, Object> properties = new LinkedHashMap<>(event.properties());
		if (doNotTrack) {
			properties.keySet().retainAll(ANONYMOUS_KEYS);
		}
		payload.put("properties", properties);
		return payload;
	}

}
