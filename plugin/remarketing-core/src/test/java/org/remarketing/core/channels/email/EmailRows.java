package org.remarketing.core.channels.email;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.remarketing.core.schema.DbTime;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** Writes and reads the rows the link services work on: contacts, journeys, runs, messages and links. */
final class EmailRows {

	private final JdbcTemplate jdbc;

	EmailRows(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	long contact(String email, Instant at) {
		return insert("INSERT INTO rmk_contact (created_at, updated_at, email) VALUES (?, ?, ?)", DbTime.utc(at),
				DbTime.utc(at), email);
	}

	void merge(long loser, long survivor) {
		this.jdbc.update("UPDATE rmk_contact SET merged_into = ? WHERE id = ?", survivor, loser);
	}

	long journey(String purpose, Instant at) {
		return insert("INSERT INTO rmk_journey (code, name, builtin, enabled, purpose, steps_json, holdout_percent,"
				+ " goal_hours, reentry_days, exit_on_leave, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, 72, 30, ?, ?, ?)",
				"j-" + UUID.randomUUID().toString().substring(0, 8), "Journey", false, true, purpose, "[]", true,
				DbTime.utc(at), DbTime.utc(at));
	}

	long run(long journeyId, long contactId, String cartCode, String productsJson, Instant at) {
		return insert("INSERT INTO rmk_journey_run (journey_id, contact_id, entry_key, state, holdout, cart_code,"
				+ " products_json, entered_at) VALUES (?, ?, ?, 'ACTIVE', ?, ?, ?, ?)", journeyId, contactId,
				UUID.randomUUID().toString(), false, cartCode, productsJson, DbTime.utc(at));
	}

	long message(long runId, String state, String recipient, Instant sentAt) {
		Map<String, Object> run = this.jdbc.queryForMap("SELECT journey_id, contact_id FROM rmk_journey_run WHERE id = ?",
				runId);
		Instant due = (sentAt != null) ? sentAt : Instant.parse("2030-01-01T00:00:00Z");
		return insert("INSERT INTO rmk_message (run_id, journey_id, contact_id, step_no, channel, template, send_key, state,"
				+ " due_at, sent_at, recipient, created_at, updated_at) VALUES (?, ?, ?, 1, 'EMAIL', 'cart-reminder', ?, ?, ?, ?,"
				+ " ?, ?, ?)", runId, ((Number) run.get("journey_id")).longValue(),
				((Number) run.get("contact_id")).longValue(), UUID.randomUUID().toString(), state, DbTime.utc(due),
				DbTime.utc(sentAt), recipient, DbTime.utc(due), DbTime.utc(due));
	}

	void link(long messageId, int linkNo, String url) {
		this.jdbc.update("INSERT INTO rmk_message_link (message_id, link_no, url) VALUES (?, ?, ?)", messageId, linkNo, url);
	}

	String state(long messageId) {
		return this.jdbc.queryForObject("SELECT state FROM rmk_message WHERE id = ?", String.class, messageId);
	}

	String reason(long messageId) {
		return this.jdbc.queryForObject("SELECT reason FROM rmk_message WHERE id = ?", String.class, messageId);
	}

	Instant time(long messageId, String column) {
		LocalDateTime value = this.jdbc.queryForObject("SELECT " + column + " FROM rmk_message WHERE id = ?",
				(rs, n) -> rs.getObject(1, LocalDateTime.class), messageId);
		return DbTime.instant(value);
	}

	List<String> events(long messageId) {
		return this.jdbc.queryForList("SELECT kind FROM rmk_message_event WHERE message_id = ? ORDER BY id", String.class,
				messageId);
	}

	List<String> eventDetails(long messageId, String kind) {
		return this.jdbc.queryForList("SELECT detail FROM rmk_message_event WHERE message_id = ? AND kind = ? ORDER BY id",
				String.class, messageId, kind);
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
