package org.remarketing.core.journeys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.remarketing.core.channels.email.MailFailure;
import org.remarketing.core.channels.email.MailTransport;
import org.remarketing.core.channels.email.MessageLinks;
import org.remarketing.core.channels.email.OutgoingEmail;
import org.remarketing.core.schema.DbTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends one due message, at most once. Its state moves {@code SCHEDULED → SENDING → SENT} with a
 * conditional update committed before the mail server is contacted, so a second node, or this one
 * restarted after a crash, finds {@code SENDING} and never sends again: such a message becomes
 * {@code UNCERTAIN} (logged, not retried). The {@link SendPolicy} is asked first, with the contact's
 * row locked so that two nodes sending two messages to one contact see each other's sends (caps).
 */
public class StepSender {

	private static final Logger log = LoggerFactory.getLogger(StepSender.class);

	/** Retry delays after a transient failure; the last one repeats until the step is stale. */
	static final List<Duration> BACKOFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
			Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6));

	private final JdbcTemplate jdbc;

	private final TransactionTemplate tx;

	private final SendPolicy policy;

	private final JourneySettings settings;

	private final StepRenderer renderer;

	private final MailTransport transport;

	private final MessageLinks links;

	private final Clock clock;

	private final String installId;

	public StepSender(DataSource dataSource, JourneySettings settings, StepRenderer renderer, MailTransport transport,
			MessageLinks links, String installId, Clock clock) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.policy = new SendPolicy(settings);
		this.settings = settings;
		this.renderer = renderer;
		this.transport = transport;
		this.links = links;
		this.installId = installId;
		this.clock = clock;
	}

	/**
	 * Handles a message whose time has come.
	 * @return when to look at it again (deferred or retrying), or null when it is done
	 */
	public Instant execute(long messageId) {
		Claim claim = this.tx.execute((status) -> claim(messageId));
		if (claim == null || claim.retryAt != null) {
			return (claim != null) ? claim.retryAt : null;
		}
		return send(claim);
	}

	private Claim claim(long messageId) {
		Instant now = this.clock.instant();
		Map<String, Object> row = row(messageId);
		if (row == null) {
			return null;
		}
		String state = (String) row.get("state");
		if ("SENDING".equals(state)) {
			// A previous attempt died between committing SENDING and recording the outcome.
			update(messageId, "UNCERTAIN", "uncertain: the send was interrupted (node stopped); not retried so it is never sent twice", now);
			return null;
		}
		if (!"SCHEDULED".equals(state)) {
			return null;
		}
		long contactId = ((Number) row.get("contact_id")).longValue();
		this.jdbc.queryForList("SELECT id FROM rmk_contact WHERE id = ? FOR UPDATE", Long.class, contactId);
		SendPolicy.Facts facts = facts(row, contactId, now);
		SendDecision decision = this.policy.decide(facts);
		switch (decision.kind()) {
			case SEND:
				return prepare(messageId, row, facts.email, now);
			case DEFER:
				this.jdbc.update("UPDATE rmk_message SET reason = ?, updated_at = ? WHERE id = ? AND state = 'SCHEDULED'",
						decision.reason(), DbTime.utc(now), messageId);
				return Claim.retry(decision.until());
			case CANCEL:
				update(messageId, "CANCELLED", decision.reason(), now);
				if (decision.reason().startsWith("stopped: ordered")) {
					this.jdbc.update("UPDATE rmk_journey_run SET state = 'EXITED', exit_reason = 'ordered', ended_at = ?"
							+ " WHERE id = ? AND state = 'ACTIVE'", DbTime.utc(now), row.get("run_id"));
					this.jdbc.update("UPDATE rmk_message SET state = 'CANCELLED', reason = ?, updated_at = ? WHERE run_id = ?"
							+ " AND state = 'SCHEDULED'", decision.reason(), DbTime.utc(now), row.get("run_id"));
				}
				return null;
			case SUPPRESS:
				update(messageId, "SUPPRESSED", decision.reason(), now);
				return null;
			default:
				update(messageId, "FAILED", decision.reason(), now);
				return null;
		}
	}

	/**
	 * Renders the message and builds the email, then claims it ({@code SCHEDULED → SENDING}, with
	 * the content and the links it carries) in the claim's transaction: everything that can be done
	 * before the mail server is contacted is done before {@code SENDING} is committed, so a node that
	 * dies leaves a message uncertain only if it died during the SMTP exchange itself.
	 */
	private Claim prepare(long messageId, Map<String, Object> row, String recipient, Instant now) {
		StepRenderer.Rendered rendered;
		StepContext context;
		try {
			context = context(row, now, false);
			rendered = this.renderer.render(context);
		}
		catch (RuntimeException ex) {
			log.warn("Remarketing message {} could not be rendered: {}", messageId, ex.getMessage());
			update(messageId, "FAILED", "failed: the template could not be rendered (" + ex.getClass().getSimpleName() + ")", now);
			return null;
		}
		MailTransport.Prepared email;
		try {
			email = this.transport.prepare(new OutgoingEmail(this.settings.from(), recipient, rendered.subject(), rendered.html(),
					rendered.text(), row.get("send_key") + "." + this.installId + "@remarketing", context.unsubscribeUrl(),
					this.settings.unsubscribeMailto()));
		}
		catch (MailFailure failure) {
			update(messageId, "FAILED", "failed: " + failure.getMessage(), now);
			return null;
		}
		int claimed = this.jdbc.update("UPDATE rmk_message SET state = 'SENDING', attempts = attempts + 1, last_attempt_at = ?,"
				+ " recipient = ?, reason = NULL, subject = ?, body_html = ?, body_text = ?, locale = ?, updated_at = ?"
				+ " WHERE id = ? AND state = 'SCHEDULED'", DbTime.utc(now), recipient, truncate(rendered.subject(), 500),
				rendered.html(), rendered.text(), context.locale().toLanguageTag(), DbTime.utc(now), messageId);
		if (claimed == 0) {
			return null;
		}
		storeLinks(messageId, context.links(), ((Number) row.get("attempts")).intValue() > 0);
		return new Claim(messageId, row, recipient, now, email);
	}

	private Instant send(Claim claim) {
		try {
			this.transport.send(claim.email);
		}
		catch (MailFailure failure) {
			return failed(claim, failure);
		}
		Instant sent = this.clock.instant();
		this.jdbc.update("UPDATE rmk_message SET state = 'SENT', sent_at = ?, updated_at = ? WHERE id = ? AND state = 'SENDING'",
				DbTime.utc(sent), DbTime.utc(sent), claim.messageId);
		finishRunIfDone(((Number) claim.row.get("run_id")).longValue(), sent);
		return null;
	}

	private Instant failed(Claim claim, MailFailure failure) {
		long messageId = claim.messageId;
		Instant now = this.clock.instant();
		if (failure.permanent()) {
			String reason = failure.recipientRejected() ? "bounced: " + failure.getMessage() + "; the address is suppressed"
					: "failed: " + failure.getMessage();
			update(messageId, failure.recipientRejected() ? "BOUNCED" : "FAILED", reason, now, "SENDING");
			if (failure.recipientRejected()) {
				suppressBounce(claim, now);
			}
			return null;
		}
		int attempts = this.jdbc.queryForObject("SELECT attempts FROM rmk_message WHERE id = ?", Integer.class, messageId);
		Instant due = DbTime.instant(toLocal(claim.row.get("due_at")));
		Instant next = now.plus(this.settings.scaled(BACKOFF.get(Math.min(attempts, BACKOFF.size()) - 1)));
		if (next.isAfter(due.plus(this.settings.giveUpAfter()))) {
			update(messageId, "FAILED", "failed: " + failure.getMessage() + "; gave up after " + attempts + " attempts", now, "SENDING");
			return null;
		}
		this.jdbc.update("UPDATE rmk_message SET state = 'SCHEDULED', reason = ?, updated_at = ? WHERE id = ? AND state = 'SENDING'",
				"retrying: " + failure.getMessage() + " (attempt " + attempts + ")", DbTime.utc(now), messageId);
		return next;
	}

	private void suppressBounce(Claim claim, Instant now) {
		String email = claim.recipient.trim().toLowerCase(Locale.ROOT);
		this.tx.executeWithoutResult((status) -> {
			int updated = this.jdbc.update("UPDATE rmk_suppression SET scope = 'ALL', reason = 'HARD_BOUNCE', source = 'smtp'"
					+ " WHERE email = ?", email);
			if (updated == 0) {
				try {
					this.jdbc.update("INSERT INTO rmk_suppression (email, contact_id, scope, reason, source, created_at)"
							+ " VALUES (?, ?, 'ALL', 'HARD_BOUNCE', 'smtp', ?)", email, claim.row.get("contact_id"), DbTime.utc(now));
				}
				catch (org.springframework.dao.DuplicateKeyException ex) {
					// Suppressed meanwhile.
				}
			}
			this.jdbc.update("INSERT INTO rmk_message_event (message_id, kind, detail, occurred_at) VALUES (?, 'BOUNCE', ?, ?)",
					claim.messageId, "hard bounce", DbTime.utc(now));
		});
	}

	private void finishRunIfDone(long runId, Instant now) {
		this.jdbc.update("UPDATE rmk_journey_run SET state = 'COMPLETED', ended_at = ? WHERE id = ? AND state = 'ACTIVE'"
				+ " AND NOT EXISTS (SELECT 1 FROM rmk_message WHERE run_id = ? AND state IN ('SCHEDULED', 'SENDING'))",
				DbTime.utc(now), runId, runId);
	}

	/** The only URLs the message's click links may lead to; a retry replaces those of the attempt before. */
	private void storeLinks(long messageId, List<String> urls, boolean retry) {
		if (retry) {
			this.jdbc.update("DELETE FROM rmk_message_link WHERE message_id = ?", messageId);
		}
		if (urls.isEmpty()) {
			return;
		}
		// One multi-row statement: a message carries a handful of links.
		StringBuilder sql = new StringBuilder("INSERT INTO rmk_message_link (message_id, link_no, url) VALUES ");
		List<Object> values = new ArrayList<>();
		for (int i = 0; i < urls.size(); i++) {
			sql.append((i == 0) ? "(?, ?, ?)" : ", (?, ?, ?)");
			values.add(messageId);
			values.add(i + 1);
			values.add(truncate(urls.get(i), 2000));
		}
		this.jdbc.update(sql.toString(), values.toArray());
	}

	/** The step's context for rendering; previews get plain links and no pixel. */
	StepContext context(Map<String, Object> row, Instant now, boolean preview) {
		long messageId = ((Number) row.get("id")).longValue();
		String cartCode = (String) row.get("cart_code");
		String language = (String) row.get("language");
		Locale locale = (language != null && !language.isBlank()) ? Locale.forLanguageTag(language.replace('_', '-')) : Locale.ENGLISH;
		String recovery = (cartCode != null) ? this.links.recovery(messageId, now.plus(this.settings.recoveryValidity())) : null;
		return new StepContext(messageId, (String) row.get("journey_code"), JourneyPurpose.valueOf((String) row.get("purpose")),
				((Number) row.get("step_no")).intValue(), ((Number) row.get("step_count")).intValue(), (String) row.get("template"),
				((Number) row.get("contact_id")).longValue(), (String) row.get("first_name"), locale, (String) row.get("stage"),
				cartCode, JourneyEngine.products((String) row.get("products_json")), this.links.unsubscribe(messageId),
				this.links.preferences(messageId), preview ? null : this.links.open(messageId), recovery,
				preview ? (id, no) -> null : this.links::click, now);
	}

	/** The message with its run, journey and contact (null when the message is gone). */
	Map<String, Object> row(long messageId) {
		// One round trip: the address's suppression and the contact's latest email consent come along.
		List<Map<String, Object>> rows = this.jdbc.queryForList("SELECT m.id, m.run_id, m.contact_id, m.step_no, m.template,"
				+ " m.send_key, m.state, m.due_at, m.attempts, r.state AS run_state, r.exit_reason, r.entered_at, r.cart_code, r.products_json,"
				+ " r.stage, j.code AS journey_code, j.enabled, j.purpose, j.steps_json,"
				+ " c.email, c.first_name, c.language, c.time_zone, c.last_order_at, c.orders_count,"
				+ " s.scope AS suppression_scope, s.reason AS suppression_reason, s.created_at AS suppressed_at,"
				+ " k.granted AS consent_granted, k.recorded_at AS consent_at, k.source AS consent_source"
				+ " FROM rmk_message m JOIN rmk_journey_run r ON r.id = m.run_id JOIN rmk_journey j ON j.id = m.journey_id"
				+ " LEFT JOIN rmk_contact c ON c.id = m.contact_id"
				+ " LEFT JOIN rmk_suppression s ON s.email = LOWER(TRIM(c.email))"
				+ " LEFT JOIN rmk_consent k ON k.id = (SELECT k2.id FROM rmk_consent k2 WHERE k2.contact_id = m.contact_id"
				+ " AND k2.channel = 'EMAIL' ORDER BY k2.recorded_at DESC, k2.id DESC LIMIT 1)"
				+ " WHERE m.id = ?", messageId);
		if (rows.isEmpty()) {
			return null;
		}
		Map<String, Object> row = new java.util.HashMap<>();
		for (Map.Entry<String, Object> e : rows.get(0).entrySet()) {
			row.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
		}
		row.put("step_count", JourneyStore.steps((String) row.get("steps_json")).size());
		return row;
	}

	private SendPolicy.Facts facts(Map<String, Object> row, long contactId, Instant now) {
		SendPolicy.Facts f = new SendPolicy.Facts();
		f.now = now;
		f.journeyEnabled = Boolean.TRUE.equals(JourneyEngine.bool(row.get("enabled")));
		f.purpose = JourneyPurpose.valueOf((String) row.get("purpose"));
		f.runState = (String) row.get("run_state");
		f.runExitReason = (String) row.get("exit_reason");
		f.enteredAt = DbTime.instant(toLocal(row.get("entered_at")));
		f.dueAt = DbTime.instant(toLocal(row.get("due_at")));
		f.lastOrderAt = DbTime.instant(toLocal(row.get("last_order_at")));
		f.ordersCount = (row.get("orders_count") != null) ? ((Number) row.get("orders_count")).intValue() : 0;
		f.email = (String) row.get("email");
		f.timeZone = (String) row.get("time_zone");
		if (f.email != null) {
			f.suppressionScope = (String) row.get("suppression_scope");
			f.suppressionReason = (String) row.get("suppression_reason");
			f.suppressedAt = DbTime.instant(toLocal(row.get("suppressed_at")));
		}
		f.consentGranted = JourneyEngine.bool(row.get("consent_granted"));
		f.consentAt = DbTime.instant(toLocal(row.get("consent_at")));
		f.consentSource = (String) row.get("consent_source");
		Instant since = now.minus(this.settings.longCapWindow().compareTo(this.settings.shortCapWindow()) > 0
				? this.settings.longCapWindow() : this.settings.shortCapWindow());
		f.recentSends = this.jdbc.query("SELECT COALESCE(sent_at, last_attempt_at) FROM rmk_message WHERE contact_id = ?"
				+ " AND state IN ('SENT', 'SENDING', 'UNCERTAIN') AND COALESCE(sent_at, last_attempt_at) > ?",
				(rs, i) -> DbTime.instant(rs.getObject(1, LocalDateTime.class)), contactId, DbTime.utc(since));
		return f;
	}

	private void update(long messageId, String state, String reason, Instant now) {
		update(messageId, state, reason, now, null);
	}

	private void update(long messageId, String state, String reason, Instant now, String fromState) {
		String sql = "UPDATE rmk_message SET state = ?, reason = ?, updated_at = ? WHERE id = ?"
				+ ((fromState != null) ? " AND state = '" + fromState + "'" : "");
		this.jdbc.update(sql, state, truncate(reason, 500), DbTime.utc(now), messageId);
	}

	private static String truncate(String value, int max) {
		return (value != null && value.length() > max) ? value.substring(0, max) : value;
	}

	private static LocalDateTime toLocal(Object value) {
		return JourneyEngine.toLocal(value);
	}

	private static final class Claim {

		final long messageId;

		final Map<String, Object> row;

		final String recipient;

		final Instant at;

		final Instant retryAt;

		final MailTransport.Prepared email;

		Claim(long messageId, Map<String, Object> row, String recipient, Instant at, MailTransport.Prepared email) {
			this.messageId = messageId;
			this.row = row;
			this.recipient = recipient;
			this.at = at;
			this.retryAt = null;
			this.email = email;
		}

		private Claim(Instant retryAt) {
			this.messageId = 0;
			this.row = null;
			this.recipient = null;
			this.at = null;
			this.retryAt = retryAt;
			this.email = null;
		}

		static Claim retry(Instant at) {
			return new Claim(at);
		}

	}

}
