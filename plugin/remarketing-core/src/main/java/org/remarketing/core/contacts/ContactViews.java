package org.remarketing.core.contacts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;
import org.remarketing.core.tracking.TrackedEventJson;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * JSON-ready views of a contact: maps of strings (times as ISO-8601 instants, so the host's
 * ObjectMapper settings change nothing), numbers, booleans, lists and maps.
 */
final class ContactViews {

	private final JdbcOperations jdbc;

	ContactViews(JdbcOperations jdbc) {
		this.jdbc = jdbc;
	}

	static Map<String, Object> summary(ContactRow row) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", row.id);
		view.put("email", row.email);
		view.put("firstName", row.firstName);
		view.put("lastName", row.lastName);
		view.put("customerId", row.customerId);
		view.put("createdAt", iso(row.createdAt));
		view.put("firstSeen", iso(row.firstSeen));
		view.put("lastSeen", iso(row.lastSeen));
		view.put("visits", row.visits);
		view.put("ordersCount", row.ordersCount);
		view.put("totalSpent", row.totalSpent);
		view.put("cartItems", row.cartItems);
		view.put("cartValue", row.cartValue);
		return view;
	}

	Map<String, Object> profile(ContactRow row) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", row.id);
		view.put("createdAt", iso(row.createdAt));
		view.put("updatedAt", iso(row.updatedAt));
		view.put("firstSeen", iso(row.firstSeen));
		view.put("lastSeen", iso(row.lastSeen));
		view.put("email", row.email);
		view.put("customerId", row.customerId);
		view.put("firstName", row.firstName);
		view.put("lastName", row.lastName);
		view.put("birthday", (row.birthday != null) ? row.birthday.toString() : null);
		view.put("language", row.language);
		view.put("timeZone", row.timeZone);
		view.put("visits", row.visits);
		view.put("sources", sources(row.id));
		Map<String, Object> cart = new LinkedHashMap<>();
		cart.put("code", row.cartCode);
		cart.put("items", row.cartItems);
		cart.put("value", row.cartValue);
		cart.put("updatedAt", iso(row.cartUpdatedAt));
		view.put("cart", cart);
		Map<String, Object> checkout = new LinkedHashMap<>();
		checkout.put("step", row.checkoutStep);
		checkout.put("at", iso(row.checkoutStepAt));
		view.put("checkout", checkout);
		Map<String, Object> orders = new LinkedHashMap<>();
		orders.put("count", row.ordersCount);
		orders.put("totalSpent", row.totalSpent);
		orders.put("averageValue", (row.ordersCount > 0)
				? row.totalSpent.divide(BigDecimal.valueOf(row.ordersCount), 2, RoundingMode.HALF_UP) : null);
		orders.put("firstOrderAt", iso(row.firstOrderAt));
		orders.put("lastOrderAt", iso(row.lastOrderAt));
		view.put("orders", orders);
		return view;
	}

	Map<String, Object> sources(long contactId) {
		Map<String, Object> sources = new LinkedHashMap<>();
		for (Map<String, Object> row : SqlRows.list(this.jdbc,
				"SELECT channel, visits FROM rmk_contact_source WHERE contact_id = ? ORDER BY visits DESC, channel",
				contactId)) {
			sources.put((String) row.get("channel"), row.get("visits"));
		}
		return sources;
	}

	List<Map<String, Object>> identities(long contactId) {
		return rename(SqlRows.list(this.jdbc, "SELECT kind, identity_value, verified, first_seen FROM rmk_contact_identity"
				+ " WHERE contact_id = ? ORDER BY first_seen, kind, identity_value", contactId), "identity_value", "value");
	}

	/** The current consent per channel (the latest row wins) and the whole history, newest first. */
	Map<String, Object> consent(long contactId) {
		List<Map<String, Object>> history = new ArrayList<>();
		Map<String, Object> current = new LinkedHashMap<>();
		for (Map<String, Object> row : SqlRows.list(this.jdbc, "SELECT id, channel, granted, source, proof, event_id,"
				+ " recorded_at FROM rmk_consent WHERE contact_id = ? ORDER BY recorded_at DESC, id DESC", contactId)) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("channel", row.get("channel"));
			entry.put("granted", row.get("granted"));
			entry.put("source", row.get("source"));
			entry.put("recordedAt", iso(row.get("recorded_at")));
			entry.put("proof", ContactJson.readMap((String) row.get("proof")));
			history.add(entry);
			current.putIfAbsent((String) row.get("channel"), entry);
		}
		Map<String, Object> consent = new LinkedHashMap<>();
		consent.put("current", current);
		consent.put("history", history);
		return consent;
	}

	List<Map<String, Object>> products(long contactId) {
		return camel(SqlRows.list(this.jdbc, "SELECT product_id, sku, views, view_seconds, last_viewed_at,"
				+ " added_to_cart_at, cart_quantity, cart_price, bought_count, last_bought_at FROM rmk_contact_product"
				+ " WHERE contact_id = ? ORDER BY product_id", contactId));
	}

	List<Map<String, Object>> categories(long contactId) {
		return camel(SqlRows.list(this.jdbc, "SELECT category_code, views, bought_count, last_viewed_at"
				+ " FROM rmk_contact_category WHERE contact_id = ? ORDER BY category_code", contactId));
	}

	List<Map<String, Object>> orders(long contactId) {
		return camel(SqlRows.list(this.jdbc, "SELECT order_id, total, currency, status, placed_at, counted"
				+ " FROM rmk_contact_order WHERE contact_id = ? ORDER BY placed_at DESC, order_id", contactId));
	}

	/** One page of the timeline, newest first. */
	Map<String, Object> timeline(long contactId, int page, int size) {
		Long total = this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_event WHERE contact_id = ?", Long.class,
				contactId);
		List<Map<String, Object>> items = events(SqlRows.list(this.jdbc,
				"SELECT event_id, event_type, occurred_at, received_at, source, payload FROM rmk_event"
						+ " WHERE contact_id = ? ORDER BY occurred_at DESC, event_id DESC LIMIT ? OFFSET ?",
				contactId, size, (long) page * size));
		Map<String, Object> timeline = new LinkedHashMap<>();
		timeline.put("page", page);
		timeline.put("size", size);
		timeline.put("total", (total != null) ? total : 0L);
		timeline.put("items", items);
		return timeline;
	}

	/** Every event, oldest first (exports). */
	List<Map<String, Object>> allEvents(long contactId) {
		return events(SqlRows.list(this.jdbc, "SELECT event_id, event_type, occurred_at, received_at, source, payload"
				+ " FROM rmk_event WHERE contact_id = ? ORDER BY occurred_at, event_id", contactId));
	}

	private static List<Map<String, Object>> events(List<Map<String, Object>> rows) {
		List<Map<String, Object>> items = new ArrayList<>();
		for (Map<String, Object> row : rows) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("eventId", row.get("event_id"));
			item.put("type", row.get("event_type"));
			item.put("occurredAt", iso(row.get("occurred_at")));
			item.put("receivedAt", iso(row.get("received_at")));
			item.put("source", row.get("source"));
			TrackedEvent event = parse((String) row.get("payload"));
			if (event != null) {
				ShopperIds ids = event.shopper();
				Map<String, Object> shopper = new LinkedHashMap<>();
				shopper.put("visitorId", ids.visitorId());
				shopper.put("customerId", ids.customerId());
				shopper.put("email", ids.email());
				shopper.put("emailVerified", ids.emailVerified());
				item.put("shopper", shopper);
				item.put("cartCode", event.cartCode());
				item.put("properties", event.properties());
			}
			items.add(item);
		}
		return items;
	}

	private static TrackedEvent parse(String payload) {
		try {
			return (payload != null) ? TrackedEventJson.fromJson(payload) : null;
		}
		catch (RuntimeException ex) {
			return null; // an event type this version does not know: the row's columns still tell the story
		}
	}

	private static List<Map<String, Object>> rename(List<Map<String, Object>> rows, String from, String to) {
		List<Map<String, Object>> renamed = camel(rows);
		String fromCamel = camel(from);
		for (Map<String, Object> row : renamed) {
			if (row.containsKey(fromCamel)) {
				Map<String, Object> copy = new LinkedHashMap<>();
				row.forEach((key, value) -> copy.put(key.equals(fromCamel) ? to : key, value));
				row.clear();
				row.putAll(copy);
			}
		}
		return renamed;
	}

	/** snake_case columns to camelCase keys; times to ISO strings. */
	static List<Map<String, Object>> camel(List<Map<String, Object>> rows) {
		List<Map<String, Object>> views = new ArrayList<>();
		for (Map<String, Object> row : rows) {
			Map<String, Object> view = new LinkedHashMap<>();
			row.forEach((key, value) -> view.put(camel(key), (value instanceof Instant) ? iso(value) : value));
			views.add(view);
		}
		return views;
	}

	private static String camel(String column) {
		StringBuilder out = new StringBuilder();
		boolean upper = false;
		for (char c : column.toCharArray()) {
			if (c == '_') {
				upper = true;
			}
			else {
				out.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return out.toString();
	}

	static String iso(Object time) {
		if (time instanceof Instant) {
			return time.toString();
		}
		return null;
	}

}
