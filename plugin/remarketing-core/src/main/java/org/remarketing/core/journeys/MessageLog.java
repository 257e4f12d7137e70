package org.remarketing.core.journeys;

import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.remarketing.core.schema.DbTime;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The messages journeys scheduled, sent or held back, for administrators: pages newest first
 * (by keyset on the id, so a page costs the same however deep), filtered by journey, state,
 * contact, recipient and due time; the count in each state for the same filter; and one message
 * with its rendered content, its events and its run.
 */
public class MessageLog {

	/** The states of {@code rmk_message}, in the order a filter bar shows them. */
	public static final List<String> STATES = List.of("SCHEDULED", "SENDING", "SENT", "SUPPRESSED", "CANCELLED",
			"HELD_OUT", "FAILED", "BOUNCED", "UNCERTAIN");

	/** Largest page. */
	public static final int MAX_SIZE = 100;

	private static final String FROM = " FROM rmk_message m LEFT JOIN rmk_journey j ON j.id = m.journey_id";

	private final JdbcTemplate jdbc;

	public MessageLog(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * Up to {@code size} messages matching {@code query}, newest first, after the message
	 * {@code after} (the previous page's {@link MessagePage#next()}; null for the first page).
	 */
	public MessagePage page(MessageQuery query, Long after, int size) {
		if (size < 1 || size > MAX_SIZE) {
			throw new IllegalArgumentException("size must be 1 to " + MAX_SIZE);
		}
		List<Object> args = new ArrayList<>();
		StringBuilder sql = new StringBuilder("SELECT ").append(LoggedMessage.COLUMNS).append(FROM);
		sql.append(where(query, args));
		if (after != null) {
			sql.append(" AND m.id < ?");
			args.add(after);
		}
		// one more than asked: whether there is a next page, without a count
		sql.append(" ORDER BY m.id DESC LIMIT ?");
		args.add(size + 1);
		List<LoggedMessage> rows = this.jdbc.query(sql.toString(), LoggedMessage::read, args.toArray());
		if (rows.size() <= size) {
			return new MessagePage(rows, null);
		}
		List<LoggedMessage> page = rows.subList(0, size);
		return new MessagePage(page, page.get(size - 1).id());
	}

	/** How many messages match {@code query} in each state, whatever state it asks for; every state is present. */
	public Map<String, Long> countsByState(MessageQuery query) {
		List<Object> args = new ArrayList<>();
		String sql = "SELECT m.state, COUNT(*) AS n" + FROM + where(query.anyState(), args) + " GROUP BY m.state";
		Map<String, Long> counts = new LinkedHashMap<>();
		STATES.forEach((state) -> counts.put(state, 0L));
		this.jdbc.query(sql, (ResultSet rs) -> {
			counts.put(rs.getString("state"), rs.getLong("n"));
		}, args.toArray());
		return counts;
	}

	/** One message with its content, events and run. */
	public Optional<MessageDetails> find(long id) {
		return this.jdbc.query("SELECT " + LoggedMessage.COLUMNS + ", m.body_html, m.body_text, m.locale, m.attempts,"
				+ " m.last_attempt_at, r.state AS run_state, r.holdout, r.entered_at, r.ended_at, r.exit_reason,"
				+ " r.converted_at, r.order_id, r.revenue" + FROM + " LEFT JOIN rmk_journey_run r ON r.id = m.run_id"
				+ " WHERE m.id = ?", (rs, row) -> {
					LoggedMessage message = LoggedMessage.read(rs, row);
					String runState = rs.getString("run_state");
					MessageDetails.Run run = (runState != null) ? new MessageDetails.Run(runState, rs.getBoolean("holdout"),
							LoggedMessage.time(rs, "entered_at"), LoggedMessage.time(rs, "ended_at"),
							rs.getString("exit_reason"), LoggedMessage.time(rs, "converted_at"), rs.getString("order_id"),
							rs.getBigDecimal("revenue")) : null;
					return new MessageDetails(message, rs.getString("body_html"), rs.getString("body_text"),
							rs.getString("locale"), rs.getInt("attempts"), LoggedMessage.time(rs, "last_attempt_at"),
							events(id), run);
				}, id).stream().findFirst();
	}

	private List<MessageEvent> events(long messageId) {
		return this.jdbc.query("SELECT kind, detail, occurred_at FROM rmk_message_event WHERE message_id = ?"
				+ " ORDER BY occurred_at, id", (rs, row) -> new MessageEvent(rs.getString("kind"), rs.getString("detail"),
						DbTime.instant(rs.getObject("occurred_at", LocalDateTime.class))), messageId);
	}

	private static String where(MessageQuery query, List<Object> args) {
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		if (query.journeyCode() != null) {
			where.append(" AND j.code = ?");
			args.add(query.journeyCode());
		}
		if (query.state() != null) {
			where.append(" AND m.state = ?");
			args.add(query.state());
		}
		if (query.contactId() != null) {
			where.append(" AND m.contact_id = ?");
			args.add(query.contactId());
		}
		if (query.recipient() != null) {
			where.append(" AND LOWER(m.recipient) = ?");
			args.add(query.recipient());
		}
		if (query.from() != null) {
			where.append(" AND m.due_at >= ?");
			args.add(DbTime.utc(query.from()));
		}
		if (query.to() != null) {
			where.append(" AND m.due_at < ?");
			args.add(DbTime.utc(query.to()));
		}
		return where.toString();
	}

}
