package org.remarketing.core.segments;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.remarketing.core.schema.DatabaseVendor;
import org.remarketing.core.schema.DbTime;

/**
 * The shopper groups of the product's seeds, shipped with every install. Each has a code (stable:
 * journeys and the API refer to it), a name and a plain-language description, and thresholds an
 * administrator may change within limits ({@link Setting}). Conditions read the contact profile
 * the contacts processor keeps current; times are UTC.
 */
public enum BuiltInSegment {

	ABANDONED_CART("abandoned-cart", "Abandoned cart",
			"Items in the cart, no order since the cart last changed, and the cart idle for at least %s minutes.",
			new Setting("idle_minutes", 60, 10, 7 * 24 * 60)) {

		@Override
		SegmentQuery query(Map<String, Integer> s, Instant now, SqlDialect sql) {
			Instant idleSince = now.minus(Duration.ofMinutes(s.get("idle_minutes")));
			return new SegmentQuery("c.cart_items > 0 AND c.cart_updated_at <= ?"
					+ " AND (c.last_order_at IS NULL OR c.last_order_at < c.cart_updated_at)", params(idleSince), true,
					List.of(contactSweep("cart_updated_at", s.get("idle_minutes"))));
		}

	},

	ABANDONED_CHECKOUT("abandoned-checkout", "Abandoned checkout",
			"Reached checkout with a known email address and placed no order, idle for at least %s minutes.",
			new Setting("idle_minutes", 60, 10, 7 * 24 * 60)) {

		@Override
		SegmentQuery query(Map<String, Integer> s, Instant now, SqlDialect sql) {
			Instant idleSince = now.minus(Duration.ofMinutes(s.get("idle_minutes")));
			return new SegmentQuery("c.checkout_step IS NOT NULL AND c.email IS NOT NULL AND c.checkout_step_at <= ?"
					+ " AND (c.last_order_at IS NULL OR c.last_order_at < c.checkout_step_at)", params(idleSince), true,
					List.of(contactSweep("checkout_step_at", s.get("idle_minutes"))));
		}

	},

	BROWSE_ABANDONMENT("browse-abandonment", "Browse abandonment",
			"Viewed the same product at least %s times or for at least %s seconds, last viewed in the last %s days,"
					+ " and added nothing to the cart in those days.",
			new Setting("min_views", 3, 2, 100), new Setting("min_seconds", 60, 10, 3600),
			new Setting("days", 7, 1, 60)) {

		@Override
		SegmentQuery query(Map<String, Integer> s, Instant now, SqlDialect sql) {
			Instant since = now.minus(Duration.ofDays(s.get("days")));
			long window = Duration.ofDays(s.get("days")).toMinutes();
			return new SegmentQuery("c.cart_items = 0 AND EXISTS (SELECT 1 FROM rmk_contact_product p"
					+ " WHERE p.contact_id = c.id AND p.last_viewed_at > ? AND (p.views >= ? OR p.view_seconds >= ?))"
					+ " AND NOT EXISTS (SELECT 1 FROM rmk_contact_product a WHERE a.contact_id = c.id"
					+ " AND a.added_to_cart_at > ?)", params(since, s.get("min_views"), s.get("min_seconds"), since),
					true, List.of(productSweep("last_viewed_at", window), productSweep("added_to_cart_at", window)));
		}

	},

	ONE_TIME_QUIET("one-time-quiet", "One-time buyers gone quiet",
			"Exactly one order, placed between %s and %s days ago, and nothing since.",
			new Setting("min_days", 60, 7, 365), new Setting("max_days", 90, 14, 730)) {

		@Override
		SegmentQuery query(Map<String, Integer> s, Instant now, SqlDialect sql) {
			return new SegmentQuery("c.orders_count = 1 AND c.last_order_at <= ? AND c.last_order_at > ?",
					params(now.minus(Duration.ofDays(s.get("min_days"))), now.minus(Duration.ofDays(s.get("max_days")))),
					true, List.of(contactSweep("last_order_at", Duration.ofDays(s.get("min_days")).toMinutes()),
							contactSweep("last_order_at", Duration.ofDays(s.get("max_days")).toMinutes())));
		}

		@Override
		String invalid(Map<String, Integer> s) {
			return s.get("min_days") < s.get("max_days") ? null : "min_days must be less than max_days";
		}

	},

	REPEAT_BUYERS("repeat-buyers", "Repeat buyers", "At least %s orders.", new Setting("min_orders", 2, 2, 100)) {

		@Override
		SegmentQuery query(Map<String, Integer> s, Instant now, SqlDialect sql) {
			return SegmentQuery.of("c.orders_count >= ?", params(s.get("min_orders")));
		}

	},

