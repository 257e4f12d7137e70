package org.remarketing.core.contacts;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Joins two contacts that turned out to be one person: the older survives; identities, events,
 * consent history and orders move over; products, categories and sources add up; the loser is
 * left as a tombstone ({@code merged_into}) so old ids still lead to the person.
 */
final class ContactMerger {

	private final JdbcOperations jdbc;

	private final ContactRows rows;

	ContactMerger(JdbcOperations jdbc, ContactRows rows) {
		this.jdbc = jdbc;
		this.rows = rows;
	}

	void merge(ContactRow loser, ContactRow survivor, Instant now) {
		long from = loser.id;
		long to = survivor.id;
		// One cart survives: the one changed last. The other's lines are not in anyone's cart any more.
		long staleCart = survivor.cartOlderThan(loser) ? to : from;
		this.jdbc.update("UPDATE rmk_contact_product SET cart_quantity = 0 WHERE contact_id = ?", staleCart);
		for (String table : new String[] { "rmk_contact_identity", "rmk_event", "rmk_consent", "rmk_contact_order" }) {
			this.jdbc.update("UPDATE " + table + " SET contact_id = ? WHERE contact_id = ?", to, from);
		}
		mergeProducts(from, to);
		mergeCategories(from, to);
		mergeSources(from, to);
		survivor.absorb(loser);
		CartLines.refreshTotals(this.jdbc, survivor);
		this.rows.markMerged(from, to, now);
	}

	private void mergeProducts(long from, long to) {
		List<Map<String, Object>> products = SqlRows.list(this.jdbc, "SELECT product_id, sku, category_code, views, view_seconds,"
				+ " last_viewed_at, added_to_cart_at, cart_quantity, cart_price, bought_count, last_bought_at"
				+ " FROM rmk_contact_product WHERE contact_id = ?", from);
		for (Map<String, Object> p : products) {
			Object productId = p.get("product_id");
			List<Map<String, Object>> mine = SqlRows.list(this.jdbc, "SELECT last_viewed_at, added_to_cart_at,"
					+ " last_bought_at FROM rmk_contact_product WHERE contact_id = ? AND product_id = ?", to, productId);
			if (mine.isEmpty()) {
				this.jdbc.update("UPDATE rmk_contact_product SET contact_id = ? WHERE contact_id = ? AND product_id = ?",
						to, from, productId);
				continue;
			}
			Map<String, Object> m = mine.get(0);
			this.jdbc.update("UPDATE rmk_contact_product SET sku = COALESCE(sku, ?), category_code = COALESCE(category_code, ?), views = views + ?,"
					+ " view_seconds = view_seconds + ?, last_viewed_at = ?, added_to_cart_at = ?,"
					+ " cart_quantity = cart_quantity + ?, cart_price = COALESCE(?, cart_price),"
					+ " bought_count = bought_count + ?, last_bought_at = ? WHERE contact_id = ? AND product_id = ?",
					p.get("sku"), p.get("category_code"), p.get("views"), p.get("view_seconds"),
					later((Instant) m.get("last_viewed_at"), (Instant) p.get("last_viewed_at")),
					later((Instant) m.get("added_to_cart_at"), (Instant) p.get("added_to_cart_at")),
					p.get("cart_quantity"), p.get("cart_price"), p.get("bought_count"),
					later((Instant) m.get("last_bought_at"), (Instant) p.get("last_bought_at")), to, productId);
		}
		this.jdbc.update("DELETE FROM rmk_contact_product WHERE contact_id = ?", from);
	}

	private void mergeCategories(long from, long to) {
		List<Map<String, Object>> categories = SqlRows.list(this.jdbc,
				"SELECT category_code, views, bought_count, last_viewed_at FROM rmk_contact_category WHERE contact_id = ?",
				from);
		for (Map<String, Object> c : categories) {
			Object code = c.get("category_code");
			Instant lastViewed = (Instant) c.get("last_viewed_at");
			List<Map<String, Object>> mine = SqlRows.list(this.jdbc,
					"SELECT last_viewed_at FROM rmk_contact_category WHERE contact_id = ? AND category_code = ?", to, code);
			if (mine.isEmpty()) {
				this.jdbc.update("UPDATE rmk_contact_category SET contact_id = ? WHERE contact_id = ? AND category_code = ?",
						to, from, code);
			}
			else {
				this.jdbc.update("UPDATE rmk_contact_category SET views = views + ?, bought_count = bought_count + ?,"
						+ " last_viewed_at = ? WHERE contact_id = ? AND category_code = ?", c.get("views"),
						c.get("bought_count"), later((Instant) mine.get(0).get("last_viewed_at"), lastViewed), to, code);
			}
		}
		this.jdbc.update("DELETE FROM rmk_contact_category WHERE contact_id = ?", from);
	}

	private void mergeSources(long from, long to) {
		List<Map<String, Object>> sources = SqlRows
			.list(this.jdbc, "SELECT channel, visits, last_at FROM rmk_contact_source WHERE contact_id = ?", from);
		for (Map<String, Object> s : sources) {
			Object channel = s.get("channel");
			List<Map<String, Object>> mine = SqlRows.list(this.jdbc,
					"SELECT last_at FROM rmk_contact_source WHERE contact_id = ? AND channel = ?", to, channel);
			if (mine.isEmpty()) {
				this.jdbc.update("UPDATE rmk_contact_source SET contact_id = ? WHERE contact_id = ? AND channel = ?", to,
						from, channel);
			}
			else {
				this.jdbc.update("UPDATE rmk_contact_source SET visits = visits + ?, last_at = ? WHERE contact_id = ?"
						+ " AND channel = ?", s.get("visits"), later((Instant) mine.get(0).get("last_at"), (Instant) s.get("last_at")), to,
						channel);
			}
		}
		this.jdbc.update("DELETE FROM rmk_contact_source WHERE contact_id = ?", from);
	}

	private static LocalDateTime later(Instant a, Instant b) {
		return ContactRows.ts(ContactRow.max(a, b));
	}

}
