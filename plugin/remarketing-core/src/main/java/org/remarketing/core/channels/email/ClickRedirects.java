package org.remarketing.core.channels.email;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.remarketing.core.schema.DbTime;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where a tracked link of a message leads: the URL stored for that message and link number in
 * {@code rmk_message_link} when it was sent, and only if it is on the store's own host. A
 * followed link records a {@code CLICK} event and the message's first click time.
 */
public final class ClickRedirects {

	static final String EVENT = "CLICK";

	private final JdbcTemplate jdbc;

	private final MessageRecords messages;

	private final StoreOrigin store;

	private final Clock clock;

	public ClickRedirects(DataSource dataSource, StoreOrigin store, Clock clock) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.messages = new MessageRecords(this.jdbc);
		this.store = store;
		this.clock = clock;
	}

	/**
	 * The stored URL of link {@code linkNo} of the message, recording the click.
	 * @return empty when there is no such link, or its URL is not on the store's host
	 */
	public Optional<String> follow(long messageId, int linkNo) {
		Optional<String> target = target(messageId, linkNo);
		target.ifPresent((url) -> {
			Instant now = this.clock.instant();
			this.messages.event(messageId, EVENT, Integer.toString(linkNo), now);
			this.jdbc.update("UPDATE rmk_message SET clicked_at = ? WHERE id = ? AND clicked_at IS NULL",
					DbTime.utc(now), messageId);
		});
		return target;
	}

	/** The stored URL, if it may be followed, without recording anything (link checkers, HEAD requests). */
	public Optional<String> target(long messageId, int linkNo) {
		List<String> urls = this.jdbc.queryForList("SELECT url FROM rmk_message_link WHERE message_id = ? AND link_no = ?",
				String.class, messageId, linkNo);
		if (urls.isEmpty() || !this.store.allows(urls.get(0))) {
			return Optional.empty();
		}
		return Optional.of(urls.get(0));
	}

}
