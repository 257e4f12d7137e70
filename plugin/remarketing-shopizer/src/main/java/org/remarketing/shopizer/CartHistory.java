package org.remarketing.shopizer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Open carts of registered customers ({@code SHOPPING_CART} rows without an {@code ORDER_ID}): one
 * {@code cart_item_added} per line, with the line's whole quantity, dated at the cart's last
 * change (the latest of the cart's and its lines' dates).
 *
 * <p>A cart that changed since capture started is left out: its changes since then are events of
 * their own, and its lines as they are now would count those changes a second time. A guest's cart
 * names nobody (its cart code proves nothing), so it is not read at all.
 */
final class CartHistory extends HistoryPhase {

	/** Open carts of registered customers. */
	private static final String OPEN = "ORDER_ID IS NULL AND CUSTOMER_ID IS NOT NULL";

	CartHistory(ShopizerMapping.Tables tables) {
		super("carts", tables, tables.cart, "SHP_CART_ID", OPEN);
	}

	@Override
	Page read(JdbcOperations jdbc, long afterId, long maxId, int size, Instant boundary) {
		Map<Long, Cart> carts = new LinkedHashMap<>();
		jdbc.query("SELECT SHP_CART_ID, SHP_CART_CODE, CUSTOMER_ID, DATE_CREATED, DATE_MODIFIED FROM " + this.tables.cart
				+ " WHERE SHP_CART_ID > ? AND SHP_CART_ID <= ? AND " + OPEN + " ORDER BY SHP_CART_ID LIMIT ?", (rs) -> {
					Cart cart = new Cart(rs.getLong("SHP_CART_ID"), rs.getString("SHP_CART_CODE"),
							rs.getLong("CUSTOMER_ID"));
					cart.lastChange = latest(instant(rs, "DATE_CREATED"), instant(rs, "DATE_MODIFIED"));
					carts.put(cart.id, cart);
				}, afterId, maxId, size);
		if (carts.isEmpty()) {
			return Page.empty();
		}
		for (List<Long> ids : chunks(carts.keySet())) {
			jdbc.query("SELECT SHP_CART_ITEM_ID, SHP_CART_ID, PRODUCT_ID, SKU, QUANTITY, PRODUCT_VARIANT, DATE_CREATED,"
					+ " DATE_MODIFIED FROM " + this.tables.cartItem + " WHERE SHP_CART_ID IN (" + marks(ids.size())
					+ ") ORDER BY SHP_CART_ITEM_ID", (rs) -> {
						Cart cart = carts.get(rs.getLong("SHP_CART_ID"));
						cart.lastChange = latest(cart.lastChange,
								latest(instant(rs, "DATE_CREATED"), instant(rs, "DATE_MODIFIED")));
						Map<String, Object> line = new LinkedHashMap<>();
						line.put("item_id", rs.getLong("SHP_CART_ITEM_ID"));
						line.put("product_id", longOrNull(rs, "PRODUCT_ID"));
						line.put("sku", trimmed(rs.getString("SKU")));
						line.put("variant_id", longOrNull(rs, "PRODUCT_VARIANT"));
						line.put("quantity", longOrNull(rs, "QUANTITY"));
						cart.lines.add(line);
					}, ids.toArray());
		}
		List<TrackedEvent> events = new ArrayList<>();
		int skipped = 0;
		long lastId = afterId;
		for (Cart cart : carts.values()) {
			lastId = cart.id;
			if (cart.lines.isEmpty()) {
				continue; // nothing in it
			}
			if (cart.lastChange == null || !cart.lastChange.isBefore(boundary)) {
				skipped++; // changed since capture started (or undated): its live events tell it
				continue;
			}
			ShopperIds shopper = ShopperIds.of(null, cart.customerId, null, false);
			for (Map<String, Object> line : cart.lines) {
				Object itemId = line.remove("item_id");
				events.add(event(EventType.CART_ITEM_ADDED, eventId("cart-item", itemId), cart.lastChange, shopper)
					.cartCode(cart.code)
					.properties(line)
					.build());
			}
		}
		return new Page(lastId, carts.size(), skipped, events);
	}

	private static final class Cart {

		final long id;

		final String code;

		final long customerId;

		Instant lastChange;

		final List<Map<String, Object>> lines = new ArrayList<>();

		Cart(long id, String code, long customerId) {
			this.id = id;
			this.code = code;
			this.customerId = customerId;
		}

	}

}
