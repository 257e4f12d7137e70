package org.remarketing.core.segments;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.remarketing.core.schema.DbTime;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Every contact's funnel stage ({@code rmk_contact.stage}), which later issues choose content by:
 * <b>loyal</b> (two or more orders), <b>customer</b> (one), <b>intending</b> (a cart or a
 * checkout step), <b>considering</b> (a second visit, a product viewed twice, or two categories
 * browsed), else <b>discovering</b>. {@code stage_at} is when the stage last changed.
 */
final class FunnelStages {

	static final String STAGE = "CASE WHEN c.orders_count >= 2 THEN 'loyal' WHEN c.orders_count = 1 THEN 'customer'"
			+ " WHEN c.cart_items > 0 OR c.checkout_step IS NOT NULL THEN 'intending'"
			+ " WHEN c.visits >= 2 OR EXISTS (SELECT 1 FROM rmk_contact_product sp WHERE sp.contact_id = c.id"
			+ " AND sp.views >= 2) OR (SELECT COUNT(*) FROM rmk_contact_category sk WHERE sk.contact_id = c.id"
			+ " AND sk.views > 0) >= 2 THEN 'considering' ELSE 'discovering' END";

	private final JdbcOperations jdbc;

	FunnelStages(JdbcOperations jdbc) {
		this.jdbc = jdbc;
	}

	void update(List<Long> ids, Instant now) {
		LocalDateTime at = DbTime.utc(now);
		for (List<Long> part : SegmentEngine.parts(ids)) {
			List<Object[]> changed = new ArrayList<>();
			this.jdbc.query("SELECT c.id, c.stage, " + STAGE + " AS computed FROM rmk_contact c WHERE c.merged_into IS NULL"
					+ " AND c.id IN (" + SegmentEngine.marks(part.size()) + ")", (rs) -> {
						String computed = rs.getString("computed");
						if (!computed.equals(rs.getString("stage"))) {
							changed.add(new Object[] { computed, at, rs.getLong("id") });
						}
					}, part.toArray());
			if (!changed.isEmpty()) {
				this.jdbc.batchUpdate("UPDATE rmk_contact SET stage = ?, stage_at = ? WHERE id = ?", changed);
			}
		}
	}

	void updateAll(Instant now, int range) {
		Long max = this.jdbc.queryForObject("SELECT MAX(id) FROM rmk_contact", Long.class);
		for (long from = 0; max != null && from < max; from += range) {
			this.jdbc.update("UPDATE rmk_contact SET stage = " + STAGE.replace("c.", "rmk_contact.")
					+ ", stage_at = ? WHERE id > ? AND id <= ? AND merged_into IS NULL AND (stage IS NULL OR stage <> "
					+ STAGE.replace("c.", "rmk_contact.") + ")", DbTime.utc(now), from, from + range);
		}
	}

}
