package org.remarketing.core.contacts;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.TrackedEvent;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Keeps a contact's profile current as its events are applied; see
 * {@link ContactEventProcessor} for the property keys read per event type. Late (older) events
 * are recorded but never move a date backwards nor undo a newer state.
 */
final class ProfileUpdater {

	/** A page view after this much quiet is a new visit. */
	static final Duration SESSION_GAP = Duration.ofMinutes(30);

	private static final int MAX_QUANTITY = 100_000;

	private static final int MAX_SECONDS = 24 * 3600;

	private final JdbcOperations jdbc;

	ProfileUpdater(JdbcOperations jdbc) {
		this.jdbc = jdbc;
	}

	void apply(ContactRow row, TrackedEvent event) {
		EventDetails details = new EventDetails(event.properties());
		Instant at = event.occurredAt();
		Instant previouslySeen = row.lastSeen;
		if (event.type() != EventType.ORDER_STATUS_CHANGED) {
			// a status change is the merchant's doing, not the shopper's
			row.seen(at);
		}
		switch (event.type()) {
			case PAGE_VIEW:
				visit(row, details, at, previouslySeen);
				break;
			case PRODUCT_VIEW:
				productViewed(row, details, at);
				categoryViewed(row, details.code("category", 100), at);
				break;
			case CATEGORY_VIEW:
				categoryViewed(row, details.code("category", 100), at);
				break;
			case PAGE_LEAVE:
				timeOnProduct(row, details);
				break;
			case BEGIN_CHECKOUT:
			case ADD_SHIPPING_INFO:
			case ADD_PAYMENT_INFO:
				checkoutStep(row, event.type(), at);
				break;
			case CART_ITEM_ADDED:
			case CART_QUANTITY_CHANGED:
			case CART_ITEM_REMOVED:
			case CART_EMPTIED:
			case CART_MERGED:
				cartChanged(row, event, details, at);
				break;
			case CART_CONVERTED:
				cartCleared(row, at);
				break;
			case ORDER_PLACED:
				orderPlaced(row, details, at);
				break;
			case ORDER_STATUS_CHANGED:
				orderStatusChanged(row, details, at);
				break;
			case CUSTOMER_REGISTERED:
			case CUSTOMER_UPDATED:
				details(row, details, at);
				break;
			case NEWSLETTER_OPT_IN:
				consent(row, event, details, ConsentChannel.EMAIL, true, "store-newsletter");
				break;
			case NEWSLETTER_OPT_OUT:
				consent(row, event, details, ConsentChannel.EMAIL, false, "store-newsletter");
				break;
			case EMAIL_OPT_OUT:
				consent(row, event, details, ConsentChannel.EMAIL, false, "checkout-opt-out");
				break;
			case CONSENT_CHANGED:
				ConsentChannel channel = ConsentChannel.parse(details.raw("channel")).orElse(null);
				Boolean granted = details.bool("granted");
				if (channel != null && granted != null) {
					consent(row, event, details, channel, granted, "preference-page");
				}
				break;
			default:
				// search, email_captured, login: the timeline and identities are all they change
		}
	}

	private void visit(ContactRow row, EventDetails details, Instant at, Instant previouslySeen) {
		Boolean newSession = details.bool("new_session");
		boolean visit = (newSession != null) ? newSession
				: previouslySeen == null || at.isAfter(previouslySeen.plus(SESSION_GAP));
		if (!visit) {
			return;
		}
		row.visits++;
		String channel = TrafficChannel.of(details);
		int updated = this.jdbc.update("UPDATE rmk_contact_source SET visits = visits + 1, last_at = " + later("last_at")
				+ " WHERE contact_id = ? AND channel = ?", ts(at), ts(at), row.id, channel);
		if (updated == 0) {
			this.jdbc.update("INSERT INTO rmk_contact_source (contact_id, channel, visits, last_at) VALUES (?, ?, 1, ?)",
					row.id, channel, ts(at));
		}
	}

	private void productViewed(ContactRow row, EventDetails details, Instant at) {
		Long productId = details.longValue("product_id");
		if (productId != null) {
			row.views.productViewed(productId, details.code("sku", 100), details.code("category", 100), at);
		}
	}

