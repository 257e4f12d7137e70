package org.remarketing.core.contacts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * A contact's product and category view counters gathered in memory while its events are applied,
 * written in a few batched statements when the contact row is written. Views only add up and
 * their times only move forward, so gathering them changes no result; nothing reads them
 * meanwhile (carts and orders read other columns of the same rows, and a merge happens only after
 * the counters were written).
 */
final class ViewCounts {

	private final Map<Long, Product> products = new LinkedHashMap<>();

	private final Map<String, Category> categories = new LinkedHashMap<>();

	void productViewed(long productId, String sku, String category, Instant at) {
		Product product = product(productId, sku);
		product.category = (category != null) ? category : product.category;
		product.views++;
		product.lastViewedAt = ContactRow.max(product.lastViewedAt, at);
	}

	void secondsOnProduct(long productId, String sku, int seconds) {
		product(productId, sku).seconds += seconds;
	}

	void categoryViewed(String code, Instant at) {
		Category category = this.categories.computeIfAbsent(code, (key) -> new Category());
		category.views++;
		category.lastViewedAt = ContactRow.max(category.lastViewedAt, at);
	}

	private Product product(long productId, String sku) {
		Product product = this.products.computeIfAbsent(productId, (key) -> new Product());
		product.sku = (sku != null) ? sku : product.sku;
		return product;
	}

	/** Adds the gathered counts to the contact's rows (creating the rows it has not got yet) and forgets them. */
	void write(JdbcOperations jdbc, long contactId) {
		if (!this.products.isEmpty()) {
			Set<Long> known = existing(jdbc, "SELECT product_id FROM rmk_contact_product WHERE contact_id = ?"
					+ " AND product_id IN ", contactId, this.products.keySet()).stream()
				.map((value) -> ((Number) value).longValue())
				.collect(Collectors.toSet());
			List<Object[]> updates = new ArrayList<>();
			List<Object[]> secondsOnly = new ArrayList<>();
			List<Object[]> inserts = new ArrayList<>();
			this.products.forEach((productId, p) -> {
				if (known.contains(productId) && p.lastViewedAt == null) { // time on page only
					secondsOnly.add(new Object[] { p.seconds, p.sku, contactId, productId });
				}
				else if (known.contains(productId)) {
					updates.add(new Object[] { p.views, p.seconds, p.sku, p.category, ts(p.lastViewedAt),
							ts(p.lastViewedAt), contactId, productId });
				}
				else {
					inserts.add(new Object[] { contactId, productId, p.sku, p.category, p.views, p.seconds,
							ts(p.lastViewedAt) });
				}
			});
			batch(jdbc, "UPDATE rmk_contact_product SET views = views + ?, view_seconds = view_seconds + ?,"
					+ " sku = COALESCE(?, sku), category_code = COALESCE(?, category_code), last_viewed_at = " + later("last_viewed_at")
					+ " WHERE contact_id = ? AND product_id = ?", updates);
			batch(jdbc, "UPDATE rmk_contact_product SET view_seconds = view_seconds + ?, sku = COALESCE(?, sku)"
					+ " WHERE contact_id = ? AND product_id = ?", secondsOnly);
			batch(jdbc, "INSERT INTO rmk_contact_product (contact_id, product_id, sku, category_code, views,"
					+ " view_seconds, cart_quantity, bought_count, last_viewed_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?)",
					inserts);
			this.products.clear();
		}
		if (!this.categories.isEmpty()) {
			Set<Object> known = new HashSet<>(existing(jdbc, "SELECT category_code FROM rmk_contact_category"
					+ " WHERE contact_id = ? AND category_code IN ", contactId, this.categories.keySet()));
			List<Object[]> updates = new ArrayList<>();
			List<Object[]> inserts = new ArrayList<>();
			this.categories.forEach((code, c) -> {
				if (known.contains(code)) {
					updates.add(new Object[] { c.views, ts(c.lastViewedAt), ts(c.lastViewedAt), contactId, code });
				}
				else {
					inserts.add(new Object[] { contactId, code, c.views, ts(c.lastViewedAt) });
				}
			});
			batch(jdbc, "UPDATE rmk_contact_category SET views = views + ?, last_viewed_at = " + later("last_viewed_at")
					+ " WHERE contact_id = ? AND category_code = ?", updates);
			batch(jdbc, "INSERT INTO rmk_contact_category (contact_id, category_code, views, bought_count,"
					+ " last_viewed_at) VALUES (?, ?, ?, 0, ?)", inserts);
			this.categories.clear();
		}
	}

	private static List<Object> existing(JdbcOperations jdbc, String select, long contactId, Set<?> keys) {
		List<Object> args = new ArrayList<>();
		args.add(contactId);
		args.addAll(keys);
		String marks = keys.stream().map((key) -> "?").collect(Collectors.joining(", ", "(", ")"));
		return jdbc.query(select + marks, (rs, i) -> rs.getObject(1), args.toArray());
	}

	private static void batch(JdbcOperations jdbc, String sql, List<Object[]> rows) {
		if (rows.size() == 1) {
			jdbc.update(sql, rows.get(0));
		}
		else if (!rows.isEmpty()) {
			jdbc.batchUpdate(sql, rows);
		}
	}

	/** SQL keeping the later of a column and a bound time (bind the time twice). */
	private static String later(String column) {
		return "CASE WHEN " + column + " IS NULL OR " + column + " < ? THEN ? ELSE " + column + " END";
	}

	private static Object ts(Instant instant) {
		return ContactRows.ts(instant);
	}

	private static final class Product {

		String sku;

		String category;

		int views;

		int seconds;

		Instant lastViewedAt;

	}

	private static final class Category {

		int views;

		Instant lastViewedAt;

	}

}
