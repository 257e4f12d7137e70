package org.remarketing.core.journeys;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.remarketing.core.schema.DbTime;

import org.springframework.jdbc.core.JdbcTemplate;

/** Runs, messages and events written straight into the tables, as the engine would leave them. */
final class RunRows {

	private final JdbcTemplate jdbc;

	RunRows(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A run; {@code convertedAt} null: not converted. */
	long run(long journeyId, long contactId, boolean holdout, Instant enteredAt, Instant convertedAt, String revenue) {
		String key = UUID.randomUUID().toString();
		boolean converted = convertedAt != null;
		this.jdbc.update("INSERT INTO rmk_journey_run (journey_id, contact_id, entry_key, state, holdout, entered_at,"
				+ " converted_at, order_id, revenue) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", journeyId, contactId, key,
				converted ? "COMPLETED" : "ACTIVE", holdout, DbTime.utc(enteredAt), DbTime.utc(convertedAt),
				converted ? "order-" + key.substring(0, 8) : null, (revenue != null) ? new BigDecimal(revenue) : null);
		return this.jdbc.queryForObject("SELECT id FROM rmk_journey_run WHERE entry_key = ?", Long.class, key);
	}

	/** A message of a run, to be completed and inserted. */
	Message message(long runId) {
		return new Message(runId);
	}

	void event(long messageId, String kind, Instant at) {
		this.jdbc.update("INSERT INTO rmk_message_event (message_id, kind, detail, occurred_at) VALUES (?, ?, ?, ?)",
				messageId, kind, kind.toLowerCase() + " detail", DbTime.utc(at));
	}

	/** A message as the engine leaves it in one of its states. */
	final class Message {

		private final long runId;

		private int step;

		private String state = "SCHEDULED";

		private String reason;

		private Instant due = Instant.parse("2026-03-01T10:00:00Z");

		private Instant sent;

		private String recipient;

		private String subject;

		private Instant opened;

		private Instant clicked;

		private Message(long runId) {
			this.runId = runId;
		}

		Message step(int step) {
			this.step = step;
			return this;
		}

		Message state(String state, String reason) {
			this.state = state;
			this.reason = reason;
			return this;
		}

		Message due(Instant due) {
			this.due = due;
			return this;
		}

		/** Sent (state SENT) to the address, with a subject. */
		Message sent(Instant at, String recipient, String subject) {
			this.state = "SENT";
			this.sent = at;
			this.recipient = recipient;
			this.subject = subject;
			return this;
		}

		Message opened(Instant at) {
			this.opened = at;
			return this;
		}

		Message clicked(Instant at) {
			this.clicked = at;
			return this;
		}

		long insert() {
			Map<String, Object> run = RunRows.this.jdbc.queryForMap("SELECT journey_id, contact_id FROM rmk_journey_run"
					+ " WHERE id = ?", this.runId);
			String sendKey = this.runId + ":" + this.step + ":" + UUID.randomUUID();
			RunRows.this.jdbc.update("INSERT INTO rmk_message (run_id, journey_id, contact_id, step_no, channel, template,"
					+ " send_key, state, reason, due_at, attempts, sent_at, recipient, subject, body_html, body_text,"
					+ " opened_at, clicked_at, created_at, updated_at)"
					+ " VALUES (?, ?, ?, ?, 'EMAIL', 'cart-reminder', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", this.runId,
					run.get("journey_id"), run.get("contact_id"), this.step, sendKey, this.state, this.reason,
					DbTime.utc(this.due), (this.sent != null) ? 1 : 0, DbTime.utc(this.sent), this.recipient, this.subject,
					(this.subject != null) ? "<p>" + this.subject + "</p>" : null, this.subject, DbTime.utc(this.opened),
					DbTime.utc(this.clicked), DbTime.utc(this.due), DbTime.utc(this.due));
			return RunRows.this.jdbc.queryForObject("SELECT id FROM rmk_message WHERE send_key = ?", Long.class, sendKey);
		}

	}

}
