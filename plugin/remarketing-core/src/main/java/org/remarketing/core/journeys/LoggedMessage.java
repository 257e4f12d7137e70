package org.remarketing.core.journeys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;

import org.remarketing.core.schema.DbTime;

/**
 * One message as the log lists it: whose, which journey and step, its state and the reason for it
 * (a sentence for people, such as "suppressed: unsubscribed 3 days ago"), when it was due and sent,
 * and whether it was opened (by a person) or clicked.
 */
public final class LoggedMessage {

	static final String COLUMNS = "m.id, m.run_id, m.journey_id, j.code AS journey_code, j.name AS journey_name,"
			+ " m.contact_id, m.step_no, m.channel, m.template, m.state, m.reason, m.due_at, m.sent_at, m.recipient,"
			+ " m.subject, m.opened_at, m.clicked_at";

	private final long id;

	private final long runId;

	private final long journeyId;

	private final String journeyCode;

	private final String journeyName;

	private final long contactId;

	private final int stepNo;

	private final String channel;

	private final String template;

	private final String state;

	private final String reason;

	private final Instant dueAt;

	private final Instant sentAt;

	private final String recipient;

	private final String subject;

	private final Instant openedAt;

	private final Instant clickedAt;

	private LoggedMessage(ResultSet rs) throws SQLException {
		this.id = rs.getLong("id");
		this.runId = rs.getLong("run_id");
		this.journeyId = rs.getLong("journey_id");
		this.journeyCode = rs.getString("journey_code");
		this.journeyName = rs.getString("journey_name");
		this.contactId = rs.getLong("contact_id");
		this.stepNo = rs.getInt("step_no");
		this.channel = rs.getString("channel");
		this.template = rs.getString("template");
		this.state = rs.getString("state");
		this.reason = rs.getString("reason");
		this.dueAt = time(rs, "due_at");
		this.sentAt = time(rs, "sent_at");
		this.recipient = rs.getString("recipient");
		this.subject = rs.getString("subject");
		this.openedAt = time(rs, "opened_at");
		this.clickedAt = time(rs, "clicked_at");
	}

	static LoggedMessage read(ResultSet rs, int row) throws SQLException {
		return new LoggedMessage(rs);
	}

	static Instant time(ResultSet rs, String column) throws SQLException {
		return DbTime.instant(rs.getObject(column, LocalDateTime.class));
	}

	public long id() {
		return this.id;
	}

	public long runId() {
		return this.runId;
	}

	public long journeyId() {
		return this.journeyId;
	}

	/** The journey's code; null when the journey no longer exists. */
	public String journeyCode() {
		return this.journeyCode;
	}

	public String journeyName() {
		return this.journeyName;
	}

	public long contactId() {
		return this.contactId;
	}

	/** The step's number as the engine stores it ({@code rmk_message.step_no}). */
	public int stepNo() {
		return this.stepNo;
	}

	public String channel() {
		return this.channel;
	}

	public String template() {
		return this.template;
	}

	/** One of {@link MessageLog#STATES}. */
	public String state() {
		return this.state;
	}

	/** Why the message is in its state, in words for people; null when there is nothing to say. */
	public String reason() {
		return this.reason;
	}

	public Instant dueAt() {
		return this.dueAt;
	}

	public Instant sentAt() {
		return this.sentAt;
	}

	/** The address it went (or was to go) to; null before it was rendered. */
	public String recipient() {
		return this.recipient;
	}

	public String subject() {
		return this.subject;
	}

	/** The first time a person opened it (machine opens never set it). */
	public Instant openedAt() {
		return this.openedAt;
	}

	public Instant clickedAt() {
		return this.clickedAt;
	}

}
