package org.remarketing.web.email;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** A contact with one sent message of a reminder journey, written straight into the plugin's tables. */
final class EmailRows {

	final JdbcTemplate jdbc;

	EmailRows(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A contact, a REMINDER journey run about {@code cartCode}, and a message sent at {@code sentAt}; the message's id. */
	long sentMessage(String email, String cartCode, String productsJson, Instant sentAt) {
		LocalDateTime at = LocalDateTime.ofInstant(sentAt, ZoneOffset.UTC);
		long contact = insert("INSERT INTO rmk_contact (created_at, updated_at, email) VALUES (?, ?, ?)", at, at, email);
		long journey = insert("INSERT INTO rmk_journey (code, name, builtin, enabled, purpose, steps_json, holdout_percent,"
				+ " goal_hours, reentry_days, exit_on_leave, created_at, updated_at) VALUES (?, 'Cart', FALSE, TRUE,"
				+ " 'REMINDER', '[]', 0, 72, 30, TRUE, ?, ?)", "j-" + UUID.randomUUID(), at, at);
		long run = insert("INSERT INTO rmk_journey_run (journey_id, contact_id, entry_key, state, holdout, cart_code,"
				+ " products_json, entered_at) VALUES (?, ?, ?, 'ACTIVE', FALSE, ?, ?, ?)", journey, contact,
				UUID.randomUUID().toString(), cartCode, productsJson, at);
		return insert("INSERT INTO rmk_message (run_id, journey_id, contact_id, step_no, channel, template, send_key, state,"
				+ " due_at, sent_at, recipient, created_at, updated_at) VALUES (?, ?, ?, 1, 'EMAIL', 'cart', ?, 'SENT', ?, ?, ?,"
				+ " ?, ?)", run, journey, contact, UUID.randomUUID().toString(), at, at, email, at, at);
	}

	long contactOf(long messageId) {
		return this.jdbc.queryForObject("SELECT contact_id FROM rmk_message WHERE id = ?", Long.class, messageId);
	}

	void link(long messageId, int linkNo, String url) {
		this.jdbc.update("INSERT INTO rmk_message_link (message_id, link_no, url) VALUES (?, ?, ?)", messageId, linkNo, url);
	}

	List<String> events(long messageId) {
		return this.jdbc.queryForList("SELECT kind FROM rmk_message_event WHERE message_id = ? ORDER BY id", String.class,
				messageId);
	}

	Timestamp time(long messageId, String column) {
		return this.jdbc.queryForObject("SELECT " + column + " FROM rmk_message WHERE id = ?", Timestamp.class, messageId);
	}

	/** The suppression scope of an address, or null. */
	String suppression(String email) {
		List<String> scopes = this.jdbc.queryForList("SELECT scope FROM rmk_suppression WHERE email = ?", String.class,
				email);
		return scopes.isEmpty() ? null : scopes.get(0);
	}

	/** The latest EMAIL consent of the message's contact as "granted source", or null. */
	String emailConsent(long messageId) {
		List<String> latest = this.jdbc.query("SELECT granted, source FROM rmk_consent WHERE contact_id = ? AND channel ="
				+ " 'EMAIL' ORDER BY recorded_at DESC, id DESC", (rs, n) -> rs.getBoolean(1) + " " + rs.getString(2),
				contactOf(messageId));
		return latest.isEmpty() ? null : latest.get(0);
	}

	int count(String table) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
	}

	private long insert(String sql, Object... args) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.update((connection) -> {
			PreparedStatement statement = connection.prepareStatement(sql, new String[] { "id" });
			new ArgumentPreparedStatementSetter(args).setValues(statement);
			return statement;
		}, keys);
		return keys.getKey().longValue();
	}

}
