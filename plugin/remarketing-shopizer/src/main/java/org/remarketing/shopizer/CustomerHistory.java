package org.remarketing.shopizer;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Registered customers ({@code CUSTOMER} rows with a nick, not anonymous): one
 * {@code customer_registered} each, as capture writes it (customer id, the store's verified email,
 * billing first and last name, birthday, gender, language code).
 *
 * <p>Dated at {@code DATE_CREATED}, else {@code DATE_MODIFIED}. Shopizer fills neither (its
 * customers have no audit listener): such a customer is dated at their first order, since they
 * were a customer by then, else at the moment capture started. A guest checkout's anonymous row
 * is no event (its email comes with the order), as in capture.
 */
final class CustomerHistory extends HistoryPhase {

	CustomerHistory(ShopizerMapping.Tables tables) {
		super("customers", tables, tables.customer, "CUSTOMER_ID", null);
	}

	@Override
	Page read(JdbcOperations jdbc, long afterId, long maxId, int size, Instant boundary) {
		List<Row> rows = new ArrayList<>();
		jdbc.query("SELECT c.CUSTOMER_ID, c.CUSTOMER_EMAIL_ADDRESS, c.CUSTOMER_NICK, c.CUSTOMER_ANONYMOUS, c.CUSTOMER_DOB,"
				+ " c.CUSTOMER_GENDER, c.BILLING_FIRST_NAME, c.BILLING_LAST_NAME, c.DATE_CREATED, c.DATE_MODIFIED,"
				+ " l.CODE AS LANGUAGE_CODE FROM " + this.tables.customer + " c LEFT JOIN " + this.tables.language
				+ " l ON l.LANGUAGE_ID = c.LANGUAGE_ID WHERE c.CUSTOMER_ID > ? AND c.CUSTOMER_ID <= ?"
				+ " ORDER BY c.CUSTOMER_ID LIMIT ?", (rs) -> {
					Row row = new Row(rs.getLong("CUSTOMER_ID"));
					row.registered = !rs.getBoolean("CUSTOMER_ANONYMOUS") && rs.getString("CUSTOMER_NICK") != null;
					row.email = trimmed(rs.getString("CUSTOMER_EMAIL_ADDRESS"));
					Timestamp birthday = rs.getTimestamp("CUSTOMER_DOB");
					row.birthday = (birthday != null) ? birthday.toLocalDateTime().toLocalDate() : null;
					row.gender = trimmed(rs.getString("CUSTOMER_GENDER"));
					row.firstName = trimmed(rs.getString("BILLING_FIRST_NAME"));
					row.lastName = trimmed(rs.getString("BILLING_LAST_NAME"));
					row.language = trimmed(rs.getString("LANGUAGE_CODE"));
					row.at = (instant(rs, "DATE_CREATED") != null) ? instant(rs, "DATE_CREATED") : instant(rs, "DATE_MODIFIED");
					rows.add(row);
				}, afterId, maxId, size);
		if (rows.isEmpty()) {
			return Page.empty();
		}
		Map<Long, Instant> firstOrders = firstOrders(jdbc, rows);
		List<TrackedEvent> events = new ArrayList<>();
		int skipped = 0;
		for (Row row : rows) {
			if (!row.registered) {
				skipped++;
				continue;
			}
			Instant at = (row.at != null) ? row.at : firstOrders.getOrDefault(row.id, boundary);
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put("customer_id", row.id);
			properties.put("first_name", row.firstName);
			properties.put("last_name", row.lastName);
			properties.put("birthday", (row.birthday != null) ? row.birthday.toString() : null);
			properties.put("gender", row.gender);
			properties.put("language", row.language);
			events.add(event(EventType.CUSTOMER_REGISTERED, eventId("customer", row.id), at,
					ShopperIds.of(null, row.id, row.email, true))
				.properties(properties)
				.build());
		}
		return new Page(rows.get(rows.size() - 1).id, rows.size(), skipped, events);
	}

	/** The first order of the undated registered customers of a page (one query, only when there are some). */
	private Map<Long, Instant> firstOrders(JdbcOperations jdbc, List<Row> rows) {
		List<Long> undated = new ArrayList<>();
		for (Row row : rows) {
			if (row.registered && row.at == null) {
				undated.add(row.id);
			}
		}
		Map<Long, Instant> first = new HashMap<>();
		for (List<Long> ids : chunks(undated)) {
			jdbc.query("SELECT CUSTOMER_ID, MIN(DATE_PURCHASED) AS FIRST_ORDER FROM " + this.tables.orders
					+ " WHERE CUSTOMER_ID IN (" + marks(ids.size()) + ") GROUP BY CUSTOMER_ID", (rs) -> {
						Instant at = OrderHistory.purchased(rs, "FIRST_ORDER");
						if (at != null) {
							first.put(rs.getLong("CUSTOMER_ID"), at);
						}
					}, ids.toArray());
		}
		return first;
	}

	private static final class Row {

		final long id;

		boolean registered;

		String email;

		LocalDate birthday;

		String gender;

		String firstName;

		String lastName;

		String language;

		Instant at;

		Row(long id) {
			this.id = id;
		}

	}

}
