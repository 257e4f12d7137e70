package org.remarketing.shopizer;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.remarketing.core.tracking.EventSource;
import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * One kind of the store's history (open carts, customers, newsletter opt-ins, orders), read from
 * Shopizer's tables in pages of rows ordered by their id (keyset: {@code id > after}, never an
 * offset), up to the highest id that existed when capture started. Read only.
 */
abstract class HistoryPhase {

	/** Most values bound in one {@code IN (...)} list. */
	static final int IN_CHUNK = 500;

	/** The store's table names, for the phase's reads. */
	final ShopizerMapping.Tables tables;

	private final String name;

	private final String table;

	private final String id;

	private final String filter;

	/**
	 * @param table the table whose rows the phase reads
	 * @param id its id column, the order of the pages
	 * @param filter the rows read (SQL on the table's columns), or null for all
	 */
	HistoryPhase(String name, ShopizerMapping.Tables tables, String table, String id, String filter) {
		this.tables = tables;
		this.name = name;
		this.table = table;
		this.id = id;
		this.filter = filter;
	}

	/** Its name in the status and the checkpoint: carts, customers, optins or orders. */
	final String name() {
		return this.name;
	}

	/** The highest id now: what a run imports up to. */
	final long maxId(JdbcOperations jdbc) {
		Long max = jdbc.queryForObject("SELECT MAX(" + this.id + ") FROM " + this.table, Long.class);
		return (max != null) ? max : 0;
	}

	/** How many rows a run reads up to {@code maxId}, for its progress. */
	final long count(JdbcOperations jdbc, long maxId) {
		Long count = jdbc.queryForObject("SELECT COUNT(*) FROM " + this.table + " WHERE " + this.id + " <= ?"
				+ ((this.filter != null) ? " AND " + this.filter : ""), Long.class, maxId);
		return (count != null) ? count : 0;
	}

	/**
	 * The events of the next rows after {@code afterId} (at most {@code size} rows, none above
	 * {@code maxId}).
	 * @param boundary when the plugin started capturing: what changed since is captured, not imported
	 */
	abstract Page read(JdbcOperations jdbc, long afterId, long maxId, int size, Instant boundary);

	/** The same id for the same store row in every run, so that importing again applies nothing twice. */
	static String eventId(String kind, Object key) {
		return UUID.nameUUIDFromBytes(("remarketing:import:" + kind + ":" + key).getBytes(StandardCharsets.UTF_8))
			.toString();
	}

	static TrackedEvent.Builder event(EventType type, String id, Instant at, ShopperIds shopper) {
		return TrackedEvent.builder(type, EventSource.IMPORT).id(id).occurredAt(at).shopper(shopper);
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	static Long longOrNull(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	static Instant latest(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		return (b == null || a.isAfter(b)) ? a : b;
	}

	/** "?, ?, ?" for an IN list of that many values. */
	static String marks(int count) {
		return String.join(", ", Collections.nCopies(count, "?"));
	}

	/** Values split into lists short enough for one IN (...) each. */
	static <T> List<List<T>> chunks(Collection<T> values) {
		List<T> all = new ArrayList<>(values);
		List<List<T>> chunks = new ArrayList<>();
		for (int from = 0; from < all.size(); from += IN_CHUNK) {
			chunks.add(all.subList(from, Math.min(all.size(), from + IN_CHUNK)));
		}
		return chunks;
	}

	static String trimmed(String value) {
		if (value == null) {
			return null;
		}
		String trimmed = value.trim();
		return trimmed.isEmpty() ? null : trimmed;
	}

	/** The rows of one page and the events they make. */
	static final class Page {

		/** Id of the last row read (the next page starts after it); meaningless when no row was read. */
		final long lastId;

		/** Rows read. Zero: the phase is done. */
		final int rows;

		/** Rows that make no event (a guest's customer row, a cart changed since capture started). */
		final int skipped;

		final List<TrackedEvent> events;

		Page(long lastId, int rows, int skipped, List<TrackedEvent> events) {
			this.lastId = lastId;
			this.rows = rows;
			this.skipped = skipped;
			this.events = events;
		}

		static Page empty() {
			return new Page(0, 0, 0, List.of());
		}

		@Override
		public String toString() {
			return "Page[rows=" + this.rows + ", events=" + this.events.stream().map((e) -> e.type().wireName())
				.collect(Collectors.joining(",")) + "]";
		}

	}

}
