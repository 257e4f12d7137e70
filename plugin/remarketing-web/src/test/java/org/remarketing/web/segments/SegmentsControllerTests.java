package org.remarketing.web.segments;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remarketing.core.contacts.ContactEventProcessor;
import org.remarketing.core.schema.RemarketingSchema;
import org.remarketing.core.schema.DatabaseVendor;
import org.remarketing.core.segments.CustomRules;
import org.remarketing.core.segments.RuleCompiler;
import org.remarketing.core.segments.SegmentEngine;
import org.remarketing.core.segments.SegmentScheduler;
import org.remarketing.core.segments.SqlDialect;
import org.remarketing.core.system.InstallSecrets;
import org.remarketing.core.tracking.EventSource;
import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;
import org.remarketing.web.WebTests;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.web.SpringJUnitWebConfig;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The segments admin API on a real (H2) schema: shoppers' events go through the contacts
 * processor, which hands the contacts it changed to the segment engine, and rebuilds run on the
 * segments scheduler, as in a store.
 */
@SpringJUnitWebConfig(SegmentsControllerTests.Config.class)
class SegmentsControllerTests {

	static final String SEGMENTS = "/api/v1/private/remarketing/segments";

	private static final ObjectMapper JSON = new ObjectMapper();

	private MockMvc mvc;

	private ContactEventProcessor processor;

	private SegmentEngine engine;

	private JdbcTemplate jdbc;

	private String tag;

	@BeforeEach
	void setUp(WebApplicationContext context) {
		this.mvc = MockMvcBuilders.webAppContextSetup(context).build();
		this.processor = context.getBean(ContactEventProcessor.class);
		this.engine = context.getBean(SegmentEngine.class);
		this.jdbc = new JdbcTemplate(context.getBean(RemarketingSchema.class).dataSource());
		this.tag = UUID.randomUUID().toString().substring(0, 8);
	}

	// ---------------------------------------------------------------- the list

