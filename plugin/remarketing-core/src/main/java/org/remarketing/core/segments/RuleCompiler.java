package org.remarketing.core.segments;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.remarketing.core.segments.RuleNode.ConsentCondition;
import org.remarketing.core.segments.RuleNode.EventCondition;
import org.remarketing.core.segments.RuleNode.FieldCondition;
import org.remarketing.core.segments.RuleNode.Group;
import org.remarketing.core.segments.RuleNode.GroupKind;
import org.remarketing.core.segments.RuleNode.SegmentCondition;
import org.remarketing.core.tracking.EventType;

/**
 * Turns a {@link SegmentRule} into a {@link SegmentQuery}: SQL text made only of the fixed column
 * names and operators of the allow-list, every value of the rule bound as a parameter.
 * <p>
 * Days-ago and event windows are bound as instants computed from {@code now} (times are stored as
 * UTC wall-clock values), so a time-dependent rule is compiled again for each evaluation. Every
 * condition is true or false, never unknown (a missing language is "not vi"), so that {@code not}
 * is the exact opposite of its condition. Sweeps are given when every time-dependent condition has
 * one (days-ago fields, event windows); a birthday condition has none, so its rule is re-evaluated
 * over all contacts.
 */
public final class RuleCompiler {

	private static final long MINUTES_PER_DAY = 24 * 60;

	private final SqlDialect dialect;

	private final ZoneId zone;

	/** Birthdays counted in UTC days. */
	public RuleCompiler(SqlDialect dialect) {
		this(dialect, ZoneOffset.UTC);
	}

	/** @param zone the store's time zone: where "today" is for birthdays */
	public RuleCompiler(SqlDialect dialect, ZoneId zone) {
		this.dialect = dialect;
		this.zone = zone;
	}

	/**
	 * @throws RuleException naming the path of the first problem of the JSON
	 */
	public SegmentQuery compile(String json, Instant now) {
		return compile(SegmentRule.parse(json), now);
	}

	public SegmentQuery compile(SegmentRule rule, Instant now) {
		Compilation compilation = new Compilation(now);
		compilation.node(rule.root());
		List<SegmentQuery.Sweep> sweeps = compilation.unswept ? List.of() : new ArrayList<>(compilation.sweeps.values());
		return new SegmentQuery(compilation.text.toString(), compilation.parameters, rule.timeDependent(), sweeps);
	}

	/** Month and day as {@link SqlDialect#monthDay} computes them: March 5th is 305. */
	static int monthDay(LocalDate date) {
		return date.getMonthValue() * 100 + date.getDayOfMonth();
	}

	private final class Compilation {

		private final StringBuilder text = new StringBuilder();

		private final List<Object> parameters = new ArrayList<>();

		private final Map<String, SegmentQuery.Sweep> sweeps = new LinkedHashMap<>();

		private final Instant now;

		/** A time-dependent condition without a sweep was met. */
		private boolean unswept;

		Compilation(Instant now) {
			this.now = now;
		}

		void node(RuleNode node) {
			if (node instanceof Group) {
				group((Group) node);
			}
			else if (node instanceof FieldCondition) {
				field((FieldCondition) node);
			}
			else if (node instanceof EventCondition) {
				event((EventCondition) node);
			}
			else if (node instanceof SegmentCondition) {
				segment((SegmentCondition) node);
			}
			else {
				consent((ConsentCondition) node);
			}
		}

		private void group(Group group) {
			this.text.append((group.kind == GroupKind.NOT) ? "NOT (" : "(");
			for (int i = 0; i < group.children.size(); i++) {
				if (i > 0) {
					this.text.append((group.kind == GroupKind.ALL) ? " AND " : " OR ");
				}
				node(group.children.get(i));
			}
			this.text.append(')');
		}

		private void field(FieldCondition condition) {
			String column = condition.field.column();
			switch (condition.field.kind()) {
				case WHOLE:
				case AMOUNT:
					append(column + " " + condition.op.sql() + " ?", condition.value);
					break;
				case CODE:
					code(condition);
					break;
				case PRESENCE:
					append(column + (Boolean.TRUE.equals(condition.value) ? " IS NOT NULL" : " IS NULL"));
					break;
				case TIME:
					long days = (Long) condition.value;
					String compare = (condition.op == RuleOperator.WITHIN_DAYS) ? " > ?" : " <= ?";
					append("(" + column + " IS NOT NULL AND " + column + compare + ")", utc(daysAgo(days)));
					sweep("SELECT c.id FROM rmk_contact c WHERE " + column + " > ? AND " + column + " <= ?", List.of(),
							days);
					break;
				default:
					birthday(column, (Long) condition.value);
			}
		}