	REPLENISHMENT_DUE("replenishment-due", "Replenishment due",
			"Bought a product whose usage period (set per product or per category) runs out within %s days, or ran"
					+ " out less than %s days ago, and has not bought it again.",
			new Setting("lead_days", 7, 0, 60), new Setting("grace_days", 14, 0, 90)) {

		@Override
		SegmentQuery query(Map<String, Integer> s, Instant now, SqlDialect sql) {
			String days = "COALESCE(up.days, uc.days)";
			String from = sql.plusDays("p.last_bought_at", days + " - " + s.get("lead_days"));
			String until = sql.plusDays("p.last_bought_at", days + " + " + s.get("grace_days"));
			return new SegmentQuery("EXISTS (SELECT 1 FROM rmk_contact_product p"
					+ " LEFT JOIN rmk_usage_period up ON up.scope = 'PRODUCT' AND up.scope_key = " + productKey(sql)
					+ " LEFT JOIN rmk_usage_period uc ON uc.scope = 'CATEGORY' AND uc.scope_key = p.category_code"
					+ " WHERE p.contact_id = c.id AND p.last_bought_at IS NOT NULL AND (up.days IS NOT NULL OR uc.days IS NOT NULL)"
					+ " AND " + from + " <= ? AND " + until + " > ?)", params(now, now), true, List.of(), DAILY_MOVING);
		}

	},

	BIRTHDAY_SOON("birthday-soon", "Birthday soon", "Birthday today or within the next %s days.",
			new Setting("days", 7, 1, 31)) {

		@Override
		SegmentQuery query(Map<String, Integer> s, Instant now, SqlDialect sql) {
			List<Object> days = monthDays(now, s.get("days"));
			String marks = days.stream().map((d) -> "?").collect(Collectors.joining(", "));
			return new SegmentQuery("c.birthday IS NOT NULL AND " + sql.monthDay("c.birthday") + " IN (" + marks + ")",
					days, true, List.of(), DAILY_MOVING);
		}

	},

	LAPSED("lapsed", "Lapsed", "No visit and no order for at least %s days.", new Setting("days", 120, 30, 1095)) {

		@Override
		SegmentQuery query(Map<String, Integer> s, Instant now, SqlDialect sql) {
			Instant since = now.minus(Duration.ofDays(s.get("days")));
			long window = Duration.ofDays(s.get("days")).toMinutes();
			return new SegmentQuery("c.last_seen <= ? AND (c.last_order_at IS NULL OR c.last_order_at <= ?)",
					params(since, since), true, List.of(contactSweep("last_seen", window), contactSweep("last_order_at", window)));
		}

	},

	VIP("vip", "VIP", "Spent more than %s (store currency) in the last %s days, refunds and cancellations taken out.",
			new Setting("min_spent", 500, 1, 10_000_000), new Setting("days", 90, 7, 730)) {

		@Override
		SegmentQuery query(Map<String, Integer> s, Instant now, SqlDialect sql) {
			return new SegmentQuery("(SELECT COALESCE(SUM(o.total), 0) FROM rmk_contact_order o WHERE o.contact_id = c.id"
					+ " AND o.counted = ? AND o.placed_at > ?) > ?",
					params(true, now.minus(Duration.ofDays(s.get("days"))), s.get("min_spent")), true,
					List.of(new SegmentQuery.Sweep("SELECT o.contact_id FROM rmk_contact_order o WHERE o.placed_at > ?"
							+ " AND o.placed_at <= ?", List.of(), Duration.ofDays(s.get("days")).toMinutes())));
		}

	},

	NEW_PRODUCTS_FOR_PAST_BUYERS("new-products-for-past-buyers", "New products for past buyers",
			"Bought in a category that has products added since their last visit (checked within the last %s days).",
			new Setting("days", 30, 1, 365)) {

		@Override
		SegmentQuery query(Map<String, Integer> s, Instant now, SqlDialect sql) {
			return new SegmentQuery("EXISTS (SELECT 1 FROM rmk_contact_category cc JOIN rmk_category_news n"
					+ " ON n.category_code = cc.category_code WHERE cc.contact_id = c.id AND cc.bought_count > 0"
					+ " AND n.newest_added_at > c.last_seen AND n.newest_added_at > ?)",
					params(now.minus(Duration.ofDays(s.get("days")))), true, List.of(), Duration.ofMinutes(10));
		}

	};

