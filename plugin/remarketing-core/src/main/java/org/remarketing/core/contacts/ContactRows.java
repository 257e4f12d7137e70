package org.remarketing.core.contacts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.remarketing.core.schema.DbTime;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** Reads and writes {@code rmk_contact} rows. */
final class ContactRows {

	static final String COLUMNS = "id, merged_into, created_at, updated_at, first_seen, last_seen, email, customer_id,"
			+ " first_name, last_name, language, time_zone, birthday, details_at, visits, cart_code, cart_items,"
			+ " cart_value, cart_updated_at, checkout_step, checkout_step_at, orders_count, total_spent,"
			+ " first_order_at, last_order_at";

	static final RowMapper<ContactRow> MAPPER = ContactRows::map;

	private final JdbcOperations jdbc;

	ContactRows(JdbcOperations jdbc) {
		this.jdbc = jdbc;
	}

	long create(Instant now) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.update((Connection connection) -> {
			PreparedStatement insert = connection.prepareStatement(
					"INSERT INTO rmk_contact (created_at, updated_at, visits, cart_items, cart_value, orders_count,"
							+ " total_spent) VALUES (?, ?, 0, 0, 0, 0, 0)",
					new String[] { "id" });
			insert.setObject(1, ts(now));
			insert.setObject(2, ts(now));
			return insert;
		}, keys);
		for (Map<String, Object> row : keys.getKeyList()) {
			for (Object value : row.values()) {
				if (value instanceof Number) {
					return ((Number) value).longValue();
				}
			}
		}
		throw new IllegalStateException("The database returned no id for a new rmk_contact row");
	}

	Optional<ContactRow> find(long id) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM rmk_contact WHERE id = ?", MAPPER, id).stream().findFirst();
	}

	/**
	 * The contact a (possibly merged) id leads to today, or empty if there is none (never
	 * existed, or erased).
	 */
	Optional<Long> survivorOf(long id) {
		return Merges.survivorOf(this.jdbc, id);
	}

	/** Locks the rows (in id order, so two transactions never wait on each other in a circle). */
	List<ContactRow> lock(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return new ArrayList<>();
		}
		String marks = ids.stream().map((id) -> "?").collect(Collectors.joining(", "));
		return this.jdbc.query("SELECT " + COLUMNS + " FROM rmk_contact WHERE id IN (" + marks + ") ORDER BY id FOR UPDATE",
				MAPPER, ids.toArray());
	}

	/** Writes the row back, with the view counts gathered on it. */
	void save(ContactRow row, Instant now) {
		row.views.write(this.jdbc, row.id);
		row.updatedAt = now;
		this.jdbc.update("UPDATE rmk_contact SET updated_at = ?, first_seen = ?, last_seen = ?, email = ?, customer_id = ?,"
				+ " first_name = ?, last_name = ?, language = ?, time_zone = ?, birthday = ?, details_at = ?, visits = ?,"
				+ " cart_code = ?, cart_items = ?, cart_value = ?, cart_updated_at = ?, checkout_step = ?,"
				+ " checkout_step_at = ?, orders_count = ?, total_spent = ?, first_order_at = ?, last_order_at = ?"
				+ " WHERE id = ?", ts(now), ts(row.firstSeen), ts(row.lastSeen), row.email, row.customerId,
				row.firstName, row.lastName, row.language, row.timeZone,
				(row.birthday != null) ? java.sql.Date.valueOf(row.birthday) : null, ts(row.detailsAt), row.visits,
				row.cartCode, row.cartItems, row.cartValue, ts(row.cartUpdatedAt), row.checkoutStep,
				ts(row.checkoutStepAt), row.ordersCount, row.totalSpent, ts(row.firstOrderAt), ts(row.lastOrderAt),
				row.id);
	}

	/** Leaves a tombstone pointing at the survivor; nothing personal stays on it. */
	void markMerged(long loser, long survivor, Instant now) {
		this.jdbc.update("UPDATE rmk_contact SET merged_into = ? WHERE merged_into = ?", survivor, loser);
		this.jdbc.update("UPDATE rmk_contact SET merged_into = ?, updated_at = ?, email = NULL, customer_id = NULL,"
				+ " first_name = NULL, last_name = NULL, language = NULL, time_zone = NULL, birthday = NULL,"
				+ " details_at = NULL, visits = 0, cart_code = NULL, cart_items = 0, cart_value = 0,"
				+ " cart_updated_at = NULL, checkout_step = NULL, checkout_step_at = NULL, orders_count = 0,"
				+ " total_spent = 0, first_order_at = NULL, last_order_at = NULL WHERE id = ?", survivor, ts(now),
				loser);
	}

	/**
	 * Times are stored as UTC wall-clock values (as the event log and the outbox do): the same
	 * on every node whatever its JVM's or its database session's time zone.
	 */
	static LocalDateTime ts(Instant instant) {
		return DbTime.utc(instant);
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		LocalDateTime value = rs.getObject(column, LocalDateTime.class);
		return (value != null) ? value.toInstant(ZoneOffset.UTC) : null;
	}

	static Long nullableLong(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	private static ContactRow map(ResultSet rs, int rowNum) throws SQLException {
		ContactRow row = new ContactRow();
		row.id = rs.getLong("id");
		row.mergedInto = nullableLong(rs, "merged_into");
		row.createdAt = instant(rs, "created_at");
		row.updatedAt = instant(rs, "updated_at");
		row.firstSeen = instant(rs, "first_seen");
		row.lastSeen = instant(rs, "last_seen");
		row.email = rs.getString("email");
		row.customerId = nullableLong(rs, "customer_id");
		row.firstName = rs.getString("first_name");
		row.lastName = rs.getString("last_name");
		row.language = rs.getString("language");
		row.timeZone = rs.getString("time_zone");
		java.sql.Date birthday = rs.getDate("birthday");
		row.birthday = (birthday != null) ? birthday.toLocalDate() : null;
		row.detailsAt = instant(rs, "details_at");
		row.visits = rs.getInt("visits");
		row.cartCode = rs.getString("cart_code");
		row.cartItems = rs.getInt("cart_items");
		row.cartValue = rs.getBigDecimal("cart_value");
		row.cartUpdatedAt = instant(rs, "cart_updated_at");
		row.checkoutStep = rs.getString("checkout_step");
		row.checkoutStepAt = instant(rs, "checkout_step_at");
		row.ordersCount = rs.getInt("orders_count");
		row.totalSpent = rs.getBigDecimal("total_spent");
		row.firstOrderAt = instant(rs, "first_order_at");
		row.lastOrderAt = instant(rs, "last_order_at");
		return row;
	}

}