	private void timeOnProduct(ContactRow row, EventDetails details) {
		Long productId = details.longValue("product_id");
		Integer seconds = details.count("seconds", MAX_SECONDS);
		if (productId != null && seconds != null && seconds > 0) {
			row.views.secondsOnProduct(productId, details.code("sku", 100), seconds);
		}
	}

	private void categoryViewed(ContactRow row, String category, Instant at) {
		if (category != null) {
			row.views.categoryViewed(category, at);
		}
	}

	private void checkoutStep(ContactRow row, EventType step, Instant at) {
		if (row.lastOrderAt != null && !at.isAfter(row.lastOrderAt)) {
			return; // a step of an order already placed
		}
		if (stepRank(step.wireName()) >= stepRank(row.checkoutStep)) {
			row.checkoutStep = step.wireName();
			row.checkoutStepAt = ContactRow.max(row.checkoutStepAt, at);
		}
	}

	private static int stepRank(String step) {
		if (EventType.BEGIN_CHECKOUT.wireName().equals(step)) {
			return 1;
		}
		if (EventType.ADD_SHIPPING_INFO.wireName().equals(step)) {
			return 2;
		}
		if (EventType.ADD_PAYMENT_INFO.wireName().equals(step)) {
			return 3;
		}
		return 0;
	}

	private void cartChanged(ContactRow row, TrackedEvent event, EventDetails details, Instant at) {
		if (row.cartUpdatedAt != null && at.isBefore(row.cartUpdatedAt)) {
			return; // an older change arriving late: the cart already reflects a newer one
		}
		String cartCode = IdentityResolver.valid(event.cartCode(), 64);
		if (cartCode != null && row.cartCode != null && !cartCode.equals(row.cartCode)) {
			CartLines.clear(this.jdbc, row.id); // another cart is the current one now
		}
		if (cartCode != null) {
			row.cartCode = cartCode;
		}
		Long productId = details.longValue("product_id");
		Integer quantity = details.count("quantity", MAX_QUANTITY);
		BigDecimal price = details.amount("price");
		switch (event.type()) {
			case CART_ITEM_ADDED:
				if (productId != null) {
					ensureProduct(row.id, productId, details.code("sku", 100));
					this.jdbc.update("UPDATE rmk_contact_product SET cart_quantity = cart_quantity + ?,"
							+ " cart_price = COALESCE(?, cart_price), added_to_cart_at = " + later("added_to_cart_at")
							+ " WHERE contact_id = ? AND product_id = ?", (quantity != null) ? quantity : 1, price,
							ts(at), ts(at), row.id, productId);
				}
				break;
			case CART_QUANTITY_CHANGED:
				if (productId != null && quantity != null) {
					ensureProduct(row.id, productId, details.code("sku", 100));
					this.jdbc.update("UPDATE rmk_contact_product SET cart_quantity = ?, cart_price = COALESCE(?, cart_price)"
							+ " WHERE contact_id = ? AND product_id = ?", quantity, price, row.id, productId);
				}
				break;
			case CART_ITEM_REMOVED:
				if (productId != null) {
					this.jdbc.update("UPDATE rmk_contact_product SET cart_quantity = 0 WHERE contact_id = ?"
							+ " AND product_id = ?", row.id, productId);
				}
				break;
			case CART_EMPTIED:
				CartLines.clear(this.jdbc, row.id);
				break;
			default:
				// cart_merged: the cart code moves; its lines arrive as their own events
		}
		row.cartUpdatedAt = at;
		CartLines.refreshTotals(this.jdbc, row);
	}

	private void cartCleared(ContactRow row, Instant at) {
		if (row.cartUpdatedAt != null && at.isBefore(row.cartUpdatedAt)) {
			return;
		}
		CartLines.clear(this.jdbc, row.id);
		row.cartCode = null;
		row.cartUpdatedAt = at;
		row.cartItems = 0;
		row.cartValue = BigDecimal.ZERO;
	}