	@Test
	void theListShowsEveryBuiltInWithItsSizeThresholdsAndPlainLanguage() throws Exception {
		int before = memberCount("repeat-buyers");
		buyer("ann", "en", 2);
		buyer("bob", "vi", 1);
		this.engine.sweep(); // records the hour's sizes, as the scheduler does every minute

		JsonNode list = json(this.mvc.perform(get(SEGMENTS))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "no-store"))
			.andReturn());
		List<String> builtIns = new ArrayList<>();
		list.get("items").forEach((item) -> {
			if (item.get("builtin").asBoolean()) {
				builtIns.add(item.get("code").asText());
			}
		});
		assertThat(builtIns).hasSize(10).startsWith("abandoned-cart", "abandoned-checkout", "browse-abandonment");
		JsonNode repeat = byCode(list, "repeat-buyers");
		assertThat(repeat.get("builtin").asBoolean()).isTrue();
		assertThat(repeat.get("enabled").asBoolean()).isTrue();
		assertThat(repeat.get("memberCount").asInt()).isEqualTo(before + 1);
		assertThat(repeat.get("name").asText()).isEqualTo("Repeat buyers");
		assertThat(repeat.get("explanation").asText()).isEqualTo("At least 2 orders.");
		assertThat(repeat.get("settings").get(0).get("name").asText()).isEqualTo("min_orders");
		assertThat(repeat.get("settings").get(0).get("value").asInt()).isEqualTo(2);
		assertThat(repeat.get("settings").get(0).get("min").asInt()).isEqualTo(2);
		assertThat(repeat.get("settings").get(0).get("max").asInt()).isEqualTo(100);
		JsonNode sizes = repeat.get("sizes");
		assertThat(sizes.size()).isEqualTo(1);
		assertThat(sizes.get(0).get("count").asInt()).isEqualTo(before + 1);
		assertThat(repeat.get("problem").isNull()).isTrue();
		assertThat(byCode(list, "abandoned-cart").get("explanation").asText())
			.isEqualTo("Items in the cart, no order since the cart last changed, and the cart idle for at least 60 minutes.");
	}

	@Test
	void sizesKeepOnePointADayInTheListAndEveryHourInTheHistory() throws Exception {
		long id = idOf("lapsed");
		LocalDateTime today = LocalDateTime.now(ZoneOffset.UTC).withMinute(0).withSecond(0).withNano(0);
		this.jdbc.update("DELETE FROM rmk_segment_size WHERE segment_id = ?", id);
		for (int hoursAgo : new int[] { 24 * 40, 24 * 2 + 3, 24 * 2 + 1, 5, 4 }) {
			this.jdbc.update("INSERT INTO rmk_segment_size (segment_id, measured_at, member_count) VALUES (?, ?, ?)", id,
					today.minusHours(hoursAgo), hoursAgo);
		}
		JsonNode segment = json(this.mvc.perform(get(SEGMENTS + "/" + id)).andExpect(status().isOk()).andReturn());
		List<Integer> daily = new ArrayList<>();
		segment.get("sizes").forEach((size) -> daily.add(size.get("count").asInt()));
		// 40 days ago is out of the 30 days; two days ago and today each keep their last measure
		assertThat(daily).hasSize((today.getHour() >= 5) ? 2 : 3).last().isEqualTo(4);
		assertThat(daily.get(0)).isEqualTo(24 * 2 + 1);

		this.mvc.perform(get(SEGMENTS + "/" + id + "/sizes"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.sizes", hasSize(4)))
			.andExpect(jsonPath("$.sizes[0].count").value(24 * 2 + 3));
		this.mvc.perform(get(SEGMENTS + "/" + id + "/sizes").param("days", "90")).andExpect(jsonPath("$.sizes", hasSize(5)));
		this.mvc.perform(get(SEGMENTS + "/" + id + "/sizes").param("days", "91")).andExpect(status().isBadRequest());
	}

	@Test
	void unknownSegmentsAreNotFound() throws Exception {
		for (String path : List.of("/987654321", "/abc", "/987654321/members", "/987654321/export", "/987654321/sizes",
				"/1e3")) {
			this.mvc.perform(get(SEGMENTS + path))
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.message").value("No such segment."))
				.andExpect(header().string("Cache-Control", "no-store"));
		}
		this.mvc.perform(delete(SEGMENTS + "/987654321")).andExpect(status().isNotFound());
		this.mvc.perform(post(SEGMENTS + "/987654321/rebuild")).andExpect(status().isNotFound());
		this.mvc.perform(json(put(SEGMENTS + "/987654321"), "{\"name\":\"x\"}")).andExpect(status().isNotFound());
	}

	// ---------------------------------------------------------------- built-in thresholds

	@Test
	void thresholdsOutsideTheirLimitsAreRefusedWithTheReasonAndNothingIsSaved() throws Exception {
		long id = idOf("abandoned-cart");
		String before = settingsJson(id);
		String[][] refused = {
			{ "{\"settings\":{\"idle_minutes\":5}}", "idle_minutes must be a whole number from 10 to 10080" },
			{ "{\"settings\":{\"idle_minutes\":99999}}", "idle_minutes must be a whole number from 10 to 10080" },
			{ "{\"settings\":{\"idle_minutes\":\"60\"}}", "idle_minutes must be a whole number from 10 to 10080" },
			{ "{\"settings\":{\"idle_minutes\":60.5}}", "idle_minutes must be a whole number from 10 to 10080" },
			{ "{\"settings\":{\"idle_minutes\":null}}", "idle_minutes must be a whole number from 10 to 10080" },
			{ "{\"settings\":{\"idle_minutes\":1e400}}", "idle_minutes must be a whole number from 10 to 10080" },
			{ "{\"settings\":{\"minutes\":60}}", "'minutes' is not a setting of Abandoned cart (idle_minutes)" },
			{ "{\"settings\":[60]}", "settings must be an object of numbers" },
			{ "{\"rule\":{\"all\":[]}}", "A built-in segment has no rule" },
		};
		for (String[] request : refused) {
			this.mvc.perform(json(put(SEGMENTS + "/" + id), request[0]))
				.andExpect(status().isBadRequest())
				.andExpect(header().string("Cache-Control", "no-store"))
				.andExpect(jsonPath("$.message", containsString(request[1])));
		}
		this.mvc.perform(json(put(SEGMENTS + "/" + idOf("one-time-quiet")), "{\"settings\":{\"min_days\":100}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value("min_days must be less than max_days"));
		assertThat(settingsJson(id)).isEqualTo(before);
	}

	@Test
	void newThresholdsAreSavedDescribedAndTheSegmentRebuilt() throws Exception {
		buyer("two", "en", 2);
		buyer("three", "en", 3);
		long id = idOf("repeat-buyers");
		List<Long> before = members(id);
		assertThat(before).contains(contactOf("two"), contactOf("three"));

		// the screen sends the whole form back, the description as it was
		this.mvc.perform(json(put(SEGMENTS + "/" + id), "{\"name\":\"Repeat buyers\",\"description\":\"At least 2 orders.\","
				+ "\"enabled\":true,\"settings\":{\"min_orders\":3}}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.settings[0].value").value(3))
			.andExpect(jsonPath("$.explanation").value("At least 3 orders."))
			.andExpect(jsonPath("$.description").value("At least 3 orders."))
			.andExpect(jsonPath("$.rebuildQueued").value(true));
		JsonNode done = awaitRebuild(id, null);
		assertThat(done.get("rebuild").get("state").asText()).isEqualTo("DONE");
		assertThat(done.get("rebuild").get("done").asLong()).isEqualTo(done.get("rebuild").get("total").asLong());
		assertThat(members(id)).contains(contactOf("three")).doesNotContain(contactOf("two"));

		// an administrator's own description stays when the thresholds change again
		this.mvc.perform(json(put(SEGMENTS + "/" + id), "{\"description\":\"Our regulars\"}"))
			.andExpect(jsonPath("$.rebuildQueued").value(false));
		this.mvc.perform(json(put(SEGMENTS + "/" + id), "{\"settings\":{\"min_orders\":2},\"name\":\"Regulars\"}"))
			.andExpect(jsonPath("$.description").value("Our regulars"))
			.andExpect(jsonPath("$.name").value("Regulars"))
			.andExpect(jsonPath("$.explanation").value("At least 2 orders."));
		awaitRebuild(id, done.get("rebuild").get("rebuiltAt").asText());
		assertThat(members(id)).contains(contactOf("two"), contactOf("three"));
	}

	@Test
	void previewCountsWhatThresholdsNotYetSavedWouldMatch() throws Exception {
		buyer("p2", "en", 2);
		buyer("p4", "en", 4);
		long twoOrMore = this.engine.count(this.engine.query(
				org.remarketing.core.segments.BuiltInSegment.REPEAT_BUYERS, java.util.Map.of("min_orders", 2),
				Instant.now()));
		long fourOrMore = this.engine.count(this.engine.query(
				org.remarketing.core.segments.BuiltInSegment.REPEAT_BUYERS, java.util.Map.of("min_orders", 4),
				Instant.now()));
		assertThat(twoOrMore).isGreaterThan(fourOrMore).isPositive();

		this.mvc.perform(json(post(SEGMENTS + "/preview"), "{\"code\":\"repeat-buyers\",\"settings\":{\"min_orders\":4}}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.count").value(fourOrMore))
			.andExpect(jsonPath("$.explanation").value("At least 4 orders."));
		this.mvc.perform(json(post(SEGMENTS + "/preview"), "{\"code\":\"repeat-buyers\"}"))
			.andExpect(jsonPath("$.count").value(twoOrMore));
		this.mvc.perform(json(post(SEGMENTS + "/preview"), "{\"code\":\"repeat-buyers\",\"settings\":{\"min_orders\":1}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value("min_orders must be a whole number from 2 to 100"));
		this.mvc.perform(json(post(SEGMENTS + "/preview"), "{\"code\":\"no-such-thing\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value("No built-in segment has the code 'no-such-thing'."));
		this.mvc.perform(json(post(SEGMENTS + "/preview"), "{\"code\":\"vip\",\"rule\":{\"all\":[]}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message", containsString("either a rule, or the code")));
		this.mvc.perform(json(post(SEGMENTS + "/preview"), "{}"))
			.andExpect(status().isBadRequest());
		assertThat(settingsJson(idOf("repeat-buyers"))).isEqualTo("{\"min_orders\":2}");
	}

	@Test
	void switchingASegmentOffAndOnRebuildsItWhenItComesBack() throws Exception {
		long id = idOf("birthday-soon");
		this.mvc.perform(json(put(SEGMENTS + "/" + id), "{\"enabled\":false}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.enabled").value(false))
			.andExpect(jsonPath("$.rebuildQueued").value(false));
		this.mvc.perform(json(put(SEGMENTS + "/" + id), "{\"enabled\":\"yes\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value("enabled must be true or false."));
		this.mvc.perform(json(put(SEGMENTS + "/" + id), "{\"enabled\":true}"))
			.andExpect(jsonPath("$.enabled").value(true))
			.andExpect(jsonPath("$.rebuildQueued").value(true));
		awaitRebuild(id, null);
	}

	@Test
	void builtInSegmentsCannotBeDeleted() throws Exception {
		long id = idOf("vip");
		this.mvc.perform(delete(SEGMENTS + "/" + id))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.message", containsString("cannot be deleted")));
		this.mvc.perform(get(SEGMENTS + "/" + id)).andExpect(status().isOk());
	}


	// ---------------------------------------------------------------- custom segments

	@Test
	void aCustomRuleIsCountedBeforeSavingThenSavedRebuiltAndKeptCurrent() throws Exception {
		String rule = "{\"all\":[{\"field\":\"orders_count\",\"op\":\"gte\",\"value\":2},"
				+ "{\"field\":\"language\",\"op\":\"eq\",\"value\":\"en\"}]}";
		long before = count(rule);
		long english = buyer("en2", "en", 2);
		long vietnamese = buyer("vi2", "vi", 2);
		long once = buyer("en1", "en", 1);
		this.mvc.perform(json(post(SEGMENTS + "/preview"), "{\"rule\":" + rule + "}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.count").value(before + 1))
			.andExpect(jsonPath("$.explanation").value("Orders ≥ 2 and language is en"));

		String code = "english-regulars-" + this.tag;
		String name = "<img src=x onerror=alert(1)> regulars";
		MvcResult created = this.mvc.perform(json(post(SEGMENTS), "{\"code\":\"" + code + "\",\"name\":"
				+ JSON.writeValueAsString(name) + ",\"description\":\"<script>alert(2)</script>\",\"rule\":" + rule + "}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(jsonPath("$.code").value(code))
			.andExpect(jsonPath("$.name").value(name))
			.andExpect(jsonPath("$.description").value("<script>alert(2)</script>"))
			.andExpect(jsonPath("$.builtin").value(false))
			.andExpect(jsonPath("$.enabled").value(true))
			.andExpect(jsonPath("$.rule.all[1].value").value("en"))
			.andExpect(jsonPath("$.explanation").value("Orders ≥ 2 and language is en"))
			.andExpect(jsonPath("$.problem").isEmpty())
			.andExpect(jsonPath("$.rebuildQueued").value(true))
			.andReturn();
		long id = json(created).get("id").asLong();
		assertThat(created.getResponse().getHeader("Location")).isEqualTo(SEGMENTS + "/" + id);
		awaitRebuild(id, null);
		assertThat(members(id)).contains(english).doesNotContain(vietnamese, once);
		assertThat(byCode(json(this.mvc.perform(get(SEGMENTS)).andReturn()), code).get("memberCount").asLong())
			.isEqualTo(before + 1);

		// a second order moves the one-time buyer in at once, without a rebuild
		this.processor.process(List.of(event(EventType.ORDER_PLACED, ids("en1"), Instant.now().minusSeconds(60),
				"order_id", "en1-again-" + this.tag, "value", 12)));
		assertThat(members(id)).contains(english, once).doesNotContain(vietnamese);
	}

	@Test
	void aChangedRuleIsCompiledBeforeItIsSavedAndRebuildsTheSegment() throws Exception {
		long vietnamese = buyer("vi3", "vi", 3);
		long id = create("by-language-" + this.tag, "{\"field\":\"language\",\"op\":\"eq\",\"value\":\"en\"}");
		JsonNode first = awaitRebuild(id, null);
		assertThat(members(id)).doesNotContain(vietnamese);

		this.mvc.perform(json(put(SEGMENTS + "/" + id), "{\"rule\":{\"all\":[{\"field\":\"stage\",\"op\":\"eq\","
				+ "\"value\":\"vip\"}]}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value(
					"all[0].value: 'vip' is not a value of stage (use discovering, considering, intending, customer, loyal)"));
		this.mvc.perform(json(put(SEGMENTS + "/" + id), "{\"settings\":{\"days\":3}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message", containsString("a custom segment has a rule")));
		assertThat(json(this.mvc.perform(get(SEGMENTS + "/" + id)).andReturn()).get("rule").get("value").asText())
			.isEqualTo("en");

		this.mvc.perform(json(put(SEGMENTS + "/" + id), "{\"rule\":{\"field\":\"language\",\"op\":\"in\","
				+ "\"value\":[\"vi\",\"en\"]}}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.explanation").value("Language is vi or en"))
			.andExpect(jsonPath("$.rebuildQueued").value(true));
		awaitRebuild(id, first.get("rebuild").get("rebuiltAt").asText());
		assertThat(members(id)).contains(vietnamese);
	}

	@Test
	void codesAreUniqueAcrossBuiltInAndCustomSegments() throws Exception {
		String rule = "{\"field\":\"visits\",\"op\":\"gte\",\"value\":1}";
		create("twice-" + this.tag, rule);
		int segments = this.engine.segments().size();
		for (String code : List.of("twice-" + this.tag, "vip", "abandoned-cart")) {
			this.mvc.perform(json(post(SEGMENTS), "{\"code\":\"" + code + "\",\"name\":\"Again\",\"rule\":" + rule + "}"))
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.message").value("A segment with the code '" + code
						+ "' exists already: choose another code."));
		}
		assertThat(this.engine.segments()).hasSize(segments);
	}

	@Test
	void injectedRulesAreRefusedWithThePlaceOfTheProblemAndNothingIsSaved() throws Exception {
		int segments = this.engine.segments().size();
		String[][] refused = {
			{ "{\"field\":\"orders_count; DROP TABLE rmk_contact\",\"op\":\"gte\",\"value\":1}", "field: 'orders_count; DROP TABLE rmk_contact' is not a field" },
			{ "{\"field\":\"orders_count\",\"op\":\"gte) OR (1=1\",\"value\":1}", "op: " },
			{ "{\"field\":\"orders_count\",\"op\":\"gte\",\"value\":\"1 OR 1=1\"}", "value: " },
			{ "{\"all\":[{\"event\":\"view_item' --\",\"days\":7}]}", "all[0].event:" },
			{ "{\"all\":[{\"segment\":\"x'; DELETE FROM rmk_segment; --\"}]}", "all[0].segment:" },
			{ "{\"consent\":\"email OR 1=1\"}", "consent: " },
			{ "{\"field\":\"language\",\"op\":\"eq\",\"value\":\"en\",\"sql\":\"1=1\"}", "unknown key 'sql'" },
			{ "{\"all\":[{\"any\":[{\"all\":[{\"any\":[{\"all\":[{\"any\":[{\"field\":\"visits\",\"op\":\"gte\","
					+ "\"value\":1}]}]}]}]}]}]}", "groups nest at most 5 deep" },
		};
		for (String[] request : refused) {
			String[][] calls = { { SEGMENTS + "/preview", "{\"rule\":" + request[0] + "}" },
				{ SEGMENTS, "{\"code\":\"inj-" + this.tag + "\",\"name\":\"x\",\"rule\":" + request[0] + "}" } };
			for (String[] call : calls) {
				this.mvc.perform(json(post(call[0]), call[1]))
					.andExpect(status().isBadRequest())
					.andExpect(content().contentTypeCompatibleWith("application/json"))
					.andExpect(jsonPath("$.message", containsString(request[1])));
			}
		}
		// a value is bound, never spliced into the SQL: it matches no one and breaks nothing
		this.mvc.perform(json(post(SEGMENTS + "/preview"),
				"{\"rule\":{\"event\":\"view_item\",\"category\":\"tea' OR '1'='1\",\"days\":30}}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.count").value(0));
		assertThat(this.engine.segments()).hasSize(segments);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_contact", Long.class)).isNotNull();
	}

	@Test
	void rulesNameOnlySegmentsThatExistNeverThemselvesAndReferencedSegmentsStay() throws Exception {
		String prefix = "ref-" + this.tag;
		this.mvc.perform(json(post(SEGMENTS), "{\"code\":\"" + prefix + "-a\",\"name\":\"A\","
				+ "\"rule\":{\"segment\":\"" + prefix + "-nowhere\"}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value("The rule names segment '" + prefix + "-nowhere', which does not exist."));
		this.mvc.perform(json(post(SEGMENTS), "{\"code\":\"" + prefix + "-a\",\"name\":\"A\","
				+ "\"rule\":{\"segment\":\"" + prefix + "-a\"}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message", containsString("cannot depend on its own members")));

		long b = create(prefix + "-b", "{\"field\":\"visits\",\"op\":\"gte\",\"value\":1}");
		long a = create(prefix + "-a", "{\"all\":[{\"segment\":\"" + prefix + "-b\"},{\"segment\":\"vip\",\"member\":false}]}");
		this.mvc.perform(get(SEGMENTS + "/" + a)).andExpect(jsonPath("$.explanation", containsString(prefix + "-b")));
		// b may not come to depend on a
		this.mvc.perform(json(put(SEGMENTS + "/" + b), "{\"rule\":{\"segment\":\"" + prefix + "-a\"}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message", containsString("leads back to this segment")));
		this.mvc.perform(delete(SEGMENTS + "/" + b))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.message").value("The rule of segment '" + prefix + "-a' refers to this one: change that"
					+ " rule first."));

		awaitRebuild(b, null);
		this.mvc.perform(json(put(SEGMENTS + "/" + a), "{\"rule\":{\"segment\":\"vip\"}}")).andExpect(status().isOk());
		this.engine.sweep();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_segment_size WHERE segment_id = ?", Long.class, b))
			.isPositive();
		this.mvc.perform(delete(SEGMENTS + "/" + b))
			.andExpect(status().isNoContent())
			.andExpect(header().string("Cache-Control", "no-store"));
		this.mvc.perform(get(SEGMENTS + "/" + b)).andExpect(status().isNotFound());
		for (String table : List.of("rmk_segment_member", "rmk_segment_change", "rmk_segment_size")) {
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE segment_id = ?", Long.class, b))
				.as(table).isZero();
		}
	}

	/** Creates a custom segment; answers its id. */
	private long create(String code, String rule) throws Exception {
		return json(this.mvc.perform(json(post(SEGMENTS), "{\"code\":\"" + code + "\",\"name\":\"" + code
				+ "\",\"rule\":" + rule + "}")).andExpect(status().isCreated()).andReturn()).get("id").asLong();
	}

	private long count(String rule) throws Exception {
		return json(this.mvc.perform(json(post(SEGMENTS + "/preview"), "{\"rule\":" + rule + "}"))
			.andExpect(status().isOk()).andReturn()).get("count").asLong();
	}

	// ---------------------------------------------------------------- members and export

	@Test
	void membersArePagedNewestFirstWithTheirContactDetails() throws Exception {
		long id = idOf("repeat-buyers");
		buyer("early", "en", 2);
		buyer("late", "vi", 2);
		long total = this.engine.find(id).memberCount();
		this.mvc.perform(get(SEGMENTS + "/" + id + "/members").param("size", "1"))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(jsonPath("$.total").value(total))
			.andExpect(jsonPath("$.size").value(1))
			.andExpect(jsonPath("$.items", hasSize(1)))
			.andExpect(jsonPath("$.items[0].contactId").value(contactOf("late")))
			.andExpect(jsonPath("$.items[0].email").value("late-" + this.tag + "@example.com"))
			.andExpect(jsonPath("$.items[0].firstName").value("<b>late</b>"))
			.andExpect(jsonPath("$.items[0].language").value("vi"))
			.andExpect(jsonPath("$.items[0].stage").value("loyal"))
			.andExpect(jsonPath("$.items[0].enteredAt", containsString("T")));
		this.mvc.perform(get(SEGMENTS + "/" + id + "/members").param("size", "1").param("page", "1"))
			.andExpect(jsonPath("$.items[0].contactId").value(contactOf("early")));
		for (String[] bad : new String[][] { { "size", "101" }, { "size", "0" }, { "page", "-1" }, { "size", "<b>" } }) {
			this.mvc.perform(get(SEGMENTS + "/" + id + "/members").param(bad[0], bad[1]))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(not(containsString("<b>"))));
		}
	}

	@Test
	void exportStreamsEveryMemberInKeysetPagesWithFormulaSafeCells() throws Exception {
		long formula = buyer("formula", "=HYPERLINK(\"http://evil.example\",\"x\")", "-2+3", "en", 2);
		long id = idOf("repeat-buyers");
		// more members than one export page holds, straight into the tables
		int extra = SegmentsController.EXPORT_PAGE * 2 + 345;
		LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
		List<Object[]> contacts = new ArrayList<>();
		for (int i = 0; i < extra; i++) {
			contacts.add(new Object[] { "bulk" + i + "-" + this.tag + "@example.com", (i % 7 == 0) ? "+1 555" : "Bulk",
					now, now });
		}
		this.jdbc.batchUpdate("INSERT INTO rmk_contact (email, first_name, created_at, updated_at) VALUES (?, ?, ?, ?)",
				contacts);
		this.jdbc.update("INSERT INTO rmk_segment_member (segment_id, contact_id, entered_at) SELECT ?, id, ? FROM"
				+ " rmk_contact WHERE email LIKE ?", id, now, "bulk%-" + this.tag + "@example.com");
		this.jdbc.update("UPDATE rmk_segment SET member_count = (SELECT COUNT(*) FROM rmk_segment_member WHERE"
				+ " segment_id = ?) WHERE id = ?", id, id);
		long members = this.engine.find(id).memberCount();

		MvcResult result = this.mvc.perform(get(SEGMENTS + "/" + id + "/export"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
			.andExpect(header().string("Content-Disposition", "attachment; filename=\"segment-repeat-buyers.csv\""))
			.andExpect(header().string("Cache-Control", "no-store"))
			.andReturn();
		String csv = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		assertThat(csv).startsWith("\uFEFFcontact_id,email,first_name,last_name,language,stage,entered_at\r\n");
		String[] lines = csv.substring(1).split("\r\n");
		assertThat(lines).hasSize((int) members + 1);
		List<Long> ids = new ArrayList<>();
		for (int i = 1; i < lines.length; i++) {
			ids.add(Long.parseLong(lines[i].substring(0, lines[i].indexOf(','))));
		}
		assertThat(ids).isSorted().doesNotHaveDuplicates().containsAll(members(id));
		assertThat(csv).contains("\r\n" + formula + ",formula-" + this.tag + "@example.com,"
				+ "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",'-2+3,en,loyal,");
		assertThat(csv).contains(",'+1 555,").doesNotContain(",+1 555,");
	}

	// ---------------------------------------------------------------- rebuilds

	@Test
	void aRebuildIsAcceptedAndItsProgressReadFromTheSegment() throws Exception {
		long id = idOf("lapsed");
		String previous = json(this.mvc.perform(get(SEGMENTS + "/" + id)).andReturn()).get("rebuild").get("rebuiltAt")
			.asText(null);
		this.mvc.perform(post(SEGMENTS + "/" + id + "/rebuild"))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Location", SEGMENTS + "/" + id))
			.andExpect(jsonPath("$.requestedAt").isNotEmpty())
			.andExpect(jsonPath("$.rebuildQueued").value(true));
		JsonNode done = awaitRebuild(id, previous);
		assertThat(done.get("rebuild").get("total").asLong()).isPositive();
	}

	// ---------------------------------------------------------------- what is refused

	@Test
	void bodiesThatAreTooLargeMalformedOrUnexpectedAreRefusedAndNothingIsSaved() throws Exception {
		long id = idOf("vip");
		String before = this.jdbc.queryForObject("SELECT name FROM rmk_segment WHERE id = ?", String.class, id);
		String huge = "{\"name\":\"" + "x".repeat(SegmentRequests.MAX_BODY_BYTES) + "\"}";
		this.mvc.perform(json(put(SEGMENTS + "/" + id), huge))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(jsonPath("$.message", containsString("too large")));
		this.mvc.perform(json(post(SEGMENTS), huge)).andExpect(status().isPayloadTooLarge());
		this.mvc.perform(json(post(SEGMENTS + "/preview"), huge)).andExpect(status().isPayloadTooLarge());

		String deep = "{\"rule\":" + "{\"all\":[".repeat(40) + "]}".repeat(40) + "}";
		String[][] refused = {
			{ "{\"name\":", "Malformed JSON" },
			{ "{\"name\":\"a\"} {}", "Malformed JSON" },
			{ "{\"name\":\"a\",\"name\":\"b\"}", "Malformed JSON" },
			{ "[1]", "must be a JSON object" },
			{ "", "empty" },
			{ deep, "nested too deeply" },
			{ "{\"nmae\":\"x\"}", "Unknown field 'nmae'" },
			{ "{\"<script>alert(1)</script>\":1}", "Unknown field (this request takes" },
			{ "{\"code\":\"vip2\"}", "Unknown field 'code'" },
			{ "{\"name\":\"" + "n".repeat(201) + "\"}", "name must be at most 200 characters" },
			{ "{\"name\":\"   \"}", "name must not be empty" },
			{ "{\"name\":\"a\\u0000b\"}", "control characters" },
			{ "{\"name\":42}", "name must be text" },
			{ "{\"description\":\"" + "d".repeat(2001) + "\"}", "description must be at most 2000 characters" },
			{ "{}", "Nothing to change" },
		};
		for (String[] request : refused) {
			this.mvc.perform(json(put(SEGMENTS + "/" + id), request[0]))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith("application/json"))
				.andExpect(jsonPath("$.message", containsString(request[1])))
				.andExpect(content().string(not(containsString("<script>"))));
		}
		this.mvc.perform(put(SEGMENTS + "/" + id).contentType(MediaType.TEXT_PLAIN).content("{\"name\":\"x\"}"))
			.andExpect(status().isUnsupportedMediaType());
		this.mvc.perform(put(SEGMENTS + "/" + id).contentType(MediaType.APPLICATION_FORM_URLENCODED).content("name=x"))
			.andExpect(status().isUnsupportedMediaType());
		this.mvc.perform(put(SEGMENTS + "/" + id).content("{\"name\":\"x\"}")).andExpect(status().isUnsupportedMediaType());
		assertThat(this.jdbc.queryForObject("SELECT name FROM rmk_segment WHERE id = ?", String.class, id))
			.isEqualTo(before);
	}

	@Test
	void newSegmentCodesAreCheckedBeforeAnythingElse() throws Exception {
		int segments = this.engine.segments().size();
		for (String code : List.of("Upper", "-dash-first", "with space", "under_score", "dot.ted", "x".repeat(65),
				"<script>", "")) {
			this.mvc.perform(json(post(SEGMENTS), "{\"code\":" + JSON.writeValueAsString(code)
					+ ",\"name\":\"x\",\"rule\":{\"all\":[]}}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.message", containsString("lower-case letters, digits and '-'")))
				.andExpect(content().string(not(containsString("<script>"))));
		}
		this.mvc.perform(json(post(SEGMENTS), "{\"name\":\"x\",\"rule\":{\"all\":[]}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message", containsString("code is required")));
		this.mvc.perform(json(post(SEGMENTS), "{\"code\":\"ok\",\"rule\":{\"all\":[]}}"))
			.andExpect(jsonPath("$.message").value("name is required."));
		this.mvc.perform(json(post(SEGMENTS), "{\"code\":\"ok\",\"name\":\"x\"}"))
			.andExpect(jsonPath("$.message", containsString("rule is required")));
		this.mvc.perform(json(post(SEGMENTS), "{\"code\":\"ok\",\"name\":\"x\",\"rule\":\"orders > 1\"}"))
			.andExpect(jsonPath("$.message", containsString("rule must be a JSON object")));
		this.mvc.perform(json(post(SEGMENTS), "{\"code\":\"ok\",\"name\":\"x\",\"rule\":{},\"enabled\":true}"))
			.andExpect(jsonPath("$.message", containsString("Unknown field 'enabled'")));
		assertThat(this.engine.segments()).hasSize(segments);
	}

	// ---------------------------------------------------------------- shoppers

	/** A registered shopper (first name in markup) with orders; answers the contact id. */
	private long buyer(String name, String language, int orders) {
		return buyer(name, "<b>" + name + "</b>", null, language, orders);
	}

	private long buyer(String name, String firstName, String lastName, String language, int orders) {
		ShopperIds ids = ids(name);
		Instant start = Instant.now().minus(Duration.ofDays(20));
		List<TrackedEvent> events = new ArrayList<>();
		events.add(event(EventType.CUSTOMER_REGISTERED, ids, start, "first_name", firstName, "last_name", lastName,
				"language", language));
		for (int i = 0; i < orders; i++) {
			events.add(event(EventType.ORDER_PLACED, ids, start.plus(Duration.ofDays(i + 1)), "order_id",
					name + "-" + this.tag + "-" + i, "value", 30));
		}
		this.processor.process(events);
		return contactOf(name);
	}

	private ShopperIds ids(String name) {
		return ShopperIds.of(name + "-v-" + this.tag, null, name + "-" + this.tag + "@example.com", true);
	}

	private long contactOf(String name) {
		return this.jdbc.queryForObject("SELECT contact_id FROM rmk_contact_identity WHERE kind = 'VISITOR'"
				+ " AND identity_value = ?", Long.class, name + "-v-" + this.tag);
	}

	private static TrackedEvent event(EventType type, ShopperIds ids, Instant at, Object... properties) {
		return WebTests.event(type, EventSource.STORE, ids, at, properties);
	}

	// ---------------------------------------------------------------- reading back

	private long idOf(String code) {
		return this.engine.findByCode(code).id();
	}

	private int memberCount(String code) {
		return (int) this.engine.findByCode(code).memberCount();
	}

	private String settingsJson(long id) {
		return this.jdbc.queryForObject("SELECT settings_json FROM rmk_segment WHERE id = ?", String.class, id);
	}

	private List<Long> members(long id) {
		return this.jdbc.queryForList("SELECT contact_id FROM rmk_segment_member WHERE segment_id = ?", Long.class, id);
	}

	/** Polls the segment until a rebuild newer than {@code previous} (a rebuiltAt, or null) is done. */
	private JsonNode awaitRebuild(long id, String previous) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (true) {
			JsonNode segment = json(this.mvc.perform(get(SEGMENTS + "/" + id)).andReturn());
			JsonNode rebuild = segment.get("rebuild");
			String at = rebuild.get("rebuiltAt").asText(null);
			if ("DONE".equals(rebuild.get("state").asText(null)) && at != null && !at.equals(previous)) {
				return segment;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("No rebuild of segment " + id + " finished: " + segment);
			}
			Thread.sleep(50);
		}
	}

	static JsonNode json(MvcResult result) throws Exception {
		return JSON.readTree(result.getResponse().getContentAsString());
	}

	static JsonNode byCode(JsonNode list, String code) {
		for (JsonNode item : list.get("items")) {
			if (code.equals(item.get("code").asText())) {
				return item;
			}
		}
		throw new AssertionError("No segment " + code + " in " + list);
	}

	static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
		return request.contentType(MediaType.APPLICATION_JSON).content(body);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	static class Config {

		@Bean
		RemarketingSchema schema() {
			return WebTests.migratedSchema("segments");
		}

		@Bean
		CustomRules customRules(RemarketingSchema schema) {
			RuleCompiler compiler = new RuleCompiler(new SqlDialect(DatabaseVendor.of(schema.dataSource())));
			return compiler::compile;
		}

		@Bean
		SegmentEngine engine(RemarketingSchema schema, CustomRules customRules) {
			SegmentEngine engine = new SegmentEngine(schema.dataSource(), Clock.systemUTC(), customRules);
			engine.installBuiltIns();
			return engine;
		}

		@Bean
		ContactEventProcessor processor(RemarketingSchema schema, SegmentEngine engine) {
			InstallSecrets secrets = InstallSecrets.loadOrCreate(new JdbcTemplate(schema.dataSource()), Clock.systemUTC());
			ContactEventProcessor processor = new ContactEventProcessor(schema.dataSource(), secrets, Clock.systemUTC());
			processor.onContactsChanged(engine::refresh);
			return processor;
		}

		@Bean(destroyMethod = "stop")
		SegmentScheduler scheduler(SegmentEngine engine) {
			SegmentScheduler scheduler = new SegmentScheduler(engine, Duration.ofHours(1), Duration.ofDays(1));
			scheduler.start();
			return scheduler;
		}

		@Bean
		SegmentsController segmentsController(SegmentEngine engine, SegmentScheduler scheduler, RemarketingSchema schema) {
			return new SegmentsController(engine, scheduler, schema.dataSource());
		}

	}

}
