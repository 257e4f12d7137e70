package org.remarketing.core.contacts;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * The contact's current cart, line by line, kept on {@code rmk_contact_product}
 * ({@code cart_quantity}, {@code cart_price}); the profile's {@code cart_items} and
 * {@code cart_value} are their sums.
 */
final class CartLines {

	private CartLines() {
	}

	static void clear(JdbcOperations jdbc, long contactId) {
		jdbc.update("UPDATE rmk_contact_product SET cart_quantity = 0 WHERE contact_id = ? AND cart_quantity <> 0",
				contactId);
	}

	static void refreshTotals(JdbcOperations jdbc, ContactRow row) {
		List<Map<String, Object>> lines = SqlRows.list(jdbc,
				"SELECT cart_quantity, cart_price FROM rmk_contact_product WHERE contact_id = ? AND cart_quantity > 0",
				row.id);
		long items = 0;
		BigDecimal value = BigDecimal.ZERO;
		for (Map<String, Object> line : lines) {
			long quantity = ((Number) line.get("cart_quantity")).longValue();
			BigDecimal price = (BigDecimal) line.get("cart_price");
			items += quantity;
			if (price != null) {
				value = value.add(price.multiply(BigDecimal.valueOf(quantity)));
			}
		}
		row.cartItems = (int) Math.min(items, Integer.MAX_VALUE);
		row.cartValue = EventDetails.capped(value);
	}

}