	private void orderPlaced(ContactRow row, EventDetails details, Instant at) {
		String orderId = details.code("order_id", 64);
		List<EventDetails> items = details.items("items");
		BigDecimal value = details.amount("value");
		if (value == null) {
			value = BigDecimal.ZERO;
			for (EventDetails item : items) {
				BigDecimal price = item.amount("price");
				Integer quantity = item.count("quantity", MAX_QUANTITY);
				if (price != null) {
					value = value.add(price.multiply(BigDecimal.valueOf((quantity != null) ? quantity : 1)));
				}
			}
			value = EventDetails.capped(value);
		}
		boolean counts = true;
		if (orderId != null) {
			List<Map<String, Object>> known = SqlRows.list(this.jdbc,
					"SELECT placed_at, status FROM rmk_contact_order WHERE order_id = ?", orderId);
			if (!known.isEmpty() && known.get(0).get("placed_at") != null) {
				return; // the same order captured twice (under two event ids)
			}
			String currency = details.code("currency", 3);
			if (known.isEmpty()) {
				this.jdbc.update("INSERT INTO rmk_contact_order (order_id, contact_id, total, currency, status, placed_at,"
						+ " counted, updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)", orderId, row.id, value, currency,
						ts(at), true, ts(at));
			}
			else {
				// its status change came first (out of order): count it unless it is already undone
				counts = !undone((String) known.get(0).get("status"));
				this.jdbc.update("UPDATE rmk_contact_order SET contact_id = ?, total = ?, currency = ?, placed_at = ?,"
						+ " counted = ?, updated_at = ? WHERE order_id = ?", row.id, value, currency, ts(at), counts,
						ts(at), orderId);
			}
		}
		if (counts) {
			row.ordersCount++;
			row.totalSpent = EventDetails.capped(row.totalSpent.add(value));
		}
		row.firstOrderAt = ContactRow.min(row.firstOrderAt, at);
		row.lastOrderAt = ContactRow.max(row.lastOrderAt, at);
		for (EventDetails item : items) {
			Long productId = item.longValue("product_id");
			Integer quantity = item.count("quantity", MAX_QUANTITY);
			String category = item.code("category", 100);
			if (productId != null) {
				ensureProduct(row.id, productId, item.code("sku", 100));
				this.jdbc.update("UPDATE rmk_contact_product SET bought_count = bought_count + ?, category_code ="
						+ " COALESCE(?, category_code), last_bought_at = " + later("last_bought_at")
						+ " WHERE contact_id = ? AND product_id = ?", (quantity != null && quantity > 0) ? quantity : 1,
						category, ts(at), ts(at), row.id, productId);
			}
			if (category != null) {
				ensureCategory(row.id, category);
				this.jdbc.update("UPDATE rmk_contact_category SET bought_count = bought_count + 1 WHERE contact_id = ?"
						+ " AND category_code = ?", row.id, category);
			}
		}
		cartCleared(row, at);
		if (row.checkoutStepAt != null && !row.checkoutStepAt.isAfter(at)) {
			row.checkoutStep = null;
			row.checkoutStepAt = null;
		}
	}

	private void orderStatusChanged(ContactRow row, EventDetails details, Instant at) {
		String orderId = details.code("order_id", 64);
		String status = details.code("status", 32);
		if (orderId == null || status == null) {
			return;
		}
		status = status.toUpperCase(Locale.ROOT);
		List<Map<String, Object>> known = SqlRows.list(this.jdbc,
				"SELECT contact_id, total, counted FROM rmk_contact_order WHERE order_id = ?", orderId);
		if (known.isEmpty()) {
			BigDecimal value = details.amount("value");
			this.jdbc.update("INSERT INTO rmk_contact_order (order_id, contact_id, total, currency, status, placed_at,"
					+ " counted, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)", orderId, row.id,
					(value != null) ? value : BigDecimal.ZERO, details.code("currency", 3), status, false, ts(at));
			return;
		}
		Map<String, Object> order = known.get(0);
		boolean takeOut = Boolean.TRUE.equals(order.get("counted")) && undone(status);
		this.jdbc.update("UPDATE rmk_contact_order SET status = ?, counted = ?, updated_at = ? WHERE order_id = ?", status,
				Boolean.TRUE.equals(order.get("counted")) && !takeOut, ts(at), orderId);
		if (!takeOut) {
			return;
		}
		BigDecimal total = (BigDecimal) order.get("total");
		long owner = ((Number) order.get("contact_id")).longValue();
		if (owner == row.id) {
			row.ordersCount = Math.max(0, row.ordersCount - 1);
			row.totalSpent = row.totalSpent.subtract(total).max(BigDecimal.ZERO);
		}
		else {
			this.jdbc.update("UPDATE rmk_contact SET orders_count = CASE WHEN orders_count > 0 THEN orders_count - 1"
					+ " ELSE 0 END, total_spent = CASE WHEN total_spent > ? THEN total_spent - ? ELSE 0 END WHERE id = ?",
					total, total, owner);
		}
	}

