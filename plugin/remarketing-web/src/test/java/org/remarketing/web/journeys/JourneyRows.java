package org.remarketing.web.journeys;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.remarketing.core.schema.DbTime;

import org.springframework.jdbc.core.JdbcTemplate;

/** Journey runs and messages written as the engine leaves them, for the API tests. */
final class JourneyRows {

	private JourneyRows() {
	}

	/** A run entered at {@code entered}, converted (an hour later) when it has a revenue. */
	static long run(JdbcTemplate jdbc, long journeyId, long contactId, boolean holdout, Instant entered, String revenue) {
		String key = UUID.randomUUID().toString();
		Instant converted = (revenue != null) ? entered.plusSeconds(3600) : null;
		jdbc.update("INSERT INTO rmk_journey_run (journey_id, contact_id, entry_key, state, holdout, entered_at,"
				+ " converted_at, revenue) VALUES (?, ?, ?, 'ACTIVE', ?, ?, ?, ?)", journeyId, contactId, key, holdout,
				DbTime.utc(entered), DbTime.utc(converted), (revenue != null) ? new BigDecimal(revenue) : null);
		return jdbc.queryForObject("SELECT id FROM rmk_journey_run WHERE entry_key = ?", Long.class, key);
	}

	/** A message of the run due when the run entered; sent then when its state is SENT. */
	static long message(JdbcTemplate jdbc, long runId, int step, String state, String reason, String recipient,
			String subject) {
		String key = runId + ":" + step + ":" + UUID.randomUUID();
		jdbc.update("INSERT INTO rmk_message (run_id, journey_id, contact_id, step_no, channel, template, send_key, state,"
				+ " reason, due_at, sent_at, recipient, subject, body_html, body_text, created_at, updated_at)"
				+ " SELECT id, journey_id, contact_id, ?, 'EMAIL', 'cart-reminder', ?, ?, ?, entered_at,"
				+ " CASE WHEN ? = 'SENT' THEN entered_at END, ?, ?, ?, ?, entered_at, entered_at"
				+ " FROM rmk_journey_run WHERE id = ?", step, key, state, reason, state, recipient, subject,
				(subject != null) ? "<p>" + subject + "</p>" : null, subject, runId);
		return jdbc.queryForObject("SELECT id FROM rmk_message WHERE send_key = ?", Long.class, key);
	}

}