	/** Conditions that move with the date: evaluated over all contacts hourly, not at every sweep. */
	static final Duration DAILY_MOVING = Duration.ofHours(1);

	private final String code;

	private final String title;

	private final String description;

	private final List<Setting> settings;

	BuiltInSegment(String code, String title, String description, Setting... settings) {
		this.code = code;
		this.title = title;
		this.description = description;
		this.settings = List.of(settings);
	}

	public String code() {
		return this.code;
	}

	public String title() {
		return this.title;
	}

	public List<Setting> settings() {
		return this.settings;
	}

	/** The defaults, by setting name. */
	public Map<String, Integer> defaults() {
		Map<String, Integer> values = new LinkedHashMap<>();
		this.settings.forEach((setting) -> values.put(setting.name, setting.defaultValue));
		return values;
	}

	/** The description with these thresholds filled in. */
	public String describe(Map<String, Integer> values) {
		return String.format(this.description, this.settings.stream().map((s) -> values.get(s.name)).toArray());
	}

	/**
	 * Checks changed thresholds: every name known, every value within its limits.
	 * @return the complete settings (defaults for those not given)
	 * @throws IllegalArgumentException with a message for the administrator
	 */
	public Map<String, Integer> validate(Map<String, ?> given) {
		Map<String, Integer> values = defaults();
		for (Map.Entry<String, ?> entry : given.entrySet()) {
			Setting setting = this.settings.stream().filter((s) -> s.name.equals(entry.getKey())).findFirst()
				.orElseThrow(() -> new IllegalArgumentException("'" + entry.getKey() + "' is not a setting of "
						+ this.title + " (" + this.settings.stream().map((s) -> s.name).collect(Collectors.joining(", "))
						+ ")"));
			Object value = entry.getValue();
			if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < setting.min
					|| ((Number) value).longValue() > setting.max) {
				throw new IllegalArgumentException(setting.name + " must be a whole number from " + setting.min + " to "
						+ setting.max);
			}
			values.put(setting.name, ((Number) value).intValue());
		}
		String problem = invalid(values);
		if (problem != null) {
			throw new IllegalArgumentException(problem);
		}
		return values;
	}

	String invalid(Map<String, Integer> values) {
		return null;
	}

	abstract SegmentQuery query(Map<String, Integer> settings, Instant now, SqlDialect sql);

	public static BuiltInSegment byCode(String code) {
		for (BuiltInSegment segment : values()) {
			if (segment.code.equals(code)) {
				return segment;
			}
		}
		return null;
	}

	private static List<Object> params(Object... values) {
		List<Object> list = new ArrayList<>();
		for (Object value : values) {
			list.add((value instanceof Instant) ? DbTime.utc((Instant) value) : value);
		}
		return list;
	}

	private static SegmentQuery.Sweep contactSweep(String column, long minutes) {
		return new SegmentQuery.Sweep("SELECT c.id FROM rmk_contact c WHERE c." + column + " > ? AND c." + column + " <= ?",
				List.of(), minutes);
	}

	private static SegmentQuery.Sweep productSweep(String column, long minutes) {
		return new SegmentQuery.Sweep("SELECT p.contact_id FROM rmk_contact_product p WHERE p." + column + " > ? AND p."
				+ column + " <= ?", List.of(), minutes);
	}

	/** The product id as the text key of rmk_usage_period. */
	private static String productKey(SqlDialect sql) {
		return "CAST(p.product_id AS " + (sql.vendor() == DatabaseVendor.MYSQL ? "CHAR" : "VARCHAR(100)") + ")";
	}

	/** Month-day numbers (see {@link SqlDialect#monthDay}) of today and the next days; Feb 29 birthdays count on Feb 28 in other years. */
	static List<Object> monthDays(Instant now, int days) {
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		List<Object> values = new ArrayList<>();
		for (int i = 0; i <= days; i++) {
			LocalDate day = today.plusDays(i);
			values.add(day.getMonthValue() * 100 + day.getDayOfMonth());
			if (day.getMonthValue() == 2 && day.getDayOfMonth() == 28 && !day.isLeapYear()) {
				values.add(229);
			}
		}
		return values;
	}

	/** A threshold an administrator may change. */
	public static final class Setting {

		public final String name;

		public final int defaultValue;

		public final int min;

		public final int max;

		Setting(String name, int defaultValue, int min, int max) {
			this.name = name;
			this.defaultValue = defaultValue;
			this.min = min;
			this.max = max;
		}

	}

}
