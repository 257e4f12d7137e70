package org.remarketing.core.segments;

import java.util.Optional;

/** The operators a profile condition may use; the SQL of each is fixed here, never taken from a rule. */
enum RuleOperator {

	EQ("eq", "=", "="), NE("ne", "<>", "≠"), GT("gt", ">", ">"), GTE("gte", ">=", "≥"), LT("lt", "<", "<"),
	LTE("lte", "<=", "≤"),

	IN("in", null, null), NOT_IN("not_in", null, null),

	/** The time is after now minus N days. */
	WITHIN_DAYS("within_days", null, null),

	/** The time is at or before now minus N days. */
	OLDER_THAN_DAYS("older_than_days", null, null),

	/** The birthday (month and day) falls between today and N days from today, both included. */
	IN_NEXT_DAYS("in_next_days", null, null);

	private final String wireName;

	private final String sql;

	private final String symbol;

	RuleOperator(String wireName, String sql, String symbol) {
		this.wireName = wireName;
		this.sql = sql;
		this.symbol = symbol;
	}

	String wireName() {
		return this.wireName;
	}

	/** The SQL comparison of eq..lte. */
	String sql() {
		return this.sql;
	}

	/** The comparison as people write it (≥), for descriptions. */
	String symbol() {
		return this.symbol;
	}

	static Optional<RuleOperator> fromWireName(String name) {
		for (RuleOperator op : values()) {
			if (op.wireName.equals(name)) {
				return Optional.of(op);
			}
		}
		return Optional.empty();
	}

}
