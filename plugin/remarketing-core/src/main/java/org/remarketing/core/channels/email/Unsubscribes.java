package org.remarketing.core.channels.email;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.remarketing.core.channels.email.MessageRecords.Message;
import org.remarketing.core.contacts.ConsentChannel;
import org.remarketing.core.schema.DbTime;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Unsubscribes and preferences, by the id of the message whose link was used. Unsubscribing puts
 * the address on the suppression list (a wider scope replaces a narrower one, never the other way
 * round), records an {@code UNSUBSCRIBE} event on the message and, for all marketing, an EMAIL
 * consent withdrawal in the contact's consent history with its proof; every message of the
 * contact still waiting to be sent that the scope covers is suppressed at once. Doing it again
 * changes nothing. Resubscribing lifts the suppression and records EMAIL consent given on the
 * preference page.
 */
public final class Unsubscribes {

	/** {@code rmk_suppression.reason} of an address a shopper unsubscribed. */
	public static final String SUPPRESSED_REASON = "unsubscribed";

	static final String EVENT = "UNSUBSCRIBE";

	/** {@code rmk_journey.purpose} of the journeys "stop reminders" stops. */
	static final String REMINDER_PURPOSE = "REMINDER";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final MessageRecords messages;

	private final Clock clock;

	public Unsubscribes(DataSource dataSource, Clock clock) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.messages = new MessageRecords(this.jdbc);
		this.clock = clock;
	}

	/** The current preferences of the message's recipient; empty when the message is unknown. */
	public Optional<Subscription> find(long messageId) {
		return this.messages.find(messageId).map((message) -> {
			Long contactId = this.messages.currentContact(message.contactId).orElse(null);
			String email = this.messages.address(message, contactId).orElse(null);
			return new Subscription(messageId, contactId, email, suppression(email), false);
		});
	}

	/**
	 * Stops {@code scope} for the message's recipient at once.
	 * @return the preferences afterwards; empty when the message is unknown
	 */
	public Optional<Subscription> unsubscribe(long messageId, SuppressionScope scope, UnsubscribeMethod method) {
		return this.transaction.execute((status) -> this.messages.find(messageId)
			.map((message) -> unsubscribe(message, scope, method, status)));
	}

	/**
	 * Lifts the suppression of the message's recipient and records EMAIL consent given on the
	 * preference page (when it was not already the latest).
	 * @return the preferences afterwards; empty when the message is unknown
	 */
	public Optional<Subscription> resubscribe(long messageId) {
		return this.transaction.execute((status) -> this.messages.find(messageId).map(this::resubscribe));
	}

	private Subscription unsubscribe(Message message, SuppressionScope scope, UnsubscribeMethod method,
			TransactionStatus status) {
		Instant now = this.clock.instant();
		Long contactId = this.messages.currentContact(message.contactId).orElse(null);
		String email = this.messages.address(message, contactId).orElse(null);
		SuppressionScope before = suppression(email);
		boolean changed = false;
		if (email != null && (before == null || !before.covers(scope))) {
			changed = suppress(email, contactId, scope, method, now, status);
		}
		SuppressionScope after = (email != null) ? suppression(email) : null;
		if (changed) {
			this.messages.event(message.id, EVENT, scope.name() + " " + method.source(), now);
			if (scope == SuppressionScope.ALL && contactId != null) {
				consent(contactId, false, method.source(), message.id, now);
			}
		}
		// Always, even when nothing changed: a step scheduled meanwhile must not go out either.
		suppressWaitingMessages(message.contactId, contactId, (after != null) ? after : scope, now);
		return new Subscription(message.id, contactId, email, after, changed);
	}

	private Subscription resubscribe(Message message) {
		Instant now = this.clock.instant();
		Long contactId = this.messages.currentContact(message.contactId).orElse(null);
		String email = this.messages.address(message, contactId).orElse(null);
		boolean changed = false;
		if (email != null) {
			changed = this.jdbc.update("DELETE FROM rmk_suppression WHERE email = ?", email) > 0;
		}
		if (contactId != null && (changed || !Boolean.TRUE.equals(latestEmailConsent(contactId)))) {
			consent(contactId, true, UnsubscribeMethod.PREFERENCES.source(), message.id, now);
			changed = true;
		}
		return new Subscription(message.id, contactId, email, null, changed);
	}

	/** Inserts or widens the address's suppression; false when another request did it first. */
	private boolean suppress(String email, Long contactId, SuppressionScope scope, UnsubscribeMethod method,
			Instant now, TransactionStatus status) {
		int updated = this.jdbc.update("UPDATE rmk_suppression SET scope = ?, reason = ?, source = ?,"
				+ " contact_id = COALESCE(contact_id, ?), created_at = ? WHERE email = ? AND scope <> ?", scope.name(),
				SUPPRESSED_REASON, method.source(), contactId, DbTime.utc(now), email, scope.name());
		if (updated > 0) {
			return true;
		}
		if (suppression(email) != null) {
			return false; // already there with this scope
		}
		// A savepoint: on PostgreSQL a failed INSERT would abort the whole transaction.
		Object savepoint = status.createSavepoint();
		try {
			this.jdbc.update("INSERT INTO rmk_suppression (email, contact_id, scope, reason, source, created_at)"
					+ " VALUES (?, ?, ?, ?, ?, ?)", email, contactId, scope.name(), SUPPRESSED_REASON, method.source(),
					DbTime.utc(now));
			status.releaseSavepoint(savepoint);
			return true;
		}
		catch (DuplicateKeyException ex) {
			status.rollbackToSavepoint(savepoint);
			return false; // a concurrent unsubscribe (mail providers may POST twice) inserted it first
		}
	}

	private void suppressWaitingMessages(long messageContact, Long contactId, SuppressionScope scope, Instant now) {
		String purpose = (scope == SuppressionScope.REMINDERS)
				? " AND journey_id IN (SELECT id FROM rmk_journey WHERE purpose = '" + REMINDER_PURPOSE + "')" : "";
		long current = (contactId != null) ? contactId : messageContact;
		this.jdbc.update("UPDATE rmk_message SET state = 'SUPPRESSED', reason = ?, updated_at = ? WHERE state = 'SCHEDULED'"
				+ " AND (contact_id IN (?, ?) OR contact_id IN (SELECT id FROM rmk_contact WHERE merged_into = ?))" + purpose,
				waitingReason(scope, now), DbTime.utc(now), messageContact, current, current);
	}

	/**
	 * The reason a waiting message shows, worded as the send-time check words it ("suppressed:
	 * unsubscribed 3 days ago"), with the day since it is read long after.
	 */
	static String waitingReason(SuppressionScope scope, Instant now) {
		String what = (scope == SuppressionScope.REMINDERS) ? "stopped reminders" : "unsubscribed";
		return "suppressed: " + what + " on " + DateTimeFormatter.ISO_LOCAL_DATE.format(now.atOffset(ZoneOffset.UTC));
	}

	private SuppressionScope suppression(String email) {
		if (email == null) {
			return null;
		}
		List<String> scopes = this.jdbc.queryForList("SELECT scope FROM rmk_suppression WHERE email = ?", String.class,
				email);
		return scopes.isEmpty() ? null : SuppressionScope.read(scopes.get(0));
	}

	private Boolean latestEmailConsent(long contactId) {
		List<Boolean> latest = this.jdbc.query("SELECT granted FROM rmk_consent WHERE contact_id = ? AND channel = ?"
				+ " ORDER BY recorded_at DESC, id DESC", (rs, n) -> rs.getBoolean(1), contactId,
				ConsentChannel.EMAIL.name());
		return latest.isEmpty() ? null : latest.get(0);
	}

	private void consent(long contactId, boolean granted, String source, long messageId, Instant now) {
		Map<String, Object> proof = new LinkedHashMap<>();
		proof.put("messageId", messageId);
		proof.put("method", source);
		proof.put("at", now.toString());
		this.jdbc.update("INSERT INTO rmk_consent (contact_id, channel, granted, source, proof, recorded_at)"
				+ " VALUES (?, ?, ?, ?, ?, ?)", contactId, ConsentChannel.EMAIL.name(), granted, source, json(proof),
				DbTime.utc(now));
	}

	private static String json(Map<String, Object> value) {
		try {
			return JSON.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
