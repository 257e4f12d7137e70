package org.remarketing.core.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The plugin's own key/value settings in {@code rmk_setting}, shared by every node of a store:
 * what the plugin must remember across restarts (when it first captured, how far a history import
 * got). Values are short strings (at most 4000 characters); {@code updated_at} is stored as a UTC
 * wall-clock time, so that nodes in different time zones agree on {@link #tryLease leases}.
 */
public class PluginSettings {

	/** Longest value {@code rmk_setting.setting_value} holds. */
	public static final int MAX_VALUE = 4000;

	private final JdbcOperations jdbc;

	private final Clock clock;

	public PluginSettings(DataSource dataSource, Clock clock) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.clock = clock;
	}

	public Optional<String> get(String key) {
		List<String> values = this.jdbc.queryForList("SELECT setting_value FROM rmk_setting WHERE setting_key = ?",
				String.class, key);
		return values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
	}

	/** Sets the value, whether the key exists or not. */
	public void put(String key, String value) {
		check(value);
		if (update(key, value) > 0) {
			return;
		}
		try {
			insert(key, value);
		}
		catch (DataIntegrityViolationException ex) {
			update(key, value); // another node inserted it meanwhile: ours is the later value
		}
	}

	/**
	 * Sets the value unless the key exists; the first node to insert wins.
	 * @return the value now stored (this one, or the one that was there)
	 */
	public String putIfAbsent(String key, String value) {
		check(value);
		Optional<String> existing = get(key);
		if (existing.isPresent()) {
			return existing.get();
		}
		try {
			insert(key, value);
			return value;
		}
		catch (DataIntegrityViolationException ex) {
			return get(key).orElseThrow(() -> new IllegalStateException("Remarketing could not store '" + key + "'"));
		}
	}

	public void remove(String key) {
		this.jdbc.update("DELETE FROM rmk_setting WHERE setting_key = ?", key);
	}

	/**
	 * Takes (or renews) a lease held in the key: granted when nobody holds it, when this owner
	 * holds it, or when the holder has not renewed it for longer than {@code expiry} (it died).
	 * @return whether this owner holds the lease now
	 */
	public boolean tryLease(String key, String owner, Duration expiry) {
		LocalDateTime now = utc(this.clock.instant());
		int renewed = this.jdbc.update("UPDATE rmk_setting SET setting_value = ?, updated_at = ? WHERE setting_key = ?"
				+ " AND (setting_value = ? OR updated_at < ?)", owner, now, key, owner, utc(this.clock.instant()
					.minus(expiry)));
		if (renewed > 0) {
			return true;
		}
		if (get(key).isPresent()) {
			return false;
		}
		try {
			insert(key, owner);
			return true;
		}
		catch (DataIntegrityViolationException ex) {
			return false; // another node took it at the same moment
		}
	}

	/** Who holds the lease now (renewed within {@code expiry}), if anyone. */
	public Optional<String> leaseHolder(String key, Duration expiry) {
		List<String> holders = this.jdbc.queryForList("SELECT setting_value FROM rmk_setting WHERE setting_key = ?"
				+ " AND updated_at >= ?", String.class, key, utc(this.clock.instant().minus(expiry)));
		return holders.isEmpty() ? Optional.empty() : Optional.ofNullable(holders.get(0));
	}

	/** Gives a lease up, if this owner still holds it. */
	public void releaseLease(String key, String owner) {
		this.jdbc.update("DELETE FROM rmk_setting WHERE setting_key = ? AND setting_value = ?", key, owner);
	}

	private int update(String key, String value) {
		return this.jdbc.update("UPDATE rmk_setting SET setting_value = ?, updated_at = ? WHERE setting_key = ?", value,
				utc(this.clock.instant()), key);
	}

	private void insert(String key, String value) {
		this.jdbc.update("INSERT INTO rmk_setting (setting_key, setting_value, updated_at) VALUES (?, ?, ?)", key, value,
				utc(this.clock.instant()));
	}

	private static void check(String value) {
		if (value != null && value.length() > MAX_VALUE) {
			throw new IllegalArgumentException("A setting holds at most " + MAX_VALUE + " characters");
		}
	}

	private static LocalDateTime utc(Instant instant) {
		return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
