package org.remarketing.core.segments;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What an admin reads when a rule is refused: the path of the problem and what is accepted there.
 */
class RuleValidationTests {

	static Stream<Arguments> refusedRules() {
		return Stream.of(
			Arguments.of("{\"all\":[{\"field\":\"orders_count\",\"op\":\"gte\",\"value\":2},{\"any\":[{\"field\":\"orders_count\",\"op\":\"between\",\"value\":[1,2]}]}]}",
					"all[1].any[0].op: 'between' is not an operator of orders_count (use eq, ne, gt, gte, lt, lte)"),
			Arguments.of("{\"all\":[{\"field\":\"orders_count; DELETE\",\"op\":\"eq\",\"value\":1}]}",
					"all[0].field: 'orders_count; DELETE' is not a field (use orders_count, total_spent, visits, cart_items, cart_value, language, stage, checkout_step, customer, email, last_order_at, last_seen, first_seen, cart_updated_at, birthday)"),
			Arguments.of("{\"any\":[{\"field\":\"language\",\"op\":\"eq\",\"value\":\"vi\",\"extra\":1}]}",
					"any[0]: unknown key 'extra' in a field condition (allowed: field, op, value)"),
			Arguments.of("{\"all\":[{\"event\":\"view_item\",\"days\":7,\"max\":3}]}",
					"all[0]: unknown key 'max' in an event condition (allowed: event, product_id, category, min, days)"),
			Arguments.of("{\"all\":[{\"field\":\"visits\",\"all\":[]}]}",
					"all[0]: has both 'field' and 'all'; an object is either one group or one condition"),
			Arguments.of("{\"all\":[{\"all\":[{\"field\":\"visits\",\"op\":\"gt\",\"value\":1}],\"any\":[]}]}",
					"all[0]: has both 'all' and 'any'; an object is either one group or one condition"),
			Arguments.of("{\"all\":[]}",
					"all: takes a non-empty list of groups and conditions, not a list"),
			Arguments.of("{\"any\":{\"field\":\"visits\",\"op\":\"gt\",\"value\":1}}",
					"any: takes a non-empty list of groups and conditions, not an object"),
			Arguments.of("{\"not\":[{\"field\":\"visits\",\"op\":\"gt\",\"value\":1}]}",
					"not: takes one group or condition (an object), not a list"),
			Arguments.of("{\"all\":[{\"filed\":\"visits\"}]}",
					"all[0]: needs one of the keys all, any, not, field, event, segment, consent; found 'filed'"),
			Arguments.of("{\"all\":[{}]}",
					"all[0]: needs one of the keys all, any, not, field, event, segment, consent"),
			Arguments.of("{\"all\":[42]}",
					"all[0]: must be an object: a group {\"all\": [...]}, {\"any\": [...]} or {\"not\": {...}}, or a condition with \"field\", \"event\", \"segment\" or \"consent\"; not 42"),
			Arguments.of("[{\"field\":\"visits\",\"op\":\"gt\",\"value\":1}]",
					"rule: must be an object: a group {\"all\": [...]}, {\"any\": [...]} or {\"not\": {...}}, or a condition with \"field\", \"event\", \"segment\" or \"consent\"; not a list"),
			Arguments.of("{\"field\":\"visits\",\"op\":\"gt\"}",
					"value: is missing"),
			Arguments.of("{\"field\":\"visits\",\"op\":\"gt\",\"value\":\"3\"}",
					"value: visits gt takes a whole number from 0 to 1000000000, not '3'"),
			Arguments.of("{\"field\":\"visits\",\"op\":\"gt\",\"value\":2.5}",
					"value: visits gt takes a whole number from 0 to 1000000000, not 2.5"),
			Arguments.of("{\"field\":\"orders_count\",\"op\":\"gte\",\"value\":-1}",
					"value: orders_count gte takes a whole number from 0 to 1000000000, not -1"),
			Arguments.of("{\"field\":\"total_spent\",\"op\":\"gte\",\"value\":true}",
					"value: total_spent gte takes an amount from 0 to 1000000000000, not true"),
			Arguments.of("{\"field\":\"language\",\"op\":\"in\",\"value\":\"vi\"}",
					"value: language in takes a list of values such as [\"a\", \"b\"], not 'vi'"),
			Arguments.of("{\"field\":\"language\",\"op\":\"eq\",\"value\":[\"vi\"]}",
					"value: language eq takes one value, not a list; use in or not_in for a list"),
			Arguments.of("{\"field\":\"language\",\"op\":\"in\",\"value\":[\"vi\",\"vi' OR 1=1\"]}",
					"value[1]: 'vi' or 1=1' is not a language code (1 to 8 letters, digits, '-' or '_', such as vi, en, pt-br)"),
			Arguments.of("{\"field\":\"language\",\"op\":\"not_in\",\"value\":[]}",
					"value: takes a list of 1 to 100 values, not a list"),
			Arguments.of("{\"field\":\"stage\",\"op\":\"eq\",\"value\":\"vip\"}",
					"value: 'vip' is not a value of stage (use discovering, considering, intending, customer, loyal)"),
			Arguments.of("{\"field\":\"checkout_step\",\"op\":\"in\",\"value\":[\"payment\"]}",
					"value[0]: 'payment' is not a value of checkout_step (use begin_checkout, add_shipping_info, add_payment_info)"),
			Arguments.of("{\"field\":\"customer\",\"op\":\"eq\",\"value\":\"yes\"}",
					"value: customer eq takes true or false, not 'yes'"),
			Arguments.of("{\"field\":\"email\",\"op\":\"ne\",\"value\":true}",
					"op: 'ne' is not an operator of email (use eq)"),
			Arguments.of("{\"field\":\"last_order_at\",\"op\":\"gt\",\"value\":30}",
					"op: 'gt' is not an operator of last_order_at (use within_days, older_than_days)"),
			Arguments.of("{\"field\":\"last_seen\",\"op\":\"within_days\",\"value\":0}",
					"value: last_seen within_days (days) takes a whole number from 1 to 3650, not 0"),
			Arguments.of("{\"field\":\"birthday\",\"op\":\"in_next_days\",\"value\":366}",
					"value: birthday in_next_days (days) takes a whole number from 0 to 365, not 366"),
			Arguments.of("{\"event\":\"view_item\",\"min\":3}",
					"days: is missing"),
			Arguments.of("{\"event\":\"view_item\",\"days\":366}",
					"days: days takes a whole number from 1 to 365, not 366"),
			Arguments.of("{\"event\":\"view_item\",\"days\":7,\"min\":0}",
					"min: min takes a whole number from 1 to 1000, not 0"),
			Arguments.of("{\"event\":\"view_item\",\"days\":7,\"product_id\":\"42\"}",
					"product_id: product_id takes a whole number from 1 to 9223372036854775807, not '42'"),
			Arguments.of("{\"event\":\"view_item\",\"days\":7,\"category\":\"\"}",
					"category: takes a category code of 1 to 100 characters"),
			Arguments.of("{\"event\":\"viewed\",\"days\":7}",
					"event: 'viewed' is not an event type (use page_view, view_item, view_item_list, search, page_leave, begin_checkout, add_shipping_info, add_payment_info, email_captured, email_opt_out, cart_item_added, cart_quantity_changed, cart_item_removed, cart_emptied, cart_converted, cart_merged, order_placed, order_status_changed, customer_registered, customer_updated, login, newsletter_opt_in, newsletter_opt_out, consent_changed)"),
			Arguments.of("{\"event\":[\"view_item\",7],\"days\":7}",
					"event[1]: event takes text, not 7"),
			Arguments.of("{\"segment\":\"vip club\"}",
					"segment: 'vip club' is not a segment code (1 to 64 letters, digits, '_', '-' or '.', starting with a letter or digit)"),
			Arguments.of("{\"segment\":\"vip\",\"member\":\"no\"}",
					"member: member takes true or false, not 'no'"),
			Arguments.of("{\"consent\":\"fax\"}",
					"consent: 'fax' is not a consent channel (use email, sms, web_push, onsite)"),
			Arguments.of("{\"consent\":\"email\",\"granted\":1}",
					"granted: granted takes true or false, not 1"));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("refusedRules")
	void aRefusedRuleSaysWhereAndWhatIsAccepted(String json, String message) {
		assertThatThrownBy(() -> SegmentRule.parse(json)).isInstanceOf(RuleException.class).hasMessage(message);
	}

	@Test
	void emailOpensAndClicksAreNamedAsComingLater() {
		assertThatThrownBy(() -> SegmentRule.parse("{\"any\":[{\"event\":\"view_item\",\"days\":7},"
				+ "{\"event\":[\"email_opened\",\"email_clicked\"],\"days\":30}]}"))
			.isInstanceOf(RuleException.class)
			.hasMessageStartingWith("any[1].event[0]: 'email_opened' is not recorded yet: email opens and clicks come"
					+ " with email campaigns (events now: page_view, view_item,");
	}

	@Test
	void theRuleAsAWholeMustBeOneJsonObjectOfAtMost16Kilobytes() {
		assertThat(message("")).isEqualTo("rule: is empty; a rule is a JSON object such as {\"all\": [...]}");
		assertThat(message("{\"all\":[{\"field\":\"visits\",\"op\":\"gt\",\"value\":1}]")).startsWith("rule: is not valid JSON (line 1, column");
		assertThat(message("{\"field\":\"visits\",\"op\":\"gt\",\"value\":1} {}")).startsWith("rule: is not valid JSON");
		assertThat(message("{\"field\":\"visits\",\"op\":\"gt\",\"op\":\"lt\",\"value\":1}"))
			.startsWith("rule: is not valid JSON (line 1, column").contains("Duplicate field 'op'");
		assertThat(message("null")).startsWith("rule: must be an object");
		String padded = "{\"field\":\"visits\",\"op\":\"gt\",\"value\":1}" + " ".repeat(SegmentRule.MAX_JSON_BYTES);
		assertThat(message(padded)).isEqualTo("rule: is larger than 16384 bytes (16 KB)");
		// the limit counts bytes: 6,000 three-byte characters are 18,000 bytes
		assertThat(message("{\"segment\":\"" + "ệ".repeat(6000) + "\"}")).isEqualTo("rule: is larger than 16384 bytes (16 KB)");
	}

	@Test
	void groupsNestAtMostFiveDeep() {
		String condition = "{\"field\":\"visits\",\"op\":\"gt\",\"value\":1}";
		assertThat(SegmentRule.parse(nested(5, condition)).describe()).isEqualTo("Visits > 1");
		assertThat(message(nested(6, condition))).isEqualTo("all[0].any[0].all[0].any[0].all[0]: groups nest at most 5 deep");
		assertThat(message("{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":" + condition + "}}}}}}"))
			.isEqualTo("not.not.not.not.not: groups nest at most 5 deep");
		// far deeper than any rule: refused while reading, before any tree is built
		String deep = "[".repeat(8000) + "]".repeat(8000);
		assertThat(message(deep)).isEqualTo("rule: is nested too deeply; groups nest at most 5 deep");
	}

	@Test
	void aRuleHasAtMostFiftyConditions() {
		String fifty = conditions(50);
		assertThat(SegmentRule.parse("{\"any\":[" + fifty + "]}").describe()).startsWith("Visits > 0, or visits > 1");
		assertThat(message("{\"any\":[" + fifty + ",{\"all\":[{\"consent\":\"sms\"}]}]}"))
			.isEqualTo("any[50].all[0]: is condition number 51; a rule has at most 50 conditions");
	}

	@Test
	void stringsAndListsHaveLimits() {
		assertThat(message("{\"event\":\"view_item\",\"days\":7,\"category\":\"" + "x".repeat(201) + "\"}"))
			.isEqualTo("category: is 201 characters long; at most 200");
		assertThat(message("{\"event\":\"view_item\",\"days\":7,\"category\":\"" + "x".repeat(101) + "\"}"))
			.isEqualTo("category: takes a category code of 1 to 100 characters");
		assertThat(message("{\"field\":\"" + "f".repeat(5000) + "\",\"op\":\"eq\",\"value\":1}"))
			.isEqualTo("field: is 5000 characters long; at most 200");
		String languages = IntStream.range(0, 101).mapToObj((i) -> "\"l" + i + "\"").collect(Collectors.joining(","));
		assertThat(message("{\"field\":\"language\",\"op\":\"in\",\"value\":[" + languages + "]}"))
			.isEqualTo("value: takes a list of 1 to 100 values, not a list");
		assertThat(message("{\"field\":\"" + "ü".repeat(100) + "\",\"op\":\"eq\",\"value\":1}"))
			.isEqualTo("field: '" + "ü".repeat(40) + "…' is not a field (use orders_count, total_spent, visits, cart_items,"
					+ " cart_value, language, stage, checkout_step, customer, email, last_order_at, last_seen, first_seen,"
					+ " cart_updated_at, birthday)");
	}

	@Test
	void theExceptionIsAnIllegalArgumentWithThePath() {
		RuleException ex = (RuleException) catchRule("{\"all\":[{\"consent\":\"email\"},{\"segment\":\"\"}]}");
		assertThat(ex).isInstanceOf(IllegalArgumentException.class);
		assertThat(ex.path()).isEqualTo("all[1].segment");
		assertThat(((RuleException) catchRule("[]")).path()).isEmpty();
	}

	static String nested(int groups, String condition) {
		String json = condition;
		for (int level = groups; level >= 1; level--) {
			json = "{\"" + ((level % 2 == 1) ? "all" : "any") + "\":[" + json + "]}";
		}
		return json;
	}

	static String conditions(int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> "{\"field\":\"visits\",\"op\":\"gt\",\"value\":" + i + "}")
			.collect(Collectors.joining(","));
	}

	private static String message(String json) {
		return catchRule(json).getMessage();
	}

	private static Throwable catchRule(String json) {
		try {
			SegmentRule.parse(json);
		}
		catch (RuleException ex) {
			return ex;
		}
		throw new AssertionError("accepted: " + json.substring(0, Math.min(json.length(), 200)));
	}

}
