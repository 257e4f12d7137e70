package org.remarketing.shopizer;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Orders ({@code ORDERS} with their {@code ORDER_PRODUCT} lines), guests' too: one
 * {@code order_placed} each, as capture writes it (the order's customer id unless it is a guest's
 * anonymous row, its email as verified, cart code, total, currency, status, language, lines sorted
 * by SKU), plus per line the product id and a category of the product of that SKU in the order's
 * store (capture's lines have only the SKU). A refunded or cancelled order adds an
 * {@code order_status_changed} with that status, dated at {@code LAST_MODIFIED}.
 *
 * <p>{@code DATE_PURCHASED} is a date without a time in Shopizer's table: an imported order is
 * dated at the start of that day in this JVM's time zone (the zone Shopizer wrote it in).
 */
final class OrderHistory extends HistoryPhase {

	OrderHistory(ShopizerMapping.Tables tables) {
		super("orders", tables, tables.orders, "ORDER_ID", null);
	}

	@Override
	Page read(JdbcOperations jdbc, long afterId, long maxId, int size, Instant boundary) {
		Map<Long, Row> orders = new LinkedHashMap<>();
		jdbc.query("SELECT o.ORDER_ID, o.ORDER_STATUS, o.CUSTOMER_ID, o.CUSTOMER_EMAIL_ADDRESS, o.ORDER_TOTAL,"
				+ " o.DATE_PURCHASED, o.LAST_MODIFIED, o.CART_CODE, o.LOCALE, o.MERCHANTID, cur.CURRENCY_CODE,"
				+ " c.CUSTOMER_ID AS KNOWN_CUSTOMER, c.CUSTOMER_NICK, c.CUSTOMER_ANONYMOUS FROM " + this.tables.orders
				+ " o LEFT JOIN " + this.tables.currency + " cur ON cur.CURRENCY_ID = o.CURRENCY_ID LEFT JOIN "
				+ this.tables.customer + " c ON c.CUSTOMER_ID = o.CUSTOMER_ID WHERE o.ORDER_ID > ? AND o.ORDER_ID <= ?"
				+ " ORDER BY o.ORDER_ID LIMIT ?", (rs) -> {
					Row row = new Row(rs.getLong("ORDER_ID"));
					row.status = trimmed(rs.getString("ORDER_STATUS"));
					boolean guest = longOrNull(rs, "KNOWN_CUSTOMER") == null || rs.getBoolean("CUSTOMER_ANONYMOUS")
							|| rs.getString("CUSTOMER_NICK") == null;
					row.guest = guest;
					row.customerId = guest ? null : longOrNull(rs, "CUSTOMER_ID");
					row.email = trimmed(rs.getString("CUSTOMER_EMAIL_ADDRESS"));
					row.total = rs.getBigDecimal("ORDER_TOTAL");
					row.purchased = purchased(rs, "DATE_PURCHASED");
					row.modified = instant(rs, "LAST_MODIFIED");
					row.cartCode = trimmed(rs.getString("CART_CODE"));
					row.language = language(rs.getString("LOCALE"));
					row.merchant = longOrNull(rs, "MERCHANTID");
					row.currency = trimmed(rs.getString("CURRENCY_CODE"));
					orders.put(row.id, row);
				}, afterId, maxId, size);
		if (orders.isEmpty()) {
			return Page.empty();
		}
		long lastId = 0;
		for (long id : orders.keySet()) {
			lastId = id; // in id order
		}
		// The page's lines by id range: one statement whatever the page's size.
		jdbc.query("SELECT ORDER_ID, PRODUCT_SKU, PRODUCT_NAME, PRODUCT_QUANTITY, ONETIME_CHARGE FROM "
				+ this.tables.orderProduct + " WHERE ORDER_ID > ? AND ORDER_ID <= ? ORDER BY ORDER_PRODUCT_ID", (rs) -> {
					Row order = orders.get(rs.getLong("ORDER_ID"));
					if (order == null) {
						return;
					}
					Map<String, Object> item = new LinkedHashMap<>();
					item.put("sku", trimmed(rs.getString("PRODUCT_SKU")));
					item.put("name", trimmed(rs.getString("PRODUCT_NAME")));
					item.put("quantity", longOrNull(rs, "PRODUCT_QUANTITY"));
					item.put("price", rs.getBigDecimal("ONETIME_CHARGE"));
					order.items.add(item);
				}, afterId, lastId);
		Map<String, Product> products = products(jdbc, orders.values());
		List<TrackedEvent> events = new ArrayList<>();
		int skipped = 0;
		for (Row order : orders.values()) {
			if (order.purchased == null) {
				skipped++; // never placed (Shopizer sets the date at checkout)
				continue;
			}
			List<Map<String, Object>> items = new ArrayList<>();
			for (Map<String, Object> line : order.items) {
				Map<String, Object> item = new LinkedHashMap<>();
				Product product = products.get(order.merchant + ":" + line.get("sku"));
				if (product != null) {
					item.put("product_id", product.id);
				}
				line.forEach((key, value) -> {
					if (value != null) {
						item.put(key, value);
					}
				});
				if (product != null && product.category != null) {
					item.put("category", product.category);
				}
				items.add(item);
			}
			items.sort(Comparator.comparing((Map<String, Object> item) -> String.valueOf(item.get("sku"))));
			ShopperIds shopper = ShopperIds.of(null, order.customerId, order.email, true);
			events.add(event(EventType.ORDER_PLACED, eventId("order", order.id), order.purchased, shopper)
				.cartCode(order.cartCode)
				.property("order_id", order.id)
				.property("value", order.total)
				.property("currency", order.currency)
				.property("status", order.status)
				.property("guest", order.guest)
				.property("language", order.language)
				.property("items", items)
				.build());
			if ("REFUNDED".equals(order.status) || "CANCELED".equals(order.status)) {
				Instant at = (order.modified != null && order.modified.isAfter(order.purchased)) ? order.modified
						: order.purchased;
				events.add(event(EventType.ORDER_STATUS_CHANGED, eventId("order-status", order.id + ":" + order.status),
						at, shopper)
					.cartCode(order.cartCode)
					.property("order_id", order.id)
					.property("status", order.status)
					.property("value", order.total)
					.property("currency", order.currency)
					.build());
			}
		}
		return new Page(lastId, orders.size(), skipped, events);
	}

	/** The products of the page's SKUs in their orders' stores, with the first category of each ("merchant:sku"). */
	private Map<String, Product> products(JdbcOperations jdbc, Iterable<Row> orders) {
		Set<String> skus = new LinkedHashSet<>();
		for (Row order : orders) {
			for (Map<String, Object> line : order.items) {
				if (line.get("sku") != null) {
					skus.add((String) line.get("sku"));
				}
			}
		}
		Map<String, Product> bySku = new HashMap<>();
		Map<Long, Product> byId = new HashMap<>();
		for (List<String> chunk : chunks(skus)) {
			jdbc.query("SELECT PRODUCT_ID, SKU, MERCHANT_ID FROM " + this.tables.product + " WHERE SKU IN ("
					+ marks(chunk.size()) + ")", (rs) -> {
						Product product = new Product(rs.getLong("PRODUCT_ID"));
						bySku.put(longOrNull(rs, "MERCHANT_ID") + ":" + rs.getString("SKU").trim(), product);
						byId.put(product.id, product);
					}, chunk.toArray());
		}
		for (List<Long> chunk : chunks(byId.keySet())) {
			jdbc.query("SELECT pc.PRODUCT_ID, cat.CODE FROM " + this.tables.productCategory + " pc JOIN "
					+ this.tables.category + " cat ON cat.CATEGORY_ID = pc.CATEGORY_ID WHERE pc.PRODUCT_ID IN ("
					+ marks(chunk.size()) + ") ORDER BY pc.PRODUCT_ID, cat.CATEGORY_ID", (rs) -> {
						Product product = byId.get(rs.getLong("PRODUCT_ID"));
						if (product.category == null) {
							product.category = trimmed(rs.getString("CODE"));
						}
					}, chunk.toArray());
		}
		return bySku;
	}

	/** An order's purchase day (a DATE column) as the start of that day in the JVM's zone, which Shopizer wrote it in. */
	static Instant purchased(ResultSet rs, String column) throws SQLException {
		Date date = rs.getDate(column);
		return (date != null) ? date.toLocalDate().atStartOfDay(ZoneId.systemDefault()).toInstant() : null;
	}

	/** "en" of a locale column such as "en_US". */
	private static String language(String locale) {
		String value = trimmed(locale);
		if (value == null) {
			return null;
		}
		int cut = value.indexOf('_');
		return (cut > 0) ? value.substring(0, cut) : value;
	}

	private static final class Row {

		final long id;

		String status;

		boolean guest;

		Long customerId;

		String email;

		BigDecimal total;

		Instant purchased;

		Instant modified;

		String cartCode;

		String language;

		Long merchant;

		String currency;

		final List<Map<String, Object>> items = new ArrayList<>();

		Row(long id) {
			this.id = id;
		}

	}

	private static final class Product {

		final long id;

		String category;

		Product(long id) {
			this.id = id;
		}

	}

}
