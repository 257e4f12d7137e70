package org.remarketing.core.contacts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
		try {
			this.jdbc.update(INSERT, row(event, doNotTrack, receivedAt, null));
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false; // delivered twice at once: the other transaction recorded it
		}
	}

	/** Of these event ids, the ones already recorded. */
	Set<String> known(Collection<String> eventIds) {
		Set<String> known = new HashSet<>();
		if (eventIds.isEmpty()) {
			return known;
		}
		String marks = eventIds.stream().map((id) -> "?").collect(Collectors.joining(", "));
		this.jdbc.query("SELECT event_id FROM rmk_event WHERE event_id IN (" + marks + ")",
				(rs) -> {
					known.add(rs.getString(1));
				}, eventIds.toArray());
		return known;
	}

	/**
	 * Rows to record in one JDBC batch; {@link Pending#flush() flushed} before anything that moves
	 * events between contacts (a merge) and at the end of the transaction.
	 */
	Pending pending(Instant receivedAt) {
		return new Pending(receivedAt);
	}

	void attach(String eventId, long contactId) {
		this.jdbc.update("UPDATE rmk_event SET contact_id = ? WHERE event_id = ?", contactId, eventId);
	}

	private static final String INSERT = "INSERT INTO rmk_event (event_id, event_type, occurred_at, received_at,"
			+ " contact_id, visitor_id, customer_id, source, payload, product_id, category_code)"
			+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static Object[] row(TrackedEvent event, boolean doNotTrack, Instant receivedAt, Long contactId) {
		ShopperIds shopper = doNotTrack ? ShopperIds.none() : event.shopper();
		String visitor = shopper.visitorId();
		EventDetails details = new EventDetails(event.properties()); // product and category: what segment rules filter on
		return new Object[] { event.id(), event.type().wireName(), ContactRows.ts(event.occurredAt()),
				ContactRows.ts(receivedAt), contactId, (visitor != null && visitor.length() <= MAX_VISITOR) ? visitor : null,
				shopper.customerId(), event.source().name().toLowerCase(Locale.ROOT), payload(event, doNotTrack),
				details.longValue("product_id"), details.code("category", 100) };
	}

	/** Event log rows waiting for one batch insert. */
	final class Pending {

		private final Instant receivedAt;

		private final List<Object[]> rows = new ArrayList<>();

		private Pending(Instant receivedAt) {
			this.receivedAt = receivedAt;
		}

		void add(TrackedEvent event, boolean doNotTrack, Long contactId) {
			this.rows.add(row(event, doNotTrack, this.receivedAt, contactId));
		}

		/** Inserts what is waiting; an id recorded meanwhile by another node fails the batch (and its transaction). */
		void flush() {
			if (!this.rows.isEmpty()) {
				EventLog.this.jdbc.batchUpdate(INSERT, this.rows);
				this.rows.clear();
			}
		}

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
