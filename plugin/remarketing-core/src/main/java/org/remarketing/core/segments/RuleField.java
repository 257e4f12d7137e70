package org.remarketing.core.segments;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The allow-list of profile fields a rule may name: the {@code rmk_contact} column behind each, its
 * kind (which decides the operators and values) and, for codes, the values it can hold.
 */
enum RuleField {

	ORDERS_COUNT("orders_count", "c.orders_count", Kind.WHOLE, "orders"),
	TOTAL_SPENT("total_spent", "c.total_spent", Kind.AMOUNT, "total spent"),
	VISITS("visits", "c.visits", Kind.WHOLE, "visits"),
	CART_ITEMS("cart_items", "c.cart_items", Kind.WHOLE, "items in the cart"),
	CART_VALUE("cart_value", "c.cart_value", Kind.AMOUNT, "cart value"),
	/** Free codes (vi, en, pt-br), compared in lower case. */
	LANGUAGE("language", "c.language", Kind.CODE, "language"),
	STAGE("stage", "c.stage", Kind.CODE, "stage", "discovering", "considering", "intending", "customer", "loyal"),
	CHECKOUT_STEP("checkout_step", "c.checkout_step", Kind.CODE, "checkout step", "begin_checkout",
			"add_shipping_info", "add_payment_info"),
	CUSTOMER("customer", "c.customer_id", Kind.PRESENCE, "a customer account"),
	EMAIL("email", "c.email", Kind.PRESENCE, "an email"),
	LAST_ORDER_AT("last_order_at", "c.last_order_at", Kind.TIME, "last order"),
	LAST_SEEN("last_seen", "c.last_seen", Kind.TIME, "last seen"),
	FIRST_SEEN("first_seen", "c.first_seen", Kind.TIME, "first seen"),
	CART_UPDATED_AT("cart_updated_at", "c.cart_updated_at", Kind.TIME, "cart last changed"),
	BIRTHDAY("birthday", "c.birthday", Kind.BIRTHDAY, "birthday");

	/** What a field holds; it decides the operators and the value. */
	enum Kind {

		WHOLE(RuleOperator.EQ, RuleOperator.NE, RuleOperator.GT, RuleOperator.GTE, RuleOperator.LT, RuleOperator.LTE),
		AMOUNT(RuleOperator.EQ, RuleOperator.NE, RuleOperator.GT, RuleOperator.GTE, RuleOperator.LT, RuleOperator.LTE),
		CODE(RuleOperator.EQ, RuleOperator.NE, RuleOperator.IN, RuleOperator.NOT_IN),
		/** Whether the column has a value: {@code "op": "eq", "value": true|false}. */
		PRESENCE(RuleOperator.EQ),
		TIME(RuleOperator.WITHIN_DAYS, RuleOperator.OLDER_THAN_DAYS),
		BIRTHDAY(RuleOperator.IN_NEXT_DAYS);

		private final List<RuleOperator> operators;

		Kind(RuleOperator... operators) {
			this.operators = Collections.unmodifiableList(Arrays.asList(operators));
		}

		List<RuleOperator> operators() {
			return this.operators;
		}

	}

	private final String wireName;

	private final String column;

	private final Kind kind;

	private final String label;

	private final List<String> codes;

	RuleField(String wireName, String column, Kind kind, String label, String... codes) {
		this.wireName = wireName;
		this.column = column;
		this.kind = kind;
		this.label = label;
		this.codes = Collections.unmodifiableList(Arrays.asList(codes));
	}

	String wireName() {
		return this.wireName;
	}

	/** The column on {@code rmk_contact c}, qualified. */
	String column() {
		return this.column;
	}

	Kind kind() {
		return this.kind;
	}

	/** How descriptions name it. */
	String label() {
		return this.label;
	}

	/** The values a code field can hold; empty when any code is allowed. */
	List<String> codes() {
		return this.codes;
	}

	static Optional<RuleField> fromWireName(String name) {
		for (RuleField field : values()) {
			if (field.wireName.equals(name)) {
				return Optional.of(field);
			}
		}
		return Optional.empty();
	}

}
