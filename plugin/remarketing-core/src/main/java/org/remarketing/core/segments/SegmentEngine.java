package org.remarketing.core.segments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.remarketing.core.schema.DatabaseVendor;
import org.remarketing.core.schema.DbTime;
import org.remarketing.core.shop.CatalogNews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps segment membership ({@code rmk_segment_member}) equal to each segment's condition, and
 * logs every entry and exit in {@code rmk_segment_change}, which journeys start from:
 * <ul>
 * <li>{@link #refresh(Collection)}: the contacts an applied batch of events changed, at once
 * (the contacts processor calls it after each commit), and their funnel stage;</li>
 * <li>{@link #sweep()}: every minute, what the clock alone changes (a cart idle for an hour, an
 * order now 60 days old), reading only the contacts whose times crossed a boundary since the last
 * sweep; conditions without such boundaries are evaluated over all contacts;</li>
 * <li>{@link #rebuild(long)}: on demand and on a schedule, every contact, in id ranges with its
 * progress in the segment row.</li>
 * </ul>
 * Membership changes of one segment are serialised by a lock on its row, so a rebuild, a sweep
 * and the processors of several nodes never enter or exit the same contact twice.
 */
public class SegmentEngine {

	private static final Logger logger = LoggerFactory.getLogger(SegmentEngine.class);

	/** Contacts per statement in id lists, and per range in full evaluations. */
	static final int ID_BATCH = 500;

	static final int RANGE = 20_000;

	private static final TypeReference<Map<String, Integer>> SETTINGS = new TypeReference<Map<String, Integer>>() {
	};

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final SqlDialect dialect;

	private final CustomRules customRules;

	private final ObjectMapper json = new ObjectMapper();

	private volatile CatalogNews catalogNews;

	private volatile double minuteScale = 1.0;

	public SegmentEngine(DataSource dataSource, Clock clock, CustomRules customRules) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.transaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
		this.clock = clock;
		this.dialect = new SqlDialect(DatabaseVendor.of(dataSource));
		this.customRules = customRules;
	}

	/** Where "new products for past buyers" learns the catalog's newest product per category (read at each sweep). */
	public void setCatalogNews(CatalogNews catalogNews) {
		this.catalogNews = catalogNews;
	}

	public SqlDialect dialect() {
		return this.dialect;
	}

	/** Adds the built-in segments this install does not have yet (enabled, default thresholds). */
	public void installBuiltIns() {
		Set<String> known = new HashSet<>(this.jdbc.queryForList("SELECT code FROM rmk_segment", String.class));
		LocalDateTime now = DbTime.utc(this.clock.instant());
		for (BuiltInSegment builtIn : BuiltInSegment.values()) {
			if (!known.contains(builtIn.code())) {
				this.jdbc.update("INSERT INTO rmk_segment (code, name, description, builtin, rule_json, settings_json,"
						+ " enabled, member_count, created_at, updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?, 0, ?, ?)",
						builtIn.code(), builtIn.title(), builtIn.describe(builtIn.defaults()), true,
						write(builtIn.defaults()), true, now, now);
			}
		}
	}

	// ---------------------------------------------------------------- reading

	public List<Segment> segments() {
		return this.jdbc.query("SELECT * FROM rmk_segment ORDER BY builtin DESC, id", this::segment);
	}

	public Segment find(long id) {
		return this.jdbc.query("SELECT * FROM rmk_segment WHERE id = ?", this::segment, id).stream().findFirst()
			.orElse(null);
	}

	public Segment findByCode(String code) {
		return this.jdbc.query("SELECT * FROM rmk_segment WHERE code = ?", this::segment, code).stream().findFirst()
			.orElse(null);
	}

	/** The segment's condition now. */
	public SegmentQuery query(Segment segment, Instant now) {
		BuiltInSegment builtIn = segment.definition();
		if (builtIn != null) {
			return builtIn.query(demo(builtIn.validate(segment.settings)), now, this.dialect);
		}
		return this.customRules.compile(segment.ruleJson, now);
	}

	/**
	 * A built-in's condition with thresholds that are not saved (yet): the admin screen's preview.
	 * @throws IllegalArgumentException when a threshold is unknown or out of its limits
	 */
	public SegmentQuery query(BuiltInSegment builtIn, Map<String, ?> settings, Instant now) {
		return builtIn.query(demo(builtIn.validate(settings)), now, this.dialect);
	}

	/**
	 * Demo timing: thresholds counted in minutes (the cart and checkout idle cut-offs) are
	 * multiplied by {@code scale} (1/60: an hour's wait lasts a minute). The sample store uses it so
	 * that a newcomer sees a reminder within two minutes; stores keep 1.
	 */
	public void setMinuteScale(double scale) {
		if (!(scale > 0) || scale > 1) {
			throw new IllegalArgumentException("The minute scale is above 0 and at most 1");
		}
		this.minuteScale = scale;
	}

	private Map<String, Integer> demo(Map<String, Integer> settings) {
		if (this.minuteScale == 1.0) {
			return settings;
		}
		Map<String, Integer> scaled = new java.util.LinkedHashMap<>(settings);
		scaled.replaceAll((key, value) -> key.endsWith("_minutes") ? Math.max(1, (int) Math.round(value * this.minuteScale)) : value);
		return scaled;
	}

	/**
	 * A custom rule's condition now, by the configured {@link CustomRules}: checks a rule before it
	 * is saved and counts what it matches.
	 * @throws IllegalArgumentException when the rule is not valid
	 */
	public SegmentQuery compile(String ruleJson, Instant now) {
		return this.customRules.compile(ruleJson, now);
	}

	/** How many contacts match a condition now, without changing anything (the rule builder's live count). */
	public long count(SegmentQuery query) {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_contact c WHERE c.merged_into IS NULL AND ("
				+ query.condition() + ")", Long.class, query.parameters().toArray());
		return (count != null) ? count : 0;
	}

	// ---------------------------------------------------------------- incremental

	/**
	 * Re-evaluates every enabled segment and the funnel stage for these contacts (and the
	 * contacts merged into them, which leave their segments).
	 */
	public void refresh(Collection<Long> contactIds) {
		if (contactIds.isEmpty()) {
			return;
		}
		Instant now = this.clock.instant();
		Set<Long> ids = new TreeSet<>(contactIds);
		for (List<Long> part : parts(new ArrayList<>(ids))) {
			ids.addAll(this.jdbc.queryForList("SELECT id FROM rmk_contact WHERE merged_into IN (" + marks(part.size())
					+ ")", Long.class, part.toArray()));
		}
		List<Long> all = new ArrayList<>(ids);
		new FunnelStages(this.jdbc).update(all, now);
		List<Segment> segments = new ArrayList<>();
		List<SegmentQuery> queries = new ArrayList<>();
		for (Segment segment : segments()) {
			SegmentQuery query = segment.enabled ? compiled(segment, now) : null;
			if (query != null) {
				segments.add(segment);
				queries.add(query);
			}
		}
		if (segments.isEmpty()) {
			return;
		}
		for (List<Long> part : parts(all)) {
			refreshPart(part, segments, queries, now);
		}
	}

	/**
	 * One read for every segment's condition over these contacts, one for their memberships; then
	 * only the segments where something changes are locked, their memberships read again under the
	 * lock, and the differences written.
	 */
	private void refreshPart(List<Long> ids, List<Segment> segments, List<SegmentQuery> queries, Instant now) {
		StringBuilder select = new StringBuilder("SELECT c.id");
		List<Object> params = new ArrayList<>();
		for (int i = 0; i < queries.size(); i++) {
			select.append(", CASE WHEN (").append(queries.get(i).condition()).append(") THEN 1 ELSE 0 END AS s").append(i);
			params.addAll(queries.get(i).parameters());
		}
		select.append(" FROM rmk_contact c WHERE c.merged_into IS NULL AND c.id IN (").append(marks(ids.size())).append(')');
		params.addAll(ids);
		Map<Long, Set<Long>> matching = new LinkedHashMap<>();
		segments.forEach((segment) -> matching.put(segment.id, new HashSet<>()));
		this.jdbc.query(select.toString(), (rs) -> {
			for (int i = 0; i < segments.size(); i++) {
				if (rs.getInt("s" + i) == 1) {
					matching.get(segments.get(i).id).add(rs.getLong("id"));
				}
			}
		}, params.toArray());
		Map<Long, Set<Long>> current = members(ids);
		List<Segment> changing = segments.stream()
			.filter((segment) -> !matching.get(segment.id).equals(current.getOrDefault(segment.id, Set.of())))
			.collect(Collectors.toList());
		if (changing.isEmpty()) {
			return;
		}
		this.transaction.executeWithoutResult((status) -> {
			for (Segment segment : changing) {
				lock(segment.id);
			}
			Map<Long, Set<Long>> locked = members(ids);
			for (Segment segment : changing) {
				Set<Long> now1 = locked.getOrDefault(segment.id, Set.of());
				Set<Long> want = matching.get(segment.id);
				List<Long> entering = want.stream().filter((id) -> !now1.contains(id)).sorted().collect(Collectors.toList());
				List<Long> exiting = now1.stream().filter((id) -> !want.contains(id)).sorted().collect(Collectors.toList());
				write(segment, entering, exiting, now);
			}
		});
	}

	/** Segment id → the given contacts that are its members now. */
	private Map<Long, Set<Long>> members(List<Long> ids) {
		Map<Long, Set<Long>> members = new LinkedHashMap<>();
		this.jdbc.query("SELECT segment_id, contact_id FROM rmk_segment_member WHERE contact_id IN (" + marks(ids.size())
				+ ")", (rs) -> {
					members.computeIfAbsent(rs.getLong(1), (key) -> new HashSet<>()).add(rs.getLong(2));
				}, ids.toArray());
		return members;
	}

	// ---------------------------------------------------------------- the clock

	/** Follows the clock for every enabled time-dependent segment; returns the contacts looked at. */
	public long sweep() {
		Instant now = this.clock.instant();
		if (refreshCatalogNews()) {
			this.jdbc.update("UPDATE rmk_segment SET swept_at = NULL WHERE code = ?",
					BuiltInSegment.NEW_PRODUCTS_FOR_PAST_BUYERS.code());
		}
		long looked = 0;
		for (Segment segment : segments()) {
			if (!segment.enabled) {
				continue;
			}
			SegmentQuery query = compiled(segment, now);
			if (query == null || !query.timeDependent()) {
				continue;
			}
			if (query.sweeps().isEmpty() && segment.sweptAt != null
					&& segment.sweptAt.plus(query.fullEvery()).isAfter(now)) {
				continue; // a condition that moves in days, evaluated over everyone less often
			}
			if (segment.sweptAt == null || query.sweeps().isEmpty()) {
				looked += evaluateAll(segment, query, now, false);
			}
			else {
				Set<Long> candidates = new TreeSet<>();
				for (SegmentQuery.Sweep sweep : query.sweeps()) {
					Duration shift = Duration.ofMinutes(sweep.shiftMinutes());
					List<Object> params = new ArrayList<>(sweep.parameters());
					params.add(DbTime.utc(segment.sweptAt.minus(shift)));
					params.add(DbTime.utc(now.minus(shift)));
					candidates.addAll(this.jdbc.queryForList(sweep.select(), Long.class, params.toArray()));
				}
				List<Long> ids = new ArrayList<>(candidates);
				this.transaction.executeWithoutResult((status) -> {
					lock(segment.id);
					for (List<Long> part : parts(ids)) {
						apply(segment, query, "c.id IN (" + marks(part.size()) + ")",
								"m.contact_id IN (" + marks(part.size()) + ")", part, now);
					}
				});
				looked += ids.size();
			}
			this.jdbc.update("UPDATE rmk_segment SET swept_at = ? WHERE id = ?", DbTime.utc(now), segment.id);
		}
		recordSizes(now);
		return looked;
	}

	/**
	 * Copies the catalog's newest product per category into rmk_category_news (rows that changed only).
	 * @return whether anything changed
	 */
	boolean refreshCatalogNews() {
		CatalogNews news = this.catalogNews;
		if (news == null) {
			return false;
		}
		Map<String, Instant> newest;
		try {
			newest = news.newestProductPerCategory();
		}
		catch (RuntimeException ex) {
			logger.warn("Remarketing could not read the catalog's new products: {}", ex.toString());
			return false;
		}
		Map<String, LocalDateTime> known = new LinkedHashMap<>();
		this.jdbc.query("SELECT category_code, newest_added_at FROM rmk_category_news", (rs) -> {
			known.put(rs.getString(1), rs.getObject(2, LocalDateTime.class));
		});
		boolean changed = false;
		for (Map.Entry<String, Instant> entry : newest.entrySet()) {
			String code = entry.getKey();
			LocalDateTime value = DbTime.utc(entry.getValue());
			if (code.length() > 100) {
				continue;
			}
			if (!known.containsKey(code)) {
				this.jdbc.update("INSERT INTO rmk_category_news (category_code, newest_added_at) VALUES (?, ?)", code, value);
				changed = true;
			}
			else if (!value.equals(known.get(code))) {
				this.jdbc.update("UPDATE rmk_category_news SET newest_added_at = ? WHERE category_code = ?", value, code);
				changed = true;
			}
		}
		return changed;
	}

	// ---------------------------------------------------------------- full

	/** Re-evaluates one segment over every contact, with its progress in the segment row. */
	public void rebuild(long segmentId) {
		Segment segment = find(segmentId);
		if (segment == null) {
			throw new IllegalArgumentException("No segment " + segmentId);
		}
		Instant now = this.clock.instant();
		SegmentQuery query = query(segment, now);
		try {
			evaluateAll(segment, query, now, true);
		}
		catch (RuntimeException ex) {
			this.jdbc.update("UPDATE rmk_segment SET rebuild_state = 'FAILED' WHERE id = ?", segmentId);
			throw ex;
		}
	}

	/** Every enabled segment and every contact's stage, one after the other. */
	public void rebuildAll() {
		Instant now = this.clock.instant();
		new FunnelStages(this.jdbc).updateAll(now, RANGE);
		for (Segment segment : segments()) {
			if (segment.enabled) {
				try {
					rebuild(segment.id);
				}
				catch (RuntimeException ex) {
					logger.warn("Remarketing could not rebuild segment {}: {}", segment.code, ex.toString());
				}
			}
		}
		recordSizes(now);
	}

	private long evaluateAll(Segment segment, SegmentQuery query, Instant now, boolean progress) {
		Long max = this.jdbc.queryForObject("SELECT MAX(id) FROM rmk_contact", Long.class);
		long last = (max != null) ? max : 0;
		Long maxMember = this.jdbc.queryForObject("SELECT MAX(contact_id) FROM rmk_segment_member WHERE segment_id = ?",
				Long.class, segment.id);
		last = Math.max(last, (maxMember != null) ? maxMember : 0);
		if (progress) {
			this.jdbc.update("UPDATE rmk_segment SET rebuild_state = 'RUNNING', rebuild_done = 0, rebuild_total = ?"
					+ " WHERE id = ?", last, segment.id);
		}
		for (long from = 0; from < last; from += RANGE) {
			long low = from;
			long high = Math.min(last, from + RANGE);
			this.transaction.executeWithoutResult((status) -> {
				lock(segment.id);
				applyRange(segment, query, low, high, now);
			});
			if (progress) {
				this.jdbc.update("UPDATE rmk_segment SET rebuild_done = ? WHERE id = ?", high, segment.id);
			}
		}
		if (progress) {
			this.jdbc.update("UPDATE rmk_segment SET rebuild_state = 'DONE', rebuild_done = rebuild_total, rebuilt_at = ?"
					+ " WHERE id = ?", DbTime.utc(now), segment.id);
		}
		return last;
	}

	// ---------------------------------------------------------------- membership changes

	/**
	 * Enters and exits the contacts of an id range: entries set-based inside the database (a
	 * first build enters hundreds of thousands), exits through {@link #apply} (few).
	 */
	private void applyRange(Segment segment, SegmentQuery query, long low, long high, Instant now) {
		LocalDateTime at = DbTime.utc(now);
		List<Object> params = new ArrayList<>(List.of(segment.id, at, low, high));
		params.addAll(query.parameters());
		params.add(segment.id);
		int entered = this.jdbc.update("INSERT INTO rmk_segment_member (segment_id, contact_id, entered_at) SELECT ?, c.id, ?"
				+ " FROM rmk_contact c WHERE c.id > ? AND c.id <= ? AND c.merged_into IS NULL AND (" + query.condition()
				+ ") AND NOT EXISTS (SELECT 1 FROM rmk_segment_member m WHERE m.segment_id = ? AND m.contact_id = c.id)",
				params.toArray());
		if (entered > 0) {
			this.jdbc.update("INSERT INTO rmk_segment_change (segment_id, contact_id, entered, changed_at) SELECT segment_id,"
					+ " contact_id, ?, entered_at FROM rmk_segment_member WHERE segment_id = ? AND contact_id > ?"
					+ " AND contact_id <= ? AND entered_at = ? ORDER BY contact_id", true, segment.id, low, high, at);
			this.jdbc.update("UPDATE rmk_segment SET member_count = member_count + ? WHERE id = ?", entered, segment.id);
		}
		write(segment, List.of(), exiting(segment, query, "m.contact_id > ? AND m.contact_id <= ?", List.of(low, high)),
				now);
	}

	/** Enters and exits the contacts of one scope (inside a transaction holding the segment's lock). */
	private void apply(Segment segment, SegmentQuery query, String contactScope, String memberScope,
			List<Long> scopeParams, Instant now) {
		List<Object> enterParams = new ArrayList<>(scopeParams);
		enterParams.addAll(query.parameters());
		enterParams.add(segment.id);
		List<Long> entering = this.jdbc.queryForList("SELECT c.id FROM rmk_contact c WHERE " + contactScope
				+ " AND c.merged_into IS NULL AND (" + query.condition() + ") AND NOT EXISTS (SELECT 1 FROM"
				+ " rmk_segment_member m WHERE m.segment_id = ? AND m.contact_id = c.id)", Long.class,
				enterParams.toArray());
		write(segment, entering, exiting(segment, query, memberScope, scopeParams), now);
	}

	/** Members in the scope who no longer match. */
	private List<Long> exiting(Segment segment, SegmentQuery query, String memberScope, List<Long> scopeParams) {
		List<Object> params = new ArrayList<>();
		params.add(segment.id);
		params.addAll(scopeParams);
		params.addAll(query.parameters());
		return this.jdbc.queryForList("SELECT m.contact_id FROM rmk_segment_member m WHERE m.segment_id = ? AND "
				+ memberScope + " AND NOT EXISTS (SELECT 1 FROM rmk_contact c WHERE c.id = m.contact_id"
				+ " AND c.merged_into IS NULL AND (" + query.condition() + "))", Long.class, params.toArray());
	}

	private void write(Segment segment, List<Long> entering, List<Long> exiting, Instant now) {
		if (entering.isEmpty() && exiting.isEmpty()) {
			return;
		}
		LocalDateTime at = DbTime.utc(now);
		List<Object[]> members = new ArrayList<>();
		List<Object[]> changes = new ArrayList<>();
		for (Long id : entering) {
			members.add(new Object[] { segment.id, id, at });
			changes.add(new Object[] { segment.id, id, true, at });
		}
		List<Object[]> leaving = new ArrayList<>();
		for (Long id : exiting) {
			leaving.add(new Object[] { segment.id, id });
			changes.add(new Object[] { segment.id, id, false, at });
		}
		if (!members.isEmpty()) {
			this.jdbc.batchUpdate("INSERT INTO rmk_segment_member (segment_id, contact_id, entered_at) VALUES (?, ?, ?)",
					members);
		}
		if (!leaving.isEmpty()) {
			this.jdbc.batchUpdate("DELETE FROM rmk_segment_member WHERE segment_id = ? AND contact_id = ?", leaving);
		}
		this.jdbc.batchUpdate("INSERT INTO rmk_segment_change (segment_id, contact_id, entered, changed_at)"
				+ " VALUES (?, ?, ?, ?)", changes);
		this.jdbc.update("UPDATE rmk_segment SET member_count = member_count + ? WHERE id = ?",
				entering.size() - exiting.size(), segment.id);
	}

	private void lock(long segmentId) {
		this.jdbc.queryForList("SELECT id FROM rmk_segment WHERE id = ? FOR UPDATE", Long.class, segmentId);
	}

	/** The condition, or null (logged) when a custom rule cannot be compiled any more. */
	private SegmentQuery compiled(Segment segment, Instant now) {
		try {
			return query(segment, now);
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Remarketing skips segment {}: {}", segment.code, ex.getMessage());
			return null;
		}
	}

	/** One size per segment per hour, for the list's sparkline. */
	void recordSizes(Instant now) {
		LocalDateTime hour = DbTime.utc(now).withMinute(0).withSecond(0).withNano(0);
		for (Segment segment : segments()) {
			Integer known = this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_segment_size WHERE segment_id = ?"
					+ " AND measured_at = ?", Integer.class, segment.id, hour);
			if (known == null || known == 0) {
				this.jdbc.update("INSERT INTO rmk_segment_size (segment_id, measured_at, member_count) VALUES (?, ?, ?)",
						segment.id, hour, segment.memberCount);
			}
			else {
				this.jdbc.update("UPDATE rmk_segment_size SET member_count = ? WHERE segment_id = ? AND measured_at = ?",
						segment.memberCount, segment.id, hour);
			}
		}
	}

	// ---------------------------------------------------------------- rows

	private Segment segment(ResultSet rs, int row) throws SQLException {
		return new Segment(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("description"),
				rs.getBoolean("builtin"), rs.getString("rule_json"), read(rs.getString("settings_json")),
				rs.getBoolean("enabled"), rs.getLong("member_count"), time(rs, "updated_at"), time(rs, "swept_at"),
				time(rs, "rebuilt_at"), rs.getString("rebuild_state"), rs.getLong("rebuild_done"),
				rs.getLong("rebuild_total"));
	}

	private static Instant time(ResultSet rs, String column) throws SQLException {
		return DbTime.instant(rs.getObject(column, LocalDateTime.class));
	}

	String write(Map<String, Integer> settings) {
		try {
			return this.json.writeValueAsString(settings);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Map<String, Integer> read(String settings) {
		if (settings == null || settings.isEmpty()) {
			return new LinkedHashMap<>();
		}
		try {
			return this.json.readValue(settings, SETTINGS);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("rmk_segment.settings_json is not a JSON object of numbers", ex);
		}
	}

	static String marks(int count) {
		return String.join(", ", java.util.Collections.nCopies(count, "?"));
	}

	static List<List<Long>> parts(List<Long> ids) {
		List<List<Long>> parts = new ArrayList<>();
		for (int i = 0; i < ids.size(); i += ID_BATCH) {
			parts.add(ids.subList(i, Math.min(ids.size(), i + ID_BATCH)));
		}
		return parts;
	}

}