		private void code(FieldCondition condition) {
			String column = condition.field.column();
			String value = (condition.field == RuleField.LANGUAGE) ? "LOWER(" + column + ")" : column;
			List<?> values = (condition.value instanceof List) ? (List<?>) condition.value
					: Collections.singletonList(condition.value);
			switch (condition.op) {
				case EQ:
					append("(" + column + " IS NOT NULL AND " + value + " = ?)", values);
					break;
				case NE:
					append("(" + column + " IS NULL OR " + value + " <> ?)", values);
					break;
				case IN:
					append("(" + column + " IS NOT NULL AND " + value + " IN (" + marks(values.size()) + "))", values);
					break;
				default:
					append("(" + column + " IS NULL OR " + value + " NOT IN (" + marks(values.size()) + "))", values);
			}
		}

		/** Today to {@code days} days from today, both included, by month and day; Feb 29 counts as Feb 28 in other years. */
		private void birthday(String column, long days) {
			LocalDate today = LocalDate.ofInstant(this.now, RuleCompiler.this.zone);
			LocalDate last = today.plusDays(days);
			int from = monthDay(today);
			int to = monthDay(last);
			if (last.getMonth() == Month.FEBRUARY && last.getDayOfMonth() == 28 && !last.isLeapYear()) {
				to = 229;
			}
			String monthDay = RuleCompiler.this.dialect.monthDay(column);
			if (last.getYear() == today.getYear()) {
				append("(" + column + " IS NOT NULL AND " + monthDay + " BETWEEN ? AND ?)", List.of(from, to));
			}
			else {
				append("(" + column + " IS NOT NULL AND (" + monthDay + " >= ? OR " + monthDay + " <= ?))",
						List.of(from, to));
			}
			this.unswept = true;
		}

		private void event(EventCondition condition) {
			List<Object> filter = new ArrayList<>();
			StringBuilder where = new StringBuilder();
			if (condition.types.size() == 1) {
				where.append("e.event_type = ?");
			}
			else {
				where.append("e.event_type IN (").append(marks(condition.types.size())).append(')');
			}
			for (EventType type : condition.types) {
				filter.add(type.wireName());
			}
			if (condition.productId != null) {
				where.append(" AND e.product_id = ?");
				filter.add(condition.productId);
			}
			if (condition.category != null) {
				where.append(" AND e.category_code = ?");
				filter.add(condition.category);
			}
			LocalDateTime since = utc(daysAgo(condition.days));
			String events = "FROM rmk_event e WHERE e.contact_id = c.id AND " + where + " AND e.occurred_at > ?";
			if (condition.min == 1) {
				append("EXISTS (SELECT 1 " + events + ")", filter);
				this.parameters.add(since);
			}
			else {
				append("(SELECT COUNT(*) " + events + ") >= ?", filter);
				this.parameters.add(since);
				this.parameters.add(condition.min);
			}
			sweep("SELECT DISTINCT e.contact_id FROM rmk_event e WHERE " + where
					+ " AND e.contact_id IS NOT NULL AND e.occurred_at > ? AND e.occurred_at <= ?", filter, condition.days);
		}

		private void segment(SegmentCondition condition) {
			append((condition.member ? "" : "NOT ") + "EXISTS (SELECT 1 FROM rmk_segment_member m JOIN rmk_segment s"
					+ " ON s.id = m.segment_id WHERE m.contact_id = c.id AND s.code = ?)", condition.code);
		}

		private void consent(ConsentCondition condition) {
			append((condition.granted ? "" : "NOT ") + "EXISTS (SELECT 1 FROM rmk_consent k WHERE k.contact_id = c.id"
					+ " AND k.channel = ? AND k.granted = TRUE AND NOT EXISTS (SELECT 1 FROM rmk_consent l"
					+ " WHERE l.contact_id = k.contact_id AND l.channel = k.channel AND (l.recorded_at > k.recorded_at"
					+ " OR (l.recorded_at = k.recorded_at AND l.id > k.id))))", condition.channel.name());
		}

		private void append(String sql, Object... values) {
			append(sql, List.of(values));
		}

		private void append(String sql, Collection<?> values) {
			this.text.append(sql);
			this.parameters.addAll(values);
		}

		private void sweep(String select, List<Object> parameters, long days) {
			long shift = days * MINUTES_PER_DAY;
			this.sweeps.putIfAbsent(select + ' ' + parameters + ' ' + shift,
					new SegmentQuery.Sweep(select, parameters, shift));
		}

		private Instant daysAgo(long days) {
			return this.now.minus(Duration.ofDays(days));
		}

	}

	private static String marks(int count) {
		return String.join(", ", Collections.nCopies(count, "?"));
	}

	private static LocalDateTime utc(Instant instant) {
		return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