	private static boolean undone(String status) {
		return status != null && (status.equals("REFUNDED") || status.equals("CANCELED") || status.equals("CANCELLED"));
	}

	private void details(ContactRow row, EventDetails details, Instant at) {
		if (row.detailsAt != null && at.isBefore(row.detailsAt)) {
			return; // a newer update already won
		}
		String firstName = details.text("first_name", 64);
		String lastName = details.text("last_name", 64);
		LocalDate birthday = details.date("birthday");
		String language = details.code("language", 8);
		String timeZone = details.code("time_zone", 64);
		row.firstName = (firstName != null) ? firstName : row.firstName;
		row.lastName = (lastName != null) ? lastName : row.lastName;
		row.birthday = (birthday != null) ? birthday : row.birthday;
		row.language = (language != null) ? language : row.language;
		row.timeZone = (timeZone != null) ? timeZone : row.timeZone;
		row.detailsAt = at;
	}

	private void consent(ContactRow row, TrackedEvent event, EventDetails details, ConsentChannel channel,
			boolean granted, String defaultSource) {
		String source = details.code("source", 64);
		Map<String, Object> proof = new LinkedHashMap<>();
		proof.put("text", details.text("consent_text", 2000));
		proof.put("url", details.text("url", 2000));
		proof.put("ip_hash", details.code("ip_hash", 128));
		proof.put("event_id", event.id());
		proof.put("event_type", event.type().wireName());
		proof.put("event_source", event.source().name());
		proof.values().removeIf((value) -> value == null);
		this.jdbc.update("INSERT INTO rmk_consent (contact_id, channel, granted, source, proof, event_id, recorded_at)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?)", row.id, channel.name(), granted,
				(source != null) ? source : defaultSource, ContactJson.write(proof), event.id(), ts(event.occurredAt()));
	}

	// Existence is read, not inferred from an UPDATE count: MySQL can report 0 "affected" rows for a row that exists.
	private void ensureProduct(long contactId, long productId, String sku) {
		Integer found = this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_contact_product WHERE contact_id = ?"
				+ " AND product_id = ?", Integer.class, contactId, productId);
		if (found == null || found == 0) {
			this.jdbc.update("INSERT INTO rmk_contact_product (contact_id, product_id, sku, views, view_seconds,"
					+ " cart_quantity, bought_count) VALUES (?, ?, ?, 0, 0, 0, 0)", contactId, productId, sku);
		}
		else if (sku != null) {
			this.jdbc.update("UPDATE rmk_contact_product SET sku = ? WHERE contact_id = ? AND product_id = ?", sku,
					contactId, productId);
		}
	}

	private void ensureCategory(long contactId, String category) {
		Integer found = this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_contact_category WHERE contact_id = ?"
				+ " AND category_code = ?", Integer.class, contactId, category);
		if (found == null || found == 0) {
			this.jdbc.update("INSERT INTO rmk_contact_category (contact_id, category_code, views, bought_count)"
					+ " VALUES (?, ?, 0, 0)", contactId, category);
		}
	}

	/** SQL keeping the later of a column and a bound time (bind the time twice). */
	private static String later(String column) {
		return "CASE WHEN " + column + " IS NULL OR " + column + " < ? THEN ? ELSE " + column + " END";
	}

	private static LocalDateTime ts(Instant instant) {
		return ContactRows.ts(instant);
	}

}
