package org.remarketing.core.segments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.remarketing.core.schema.DatabaseVendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hostile text in every place a rule has text: each is either refused with a {@link RuleException}
 * or bound as a parameter, and the SQL text is then exactly the one a harmless value gives.
 */
class RuleInjectionTests {

	static final List<String> PAYLOADS = List.of("'", "\"", "''", "\\", "'; DROP TABLE rmk_contact; --",
			"1 OR 1=1", "1' OR '1'='1", "vi') OR ('1'='1", ") OR (1=1", "= 1 OR 1=1 --", "orders_count; DELETE",
			"c.id", "0 UNION SELECT id FROM rmk_contact", "/* comment */", "-- comment", "#", "%", "_", "?", "$1",
			"tea\u0000", "tea\nDROP", "vi\u2019 OR 1=1", "Trà xanh' --", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ' OR ''='", "ｖｉ", "EMAIL' OR 'x'='x",
			"view_item' OR '1'='1", "vip'--", "\u202Eevil");

	/** Each place a rule carries text, with a harmless value that is accepted there. */
	static final List<String[]> PLACES = List.of(
			new String[] { "{\"field\":%s,\"op\":\"eq\",\"value\":1}", "orders_count" },
			new String[] { "{\"field\":\"orders_count\",\"op\":%s,\"value\":1}", "eq" },
			new String[] { "{\"field\":\"orders_count\",\"op\":\"eq\",\"value\":%s}", null },
			new String[] { "{\"field\":\"total_spent\",\"op\":\"gt\",\"value\":%s}", null },
			new String[] { "{\"field\":\"language\",\"op\":\"eq\",\"value\":%s}", "vi" },
			new String[] { "{\"field\":\"language\",\"op\":\"not_in\",\"value\":[\"en\",%s]}", "vi" },
			new String[] { "{\"field\":\"stage\",\"op\":\"in\",\"value\":[%s]}", "loyal" },
			new String[] { "{\"field\":\"checkout_step\",\"op\":\"ne\",\"value\":%s}", "begin_checkout" },
			new String[] { "{\"field\":\"customer\",\"op\":\"eq\",\"value\":%s}", null },
			new String[] { "{\"field\":\"last_seen\",\"op\":\"within_days\",\"value\":%s}", null },
			new String[] { "{\"event\":%s,\"days\":7}", "view_item" },
			new String[] { "{\"event\":[\"login\",%s],\"days\":7}", "view_item" },
			new String[] { "{\"event\":\"view_item\",\"category\":%s,\"days\":7}", "tea" },
			new String[] { "{\"event\":\"view_item\",\"product_id\":%s,\"days\":7}", null },
			new String[] { "{\"event\":\"view_item\",\"min\":%s,\"days\":7}", null },
			new String[] { "{\"segment\":%s}", "vip" },
			new String[] { "{\"segment\":\"vip\",\"member\":%s}", null },
			new String[] { "{\"consent\":%s}", "sms" },
			new String[] { "{\"all\":[{\"consent\":\"sms\",%s:true}]}", null },
			new String[] { "{%s:[{\"consent\":\"sms\"}]}", "all" });

	/** All SQL a rule can compile to is made of these characters: no quote, semicolon or comment can appear. */
	private static final Pattern SQL_CHARACTERS = Pattern.compile("[A-Za-z0-9_ .,()?<>=*+]*");

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Instant NOW = Instant.parse("2024-06-10T12:00:00Z");

	private final RuleCompiler compiler = new RuleCompiler(new SqlDialect(DatabaseVendor.MYSQL));

	@Test
	void hostileTextIsRefusedOrBoundNeverWrittenIntoTheSql() throws JsonProcessingException {
		List<String> bound = new ArrayList<>();
		for (String[] place : PLACES) {
			String safeSql = (place[1] != null) ? compile(place[0], place[1]).condition() : null;
			for (String payload : PAYLOADS) {
				String json = String.format(place[0], JSON.writeValueAsString(payload));
				SegmentQuery query;
				try {
					query = this.compiler.compile(json, NOW);
				}
				catch (RuleException refused) {
					continue;
				}
				assertThat(query.condition()).as(json).isEqualTo(safeSql).matches(SQL_CHARACTERS);
				assertThat(query.parameters()).as(json).contains(payload);
				bound.add(json);
			}
		}
		// a category code is free text: every payload but the two with control characters is taken, as a parameter
		assertThat(bound).filteredOn((json) -> json.startsWith("{\"event\":\"view_item\",\"category\":"))
			.hasSize(PAYLOADS.size() - 2);
	}

	@Test
	void hostileNumbersAndNamesOutsideStringsAreNotJson() {
		for (String raw : List.of("{\"field\":\"orders_count\",\"op\":\"eq\",\"value\":1 OR 1=1}",
				"{\"field\":\"orders_count\",\"op\":\"eq\",\"value\":1; DROP TABLE rmk_contact}",
				"{\"field\":orders_count,\"op\":\"eq\",\"value\":1}", "{\"segment\":\"vip\"} -- ",
				"{\"segment\":\"vip\"} /* */", "{\"segment\":'vip'}")) {
			assertThatThrownBy(() -> this.compiler.compile(raw, NOW)).as(raw)
				.isInstanceOf(RuleException.class)
				.hasMessageStartingWith("rule: is not valid JSON");
		}
	}

	@Test
	void everyKindOfConditionCompilesToAllowListedSqlOnly() {
		String every = "{\"all\":[{\"field\":\"orders_count\",\"op\":\"gte\",\"value\":2},{\"field\":\"total_spent\",\"op\":\"lt\","
				+ "\"value\":10.5},{\"field\":\"language\",\"op\":\"in\",\"value\":[\"vi\",\"en\"]},{\"field\":\"stage\",\"op\":"
				+ "\"ne\",\"value\":\"loyal\"},{\"field\":\"checkout_step\",\"op\":\"not_in\",\"value\":[\"begin_checkout\"]},"
				+ "{\"field\":\"email\",\"op\":\"eq\",\"value\":true},{\"field\":\"first_seen\",\"op\":\"older_than_days\","
				+ "\"value\":3},{\"field\":\"birthday\",\"op\":\"in_next_days\",\"value\":300},{\"any\":[{\"event\":[\"view_item\","
				+ "\"cart_item_added\"],\"product_id\":7,\"category\":\"tea\",\"min\":2,\"days\":9},{\"not\":{\"segment\":\"a.b-c\"}},"
				+ "{\"consent\":\"web-push\",\"granted\":false}]}]}";
		for (DatabaseVendor vendor : DatabaseVendor.values()) {
			SegmentQuery query = new RuleCompiler(new SqlDialect(vendor)).compile(every, NOW);
			assertThat(query.condition()).matches(SQL_CHARACTERS);
			assertThat(query.condition().chars().filter((c) -> c == '?').count()).isEqualTo(query.parameters().size());
			assertThat(query.sweeps()).isEmpty(); // the birthday has none
		}
	}

	private SegmentQuery compile(String place, String value) throws JsonProcessingException {
		return this.compiler.compile(String.format(place, JSON.writeValueAsString(value)), NOW);
	}

}
