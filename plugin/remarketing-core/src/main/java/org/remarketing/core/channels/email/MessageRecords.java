package org.remarketing.core.channels.email;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.remarketing.core.contacts.Merges;
import org.remarketing.core.schema.DbTime;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * What the link services read and write about one message: its row, the contact behind it (merges
 * followed), and its events. Events of one kind are kept to {@link #MAX_EVENTS_PER_KIND} per
 * message, so that a link replayed in a loop cannot fill the table.
 */
final class MessageRecords {

	/** Enough to count real opens and clicks; beyond this a replayed link only updates nothing. */
	static final int MAX_EVENTS_PER_KIND = 100;

	/** A chain of merges is short; the bound only stops a corrupt cycle. */
	private final JdbcOperations jdbc;

	MessageRecords(JdbcOperations jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Message> find(long messageId) {
		List<Message> found = this.jdbc.query("SELECT id, run_id, contact_id, recipient, sent_at FROM rmk_message"
				+ " WHERE id = ?", (rs, n) -> new Message(rs.getLong("id"), rs.getLong("run_id"), rs.getLong("contact_id"),
						rs.getString("recipient"), DbTime.instant(rs.getObject("sent_at", LocalDateTime.class))),
				messageId);
		return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
	}

	/** The contact a (possibly merged) contact id leads to now, or empty when it was erased. */
	Optional<Long> currentContact(long contactId) {
		return Merges.survivorOf(this.jdbc, contactId);
	}

	/** The address a message went to, else the contact's; lower case, as the suppression list keeps it. */
	Optional<String> address(Message message, Long contactId) {
		String email = message.recipient;
		if ((email == null || email.isBlank()) && contactId != null) {
			List<String> emails = this.jdbc.queryForList("SELECT email FROM rmk_contact WHERE id = ?", String.class,
					contactId);
			email = emails.isEmpty() ? null : emails.get(0);
		}
		return (email == null || email.isBlank()) ? Optional.empty() : Optional.of(normalize(email));
	}

	static String normalize(String email) {
		return email.trim().toLowerCase(Locale.ROOT);
	}

	/** Adds an event to the message unless it already has {@link #MAX_EVENTS_PER_KIND} of that kind. */
	boolean event(long messageId, String kind, String detail, Instant at) {
		Integer count = this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_message_event WHERE message_id = ? AND kind = ?",
				Integer.class, messageId, kind);
		if (count != null && count >= MAX_EVENTS_PER_KIND) {
			return false;
		}
		this.jdbc.update("INSERT INTO rmk_message_event (message_id, kind, detail, occurred_at) VALUES (?, ?, ?, ?)",
				messageId, kind, truncate(detail, 255), DbTime.utc(at));
		return true;
	}

	private static String truncate(String value, int max) {
		return (value == null || value.length() <= max) ? value : value.substring(0, max);
	}

	/** The columns of rmk_message the link services need. */
	static final class Message {

		final long id;

		final long runId;

		final long contactId;

		final String recipient;

		final Instant sentAt;

		Message(long id, long runId, long contactId, String recipient, Instant sentAt) {
			this.id = id;
			this.runId = runId;
			this.contactId = contactId;
			this.recipient = recipient;
			this.sentAt = sentAt;
		}

	}

}
