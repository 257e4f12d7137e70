package org.remarketing.core.segments;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.remarketing.core.schema.DatabaseVendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The SQL, parameters, clock-following and description a rule compiles to (what the segment engine
 * and the admin list consume); the database contract tests prove what the SQL selects.
 */
class RuleCompilerTests {

	private static final Instant NOW = Instant.parse("2024-06-10T12:00:00Z");

	private static final String EXAMPLE = "{\"all\":[{\"field\":\"orders_count\",\"op\":\"gte\",\"value\":2},"
			+ "{\"any\":[{\"field\":\"language\",\"op\":\"in\",\"value\":[\"vi\",\"EN\"]},"
			+ "{\"event\":\"view_item\",\"product_id\":42,\"min\":3,\"days\":7}]},{\"segment\":\"vip\",\"member\":false}]}";

	private final RuleCompiler compiler = new RuleCompiler(new SqlDialect(DatabaseVendor.POSTGRESQL));

	@Test
	void theDocumentedExampleIsOneConditionWithEveryValueBound() {
		SegmentQuery query = this.compiler.compile(EXAMPLE, NOW);

		assertThat(query.condition()).isEqualTo("(c.orders_count >= ? AND ((c.language IS NOT NULL AND LOWER(c.language)"
				+ " IN (?, ?)) OR (SELECT COUNT(*) FROM rmk_event e WHERE e.contact_id = c.id AND e.event_type = ?"
				+ " AND e.product_id = ? AND e.occurred_at > ?) >= ?) AND NOT EXISTS (SELECT 1 FROM rmk_segment_member m"
				+ " JOIN rmk_segment s ON s.id = m.segment_id WHERE m.contact_id = c.id AND s.code = ?))");
		assertThat(query.parameters()).containsExactly(2L, "vi", "en", "view_item", 42L,
				LocalDateTime.of(2024, 6, 3, 12, 0), 3, "vip");
		assertThat(query.timeDependent()).isTrue();
		assertThat(query.sweeps()).singleElement().satisfies((sweep) -> {
			assertThat(sweep.select()).isEqualTo("SELECT DISTINCT e.contact_id FROM rmk_event e WHERE e.event_type = ?"
					+ " AND e.product_id = ? AND e.contact_id IS NOT NULL AND e.occurred_at > ? AND e.occurred_at <= ?");
			assertThat(sweep.parameters()).containsExactly("view_item", 42L);
			assertThat(sweep.shiftMinutes()).isEqualTo(7 * 24 * 60);
		});
	}

	@Test
	void theDescriptionReadsAsASentence() {
		SegmentRule rule = SegmentRule.parse(EXAMPLE);
		assertThat(rule.describe()).isEqualTo("Orders ≥ 2 and (language is vi or en, or viewed product 42 at least 3 times"
				+ " in the last 7 days) and not in segment vip");
		assertThat(SegmentRule.parse("{\"any\":[{\"not\":{\"consent\":\"web_push\"}},{\"field\":\"customer\",\"op\":\"eq\","
				+ "\"value\":false},{\"field\":\"email\",\"op\":\"eq\",\"value\":true},{\"field\":\"stage\",\"op\":\"not_in\","
				+ "\"value\":[\"customer\",\"loyal\"]},{\"field\":\"last_order_at\",\"op\":\"older_than_days\",\"value\":60},"
				+ "{\"field\":\"last_seen\",\"op\":\"within_days\",\"value\":1},{\"field\":\"birthday\",\"op\":\"in_next_days\","
				+ "\"value\":0},{\"field\":\"total_spent\",\"op\":\"lt\",\"value\":99.5},{\"consent\":\"ONSITE\",\"granted\":false},"
				+ "{\"event\":[\"cart_item_added\",\"order_placed\"],\"category\":\"tea\",\"min\":2,\"days\":30},"
				+ "{\"event\":\"view_item_list\",\"category\":\"tea\",\"days\":3},{\"segment\":\"vip\"}]}")
			.describe()).isEqualTo("Not (consents to web push), or has no customer account, or has an email, or stage is"
					+ " none of customer, loyal, or last order more than 60 days ago, or last seen in the last 1 day, or"
					+ " birthday today, or total spent < 99.5, or does not consent to on-site offers, or (added a product"
					+ " of category tea to the cart or placed an order (category tea)) at least 2 times in the last 30 days,"
					+ " or viewed category tea in the last 3 days, or in segment vip");
	}

	@Test
	void aRuleWithoutTimeConditionsDoesNotFollowTheClock() {
		SegmentQuery query = this.compiler.compile("{\"any\":[{\"field\":\"cart_value\",\"op\":\"gt\",\"value\":50.00},"
				+ "{\"field\":\"stage\",\"op\":\"eq\",\"value\":\"Customer\"},{\"consent\":\"email\"},{\"segment\":\"vip\"}]}",
				NOW);
		assertThat(query.timeDependent()).isFalse();
		assertThat(query.sweeps()).isEmpty();
		assertThat(query.parameters()).containsExactly(new BigDecimal("50"), "customer", "EMAIL", "vip");
	}

