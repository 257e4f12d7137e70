package org.remarketing.core.journeys;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.remarketing.core.contacts.Merges;
import org.remarketing.core.schema.DbTime;
import org.remarketing.core.shop.CatalogNews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The journeys' periodic work, run on one node at a time: starts runs for the contacts who entered
 * a trigger segment (read from {@code rmk_segment_change} after each journey's cursor) or whose
 * event of the trigger type happened lately (read from {@code rmk_event}, each event weighed once
 * per journey), ends runs whose contact left the segment or ordered, and records conversions (an
 * order within the goal window, for messaged and holdout runs alike).
 */
public class JourneyEngine {

	private static final Logger log = LoggerFactory.getLogger(JourneyEngine.class);

	private static final int BATCH = 500;

	private static final int MAX_PRODUCTS = 6;

	/**
	 * How long ago an event may have happened and still start an event-triggered journey: covers
	 * the capture's delivery lag, and keeps a store's imported history (last year's orders) from
	 * starting anything.
	 */
	public static final Duration EVENT_LOOK_BACK = Duration.ofHours(6);

	private static final ObjectMapper JSON = new ObjectMapper();

	private final JdbcTemplate jdbc;

	private final TransactionTemplate tx;

	private final JourneyStore store;

	private final JourneySettings settings;

	private final StepQueue queue;

	private final Clock clock;

	/** The content purge runs at most this often. */
	private static final Duration PURGE_EVERY = Duration.ofHours(1);

	private volatile Instant nextPurge;

	private volatile CatalogNews catalogNews;

	/** Messages last changed before this were purged already (the epoch: none known on this node yet). */
	private volatile Instant purgedBefore = Instant.parse("1970-01-02T00:00:00Z");

	public JourneyEngine(DataSource dataSource, JourneyStore store, JourneySettings settings, StepQueue queue,
			Clock clock) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.store = store;
		this.settings = settings;
		this.queue = queue;
		this.clock = clock;
	}

	/** One pass: enrolment and exits for every journey, purchases, conversions. */
	public void runOnce() {
		for (Journey journey : this.store.journeys()) {
			if (journey.triggerSegment() != null) {
				follow(journey);
			}
			else {
				followEvents(journey);
			}
		}
		stopOnPurchase();
		recordConversions();
		Instant now = this.clock.instant();
		if (this.nextPurge == null || !now.isBefore(this.nextPurge)) {
			purgeContent();
			this.nextPurge = now.plus(PURGE_EVERY);
		}
	}

	/**
	 * Removes the rendered content (HTML and text) of messages unchanged for longer than the content
	 * retention, in batches; the rows stay (state, reason, times, recipient, subject), and so do the
	 * results. Returns the messages emptied.
	 */
	public int purgeContent() {
		Duration retention = this.settings.contentRetention();
		if (retention.isZero()) {
			return 0;
		}
		Instant cutoff = this.clock.instant().minus(retention);
		int purged = 0;
		while (true) {
			List<Long> ids = this.jdbc.queryForList("SELECT id FROM rmk_message WHERE updated_at < ? AND updated_at >= ?"
					+ " AND (body_html IS NOT NULL OR body_text IS NOT NULL) ORDER BY updated_at LIMIT ?", Long.class,
					DbTime.utc(cutoff), DbTime.utc(this.purgedBefore), BATCH);
			List<Object[]> batch = new ArrayList<>();
			ids.forEach((id) -> batch.add(new Object[] { id, DbTime.utc(cutoff) }));
			for (int rows : this.jdbc.batchUpdate("UPDATE rmk_message SET body_html = NULL, body_text = NULL WHERE id = ?"
					+ " AND updated_at < ?", batch)) {
				purged += Math.max(rows, 0);
			}
			if (ids.size() < BATCH) {
				break;
			}
		}
		// Rows changed before the cutoff stay empty: the next purge starts a day before it.
		this.purgedBefore = cutoff.minus(Duration.ofDays(1));
		if (purged > 0) {
			log.info("Remarketing removed the content of {} message(s) older than {}", purged, retention);
		}
		return purged;
	}

	/** Reads the trigger segment's changes after the journey's cursor; returns the runs started. */
	int follow(Journey journey) {
		Long segmentId = this.jdbc.query("SELECT id FROM rmk_segment WHERE code = ?",
				(rs) -> rs.next() ? rs.getLong(1) : null, journey.triggerSegment());
		if (segmentId == null) {
			return 0;
		}
		int started = 0;
		while (true) {
			Integer batch = this.tx.execute((status) -> {
				Long cursor = this.jdbc.queryForObject("SELECT cursor_id FROM rmk_journey WHERE id = ? FOR UPDATE",
						Long.class, journey.id());
				List<Map<String, Object>> changes = this.jdbc.queryForList("SELECT id, contact_id, entered, changed_at"
						+ " FROM rmk_segment_change WHERE segment_id = ? AND id > ? ORDER BY id LIMIT ?", segmentId, cursor, BATCH + 1);
				int n = 0;
				int runs = 0;
				long last = cursor;
				for (Map<String, Object> change : changes) {
					if (n++ == BATCH) {
						break;
					}
					last = ((Number) change.get("id")).longValue();
					long contactId = ((Number) change.get("contact_id")).longValue();
					Instant at = DbTime.instant(toLocal(change.get("changed_at")));
					if (!journey.enabled()) {
						continue;
					}
					if (Boolean.TRUE.equals(bool(change.get("entered")))) {
						runs += enter(journey, contactId, String.valueOf(last), at) ? 1 : 0;
					}
					else if (journey.exitOnLeave()) {
						leave(journey, contactId);
					}
				}
				this.jdbc.update("UPDATE rmk_journey SET cursor_id = ? WHERE id = ?", last, journey.id());
				return (changes.size() > BATCH) ? -1 - runs : runs;
			});
			int value = (batch != null) ? batch : 0;
			started += (value < 0) ? -1 - value : value;
			if (value >= 0) {
				return started;
			}
		}
	}

	/**
	 * Weighs the events of the journey's trigger type that happened within {@link #EVENT_LOOK_BACK}
	 * and that it has not weighed yet: each starts a run for its contact (the merged contact's
	 * survivor), under the same rules as a segment entry. Every event weighed is recorded in
	 * {@code rmk_journey_trigger}, started or not (journey off, re-entry period, a run on), in the
	 * transaction that starts its run; returns the runs started.
	 */
	int followEvents(Journey journey) {
		Instant now = this.clock.instant();
		Instant since = now.minus(EVENT_LOOK_BACK);
		int started = 0;
		while (true) {
			Integer batch = this.tx.execute((status) -> {
				List<Map<String, Object>> events = this.jdbc.queryForList("SELECT e.event_id, e.contact_id, e.occurred_at"
						+ " FROM rmk_event e WHERE e.event_type = ? AND e.occurred_at > ? AND e.contact_id IS NOT NULL"
						+ " AND NOT EXISTS (SELECT 1 FROM rmk_journey_trigger t WHERE t.journey_id = ? AND t.event_id = e.event_id)"
						+ " ORDER BY e.occurred_at, e.event_id LIMIT ?", journey.triggerEvent(), DbTime.utc(since), journey.id(),
						BATCH + 1);
				int n = 0;
				int runs = 0;
				for (Map<String, Object> event : events) {
					if (n++ == BATCH) {
						break;
					}
					String eventId = (String) event.get("event_id");
					Instant occurred = DbTime.instant(toLocal(event.get("occurred_at")));
					Instant at = occurred.isAfter(now) ? now : occurred;
					Long contactId = Merges.survivorOf(this.jdbc, ((Number) event.get("contact_id")).longValue()).orElse(null);
					boolean run = journey.enabled() && contactId != null && enter(journey, contactId, "e" + eventId, at);
					this.jdbc.update("INSERT INTO rmk_journey_trigger (journey_id, event_id, occurred_at, started)"
							+ " VALUES (?, ?, ?, ?)", journey.id(), eventId, DbTime.utc(occurred), run);
					runs += run ? 1 : 0;
				}
				return (events.size() > BATCH) ? -1 - runs : runs;
			});
			int value = (batch != null) ? batch : 0;
			started += (value < 0) ? -1 - value : value;
			if (value >= 0) {
				break;
			}
		}
		// What fell out of the look-back can never be read again.
		this.jdbc.update("DELETE FROM rmk_journey_trigger WHERE journey_id = ? AND occurred_at < ?", journey.id(),
				DbTime.utc(since.minus(Duration.ofDays(1))));
		return started;
	}

	/**
	 * Starts a run unless one is on, or the contact entered within the re-entry period; {@code entry}
	 * (the segment change's id, or "e" and the event's id) makes the run's entry key.
	 */
	boolean enter(Journey journey, long contactId, String entry, Instant enteredAt) {
		Map<String, Object> contact = this.jdbc.query("SELECT id, merged_into, cart_code, stage FROM rmk_contact WHERE id = ?",
				(rs) -> {
					if (!rs.next()) {
						return null;
					}
					Map<String, Object> row = new HashMap<>();
					row.put("merged_into", rs.getObject("merged_into"));
					row.put("cart_code", rs.getString("cart_code"));
					row.put("stage", rs.getString("stage"));
					return row;
				}, contactId);
		if (contact == null || contact.get("merged_into") != null) {
			return false;
		}
		LocalDateTime lastEntry = this.jdbc.queryForObject("SELECT MAX(entered_at) FROM rmk_journey_run"
				+ " WHERE contact_id = ? AND journey_id = ?", LocalDateTime.class, contactId, journey.id());
		Integer active = this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_journey_run WHERE contact_id = ?"
				+ " AND journey_id = ? AND state = 'ACTIVE'", Integer.class, contactId, journey.id());
		if (active != null && active > 0) {
			return false;
		}
		if (lastEntry != null && DbTime.instant(lastEntry).plus(this.settings.scaled(journey.reentry())).isAfter(enteredAt)) {
			return false;
		}
		String cartCode = (String) contact.get("cart_code");
		if (journey.purpose() == JourneyPurpose.REMINDER && cartCode != null) {
			// One reminder series per cart: a shopper who left a cart at the checkout is in both the cart and
			// the checkout segment; the journey that took the cart first keeps it.
			Integer other = this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_journey_run r JOIN rmk_journey j ON j.id ="
					+ " r.journey_id WHERE r.contact_id = ? AND r.state = 'ACTIVE' AND r.cart_code = ? AND j.purpose = ?"
					+ " AND r.journey_id <> ?", Integer.class, contactId, cartCode, JourneyPurpose.REMINDER.name(), journey.id());
			if (other != null && other > 0) {
				return false;
			}
		}
		boolean holdout = inHoldout(journey.code(), contactId, journey.holdoutPercent());
		List<RunProduct> products = products(contactId, trigger(journey));
		Instant now = this.clock.instant();
		long runId;
		try {
			runId = insertRun(journey, contactId, "j" + journey.id() + ":" + entry, holdout,
					(String) contact.get("stage"), (String) contact.get("cart_code"), products, enteredAt, now);
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
		List<JourneyStep> steps = journey.steps();
		for (int i = 0; i < steps.size(); i++) {
			JourneyStep step = steps.get(i);
			Instant due = enteredAt.plus(this.settings.scaled(step.delay()));
			long messageId = insertMessage(journey, runId, contactId, i + 1, step, holdout, due, now);
			if (!holdout) {
				this.queue.schedule(messageId, due);
			}
		}
		return true;
	}

	/** The contact left the trigger segment: their run ends, and its pending steps are cancelled. */
	void leave(Journey journey, long contactId) {
		List<Long> runs = this.jdbc.queryForList("SELECT id FROM rmk_journey_run WHERE contact_id = ? AND journey_id = ?"
				+ " AND state = 'ACTIVE'", Long.class, contactId, journey.id());
		Instant lastOrder = DbTime.instant(this.jdbc.query("SELECT last_order_at FROM rmk_contact WHERE id = ?",
				(rs) -> rs.next() ? toLocal(rs.getObject(1)) : null, contactId));
		for (long runId : runs) {
			Instant entered = DbTime.instant(this.jdbc.queryForObject("SELECT entered_at FROM rmk_journey_run WHERE id = ?",
					LocalDateTime.class, runId));
			String reason = (lastOrder != null && lastOrder.isAfter(entered)) ? "ordered"
					: "left the segment " + journey.triggerSegment();
			end(runId, "EXITED", reason);
		}
	}

	/** Ends runs whose contact ordered after entering (checked again at send time as well). */
	int stopOnPurchase() {
		List<Long> runs = this.jdbc.queryForList("SELECT r.id FROM rmk_journey_run r JOIN rmk_contact c ON c.id = r.contact_id"
				+ " WHERE r.state = 'ACTIVE' AND c.last_order_at > r.entered_at", Long.class);
		for (long runId : runs) {
			this.tx.executeWithoutResult((status) -> end(runId, "EXITED", "ordered"));
		}
		return runs.size();
	}

	private void end(long runId, String state, String reason) {
		Instant now = this.clock.instant();
		int ended = this.jdbc.update("UPDATE rmk_journey_run SET state = ?, exit_reason = ?, ended_at = ? WHERE id = ?"
				+ " AND state = 'ACTIVE'", state, reason, DbTime.utc(now), runId);
		if (ended > 0) {
			this.jdbc.update("UPDATE rmk_message SET state = 'CANCELLED', reason = ?, updated_at = ? WHERE run_id = ?"
					+ " AND state = 'SCHEDULED'", "stopped: " + reason, DbTime.utc(now), runId);
		}
	}

	/**
	 * Marks as converted the runs whose contact placed an order within the goal window after entry,
	 * and sums the revenue of the orders in that window (refunded or cancelled orders are not counted).
	 */
	int recordConversions() {
		Instant now = this.clock.instant();
		long longestGoalHours = this.store.journeys().stream().mapToLong((j) -> j.goalWindow().toHours()).max().orElse(120);
		Instant since = now.minus(this.settings.scaled(java.time.Duration.ofHours(longestGoalHours))).minus(java.time.Duration.ofHours(1));
		List<Map<String, Object>> rows = this.jdbc.queryForList("SELECT r.id, r.entered_at, r.converted_at, r.revenue,"
				+ " j.goal_hours, o.order_id, o.total, o.placed_at FROM rmk_journey_run r"
				+ " JOIN rmk_journey j ON j.id = r.journey_id"
				+ " JOIN rmk_contact_order o ON o.contact_id = r.contact_id AND o.placed_at > r.entered_at AND o.counted = ?"
				+ " WHERE r.entered_at > ? ORDER BY r.id, o.placed_at", true, DbTime.utc(since));
		Map<Long, Conversion> conversions = new LinkedHashMap<>();
		for (Map<String, Object> row : rows) {
			Instant entered = DbTime.instant(toLocal(row.get("entered_at")));
			Instant placed = DbTime.instant(toLocal(row.get("placed_at")));
			java.time.Duration goal = this.settings.scaled(java.time.Duration.ofHours(((Number) row.get("goal_hours")).longValue()));
			if (placed.isAfter(entered.plus(goal))) {
				continue;
			}
			long runId = ((Number) row.get("id")).longValue();
			Conversion c = conversions.computeIfAbsent(runId, (id) -> new Conversion(placed, (String) row.get("order_id")));
			c.revenue = c.revenue.add((row.get("total") != null) ? new BigDecimal(row.get("total").toString()) : BigDecimal.ZERO);
			c.current = row.get("converted_at") != null ? new BigDecimal(String.valueOf(row.get("revenue") != null ? row.get("revenue") : "0")) : null;
		}
		int changed = 0;
		for (Map.Entry<Long, Conversion> e : conversions.entrySet()) {
			Conversion c = e.getValue();
			if (c.current != null && c.current.compareTo(c.revenue) == 0) {
				continue;
			}
			changed += this.jdbc.update("UPDATE rmk_journey_run SET converted_at = ?, order_id = ?, revenue = ? WHERE id = ?",
					DbTime.utc(c.first), c.orderId, c.revenue, e.getKey());
		}
		return changed;
	}

	private static final class Conversion {

		final Instant first;

		final String orderId;

		BigDecimal revenue = BigDecimal.ZERO;

		BigDecimal current;

		Conversion(Instant first, String orderId) {
			this.first = first;
			this.orderId = orderId;
		}

	}

	/** The products a run is about: cart lines, else products looked at, else products bought. */
	List<RunProduct> products(long contactId, String segment) {
		return products(this.jdbc, this.catalogNews, contactId, segment, this.clock.instant());
	}

	/** The store catalog's new products, for the new-products journey (without it, that journey shows what was bought). */
	public void setCatalogNews(CatalogNews catalogNews) {
		this.catalogNews = catalogNews;
	}

	/**
	 * The products of the contact's categories (those they bought in) made available since their
	 * last visit (at most 30 days back), newest first, leaving out what they bought already.
	 */
	static List<RunProduct> newProducts(JdbcTemplate jdbc, CatalogNews news, long contactId, Instant now) {
		LocalDateTime lastSeen = jdbc.query("SELECT last_seen FROM rmk_contact WHERE id = ?",
				(rs) -> rs.next() ? toLocal(rs.getObject(1)) : null, contactId);
		Instant since = now.minus(Duration.ofDays(30));
		if (lastSeen != null && DbTime.instant(lastSeen).isAfter(since)) {
			since = DbTime.instant(lastSeen);
		}
		List<String> categories = jdbc.queryForList("SELECT cc.category_code FROM rmk_contact_category cc"
				+ " JOIN rmk_category_news n ON n.category_code = cc.category_code WHERE cc.contact_id = ? AND cc.bought_count > 0"
				+ " AND n.newest_added_at > ? ORDER BY n.newest_added_at DESC, cc.category_code", String.class, contactId,
				DbTime.utc(since));
		if (categories.isEmpty()) {
			return List.of();
		}
		List<Long> bought = jdbc.queryForList("SELECT product_id FROM rmk_contact_product WHERE contact_id = ?"
				+ " AND bought_count > 0", Long.class, contactId);
		List<RunProduct> found = new ArrayList<>();
		try {
			news.newestProducts(categories.subList(0, Math.min(categories.size(), 20)), since, MAX_PRODUCTS + bought.size())
				.forEach((id, sku) -> {
					if (found.size() < MAX_PRODUCTS && !bought.contains(id)) {
						found.add(new RunProduct(id, sku, 0));
					}
				});
		}
		catch (RuntimeException ex) {
			log.warn("Remarketing could not read the catalog's new products: {}", ex.toString());
		}
		return found;
	}

	/** What chooses a run's products: the trigger segment's code, or "event:" and the trigger event. */
	static String trigger(Journey journey) {
		return (journey.triggerSegment() != null) ? journey.triggerSegment() : "event:" + journey.triggerEvent();
	}

	/** The products a run for this contact and trigger ({@link #trigger}) would be about (also the previews'). */
	static List<RunProduct> products(JdbcTemplate jdbc, CatalogNews news, long contactId, String segment, Instant now) {
		if (news != null && "new-products-for-past-buyers".equals(segment)) {
			List<RunProduct> fresh = newProducts(jdbc, news, contactId, now);
			if (!fresh.isEmpty()) {
				return fresh;
			}
		}
		return products(jdbc, contactId, segment);
	}

	static List<RunProduct> products(JdbcTemplate jdbc, long contactId, String segment) {
		String cart = "SELECT product_id, sku, cart_quantity FROM rmk_contact_product WHERE contact_id = ? AND cart_quantity > 0"
				+ " ORDER BY added_to_cart_at DESC, product_id";
		String viewed = "SELECT product_id, sku, 0 FROM rmk_contact_product WHERE contact_id = ? AND cart_quantity = 0"
				+ " AND last_viewed_at IS NOT NULL ORDER BY views DESC, last_viewed_at DESC, product_id";
		String bought = "SELECT product_id, sku, 0 FROM rmk_contact_product WHERE contact_id = ? AND bought_count > 0"
				+ " ORDER BY last_bought_at DESC, product_id";
		List<String> order;
		if ("abandoned-cart".equals(segment) || "abandoned-checkout".equals(segment)) {
			order = List.of(cart, viewed);
		}
		else if ("browse-abandonment".equals(segment)) {
			order = List.of(viewed, cart);
		}
		else if ("one-time-quiet".equals(segment) || "replenishment-due".equals(segment) || "repeat-buyers".equals(segment)
				|| "new-products-for-past-buyers".equals(segment) || "vip".equals(segment) || "lapsed".equals(segment)
				|| "event:order_placed".equals(segment)) {
			order = List.of(bought, viewed);
		}
		else {
			order = List.of(cart, viewed, bought);
		}
		for (String sql : order) {
			List<RunProduct> found = new ArrayList<>();
			jdbc.query(sql, (rs) -> {
				if (found.size() < MAX_PRODUCTS) {
					found.add(new RunProduct(rs.getLong(1), rs.getString(2), rs.getInt(3)));
				}
			}, contactId);
			if (!found.isEmpty()) {
				return found;
			}
		}
		return List.of();
	}

	/** A stable, evenly spread bucket 0–99 per journey and contact: the same contact is always in or out. */
	static boolean inHoldout(String journeyCode, long contactId, int percent) {
		if (percent <= 0) {
			return false;
		}
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
					.digest((journeyCode + ":" + contactId).getBytes(StandardCharsets.UTF_8));
			long value = ((hash[0] & 0xFFL) << 24) | ((hash[1] & 0xFFL) << 16) | ((hash[2] & 0xFFL) << 8) | (hash[3] & 0xFFL);
			return value % 100 < percent;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private long insertRun(Journey journey, long contactId, String entryKey, boolean holdout, String stage, String cartCode,
			List<RunProduct> products, Instant enteredAt, Instant now) {
		KeyHolder keys = new GeneratedKeyHolder();
		String productsJson = productsJson(products);
		this.jdbc.update((Connection connection) -> {
			PreparedStatement insert = connection.prepareStatement("INSERT INTO rmk_journey_run (journey_id, contact_id,"
					+ " entry_key, state, holdout, stage, cart_code, products_json, entered_at) VALUES (?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?)",
					new String[] { "id" });
			insert.setLong(1, journey.id());
			insert.setLong(2, contactId);
			insert.setString(3, entryKey);
			insert.setBoolean(4, holdout);
			insert.setString(5, stage);
			insert.setString(6, cartCode);
			insert.setString(7, productsJson);
			insert.setObject(8, DbTime.utc(enteredAt));
			return insert;
		}, keys);
		return key(keys);
	}

	private long insertMessage(Journey journey, long runId, long contactId, int stepNo, JourneyStep step, boolean holdout,
			Instant due, Instant now) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.update((Connection connection) -> {
			PreparedStatement insert = connection.prepareStatement("INSERT INTO rmk_message (run_id, journey_id, contact_id,"
					+ " step_no, channel, template, send_key, state, reason, due_at, attempts, created_at, updated_at)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)", new String[] { "id" });
			insert.setLong(1, runId);
			insert.setLong(2, journey.id());
			insert.setLong(3, contactId);
			insert.setInt(4, stepNo);
			insert.setString(5, step.channel());
			insert.setString(6, step.template());
			insert.setString(7, "r" + runId + ":s" + stepNo);
			insert.setString(8, holdout ? "HELD_OUT" : "SCHEDULED");
			insert.setString(9, holdout ? "holdout: kept back to measure the journey's lift" : null);
			insert.setObject(10, DbTime.utc(due));
			insert.setObject(11, DbTime.utc(now));
			insert.setObject(12, DbTime.utc(now));
			return insert;
		}, keys);
		return key(keys);
	}

	private static long key(KeyHolder keys) {
		for (Map<String, Object> row : keys.getKeyList()) {
			for (Object value : row.values()) {
				if (value instanceof Number) {
					return ((Number) value).longValue();
				}
			}
		}
		throw new IllegalStateException("The database returned no generated id");
	}

	static String productsJson(List<RunProduct> products) {
		List<Map<String, Object>> list = new ArrayList<>();
		for (RunProduct p : products) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("productId", p.productId());
			m.put("sku", p.sku());
			m.put("quantity", p.quantity());
			list.add(m);
		}
		try {
			return JSON.writeValueAsString(list);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static List<RunProduct> products(String json) {
		if (json == null || json.isBlank()) {
			return List.of();
		}
		try {
			List<Map<String, Object>> list = JSON.readValue(json, new TypeReference<List<Map<String, Object>>>() {
			});
			List<RunProduct> products = new ArrayList<>();
			for (Map<String, Object> m : list) {
				products.add(new RunProduct(((Number) m.get("productId")).longValue(), (String) m.get("sku"),
						((Number) m.getOrDefault("quantity", 0)).intValue()));
			}
			return products;
		}
		catch (JsonProcessingException ex) {
			log.warn("A run's products could not be read; the message goes out without products");
			return List.of();
		}
	}

	static LocalDateTime toLocal(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof LocalDateTime) {
			return (LocalDateTime) value;
		}
		if (value instanceof java.sql.Timestamp) {
			return ((java.sql.Timestamp) value).toLocalDateTime();
		}
		throw new IllegalStateException("Unexpected time value " + value.getClass());
	}

	static Boolean bool(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Boolean) {
			return (Boolean) value;
		}
		if (value instanceof Number) {
			return ((Number) value).intValue() != 0;
		}
		return Boolean.valueOf(value.toString());
	}

}