	@Test
	void daysAgoConditionsAreBoundFromNowAndSweptOverTheirColumn() {
		String json = "{\"all\":[{\"field\":\"last_order_at\",\"op\":\"older_than_days\",\"value\":60},"
				+ "{\"field\":\"last_seen\",\"op\":\"within_days\",\"value\":30},"
				+ "{\"not\":{\"field\":\"last_order_at\",\"op\":\"within_days\",\"value\":60}}]}";
		SegmentQuery query = this.compiler.compile(json, NOW);

		assertThat(query.condition()).isEqualTo("((c.last_order_at IS NOT NULL AND c.last_order_at <= ?) AND (c.last_seen"
				+ " IS NOT NULL AND c.last_seen > ?) AND NOT ((c.last_order_at IS NOT NULL AND c.last_order_at > ?)))");
		assertThat(query.parameters()).containsExactly(LocalDateTime.of(2024, 4, 11, 12, 0),
				LocalDateTime.of(2024, 5, 11, 12, 0), LocalDateTime.of(2024, 4, 11, 12, 0));
		assertThat(this.compiler.compile(json, NOW.plusSeconds(60)).parameters().get(0))
			.isEqualTo(LocalDateTime.of(2024, 4, 11, 12, 1));
		assertThat(query.timeDependent()).isTrue();
		// one sweep per column and window: the same window on last_order_at is swept once
		assertThat(query.sweeps()).extracting(SegmentQuery.Sweep::select, SegmentQuery.Sweep::shiftMinutes)
			.containsExactly(
					tuple("SELECT c.id FROM rmk_contact c WHERE c.last_order_at > ? AND"
							+ " c.last_order_at <= ?", 60L * 1440),
					tuple("SELECT c.id FROM rmk_contact c WHERE c.last_seen > ? AND"
							+ " c.last_seen <= ?", 30L * 1440));
	}

	@Test
	void aBirthdayConditionLeavesNoSweepsSoTheWholeRuleIsReevaluated() {
		SegmentQuery query = this.compiler.compile("{\"any\":[{\"field\":\"birthday\",\"op\":\"in_next_days\",\"value\":7},"
				+ "{\"event\":\"login\",\"days\":1}]}", NOW);
		assertThat(query.timeDependent()).isTrue();
		assertThat(query.sweeps()).isEmpty();
		assertThat(query.condition()).startsWith("((c.birthday IS NOT NULL AND (EXTRACT(MONTH FROM c.birthday) * 100"
				+ " + EXTRACT(DAY FROM c.birthday)) BETWEEN ? AND ?) OR EXISTS (");
		assertThat(query.parameters()).startsWith(610, 617);
	}

	@Test
	void birthdayWindowsWrapTheYearAndKeepFebruaryTheTwentyNinth() {
		assertThat(birthday(Instant.parse("2024-12-28T08:00:00Z"), 5, ZoneOffset.UTC).parameters())
			.containsExactly(1228, 102);
		assertThat(birthday(Instant.parse("2024-12-28T08:00:00Z"), 5, ZoneOffset.UTC).condition())
			.contains(">= ? OR (EXTRACT");
		// 2023 has no February 29th: those birthdays are celebrated on the 28th
		assertThat(birthday(Instant.parse("2023-02-27T08:00:00Z"), 1, ZoneOffset.UTC).parameters())
			.containsExactly(227, 229);
		assertThat(birthday(Instant.parse("2024-02-27T08:00:00Z"), 1, ZoneOffset.UTC).parameters())
			.containsExactly(227, 228);
		// "today" is the store's day: 20:00 UTC is already the next morning in Vietnam
		assertThat(birthday(Instant.parse("2024-06-10T20:00:00Z"), 0, ZoneId.of("Asia/Ho_Chi_Minh")).parameters())
			.containsExactly(611, 611);
	}

	@Test
	void theRuleListsTheSegmentsItDependsOn() {
		SegmentRule rule = SegmentRule.parse("{\"any\":[{\"segment\":\"vip\"},{\"not\":{\"segment\":\"lapsed\"}},"
				+ "{\"segment\":\"vip\",\"member\":false}]}");
		assertThat(rule.segments()).containsExactly("vip", "lapsed");
		assertThat(rule.timeDependent()).isFalse();
	}

	private static SegmentQuery birthday(Instant now, int days, ZoneId zone) {
		return new RuleCompiler(new SqlDialect(DatabaseVendor.H2), zone)
			.compile("{\"field\":\"birthday\",\"op\":\"in_next_days\",\"value\":" + days + "}", now);
	}

}
