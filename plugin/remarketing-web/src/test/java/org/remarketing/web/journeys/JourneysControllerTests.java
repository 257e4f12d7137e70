package org.remarketing.web.journeys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remarketing.core.journeys.JourneyException;
import org.remarketing.core.journeys.JourneyPreviews;
import org.remarketing.core.journeys.JourneyResults;
import org.remarketing.core.journeys.JourneyStore;
import org.remarketing.core.journeys.StepRenderer.Rendered;
import org.remarketing.core.schema.RemarketingSchema;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The journeys admin API on a real (H2) schema with the nine shipped journeys, runs and messages
 * written as the engine leaves them, and a stand-in for the engine's previews.
 */
@SpringJUnitWebConfig(JourneysControllerTests.Config.class)
class JourneysControllerTests {

	static final String JOURNEYS = "/api/v1/private/remarketing/journeys";

	private static final ObjectMapper JSON = new ObjectMapper();

	private MockMvc mvc;

	private JdbcTemplate jdbc;

	private JourneyStore store;

	private AtomicReference<JourneyPreviews> previews;

	@BeforeEach
	@SuppressWarnings("unchecked")
	void setUp(WebApplicationContext context) {
		this.mvc = MockMvcBuilders.webAppContextSetup(context).build();
		this.jdbc = new JdbcTemplate(context.getBean(RemarketingSchema.class).dataSource());
		this.store = context.getBean(JourneyStore.class);
		this.previews = context.getBean(AtomicReference.class);
		this.previews.set(new StandInPreviews());
		this.jdbc.update("DELETE FROM rmk_message");
		this.jdbc.update("DELETE FROM rmk_journey_run");
		// each test starts from the shipped definitions
		this.jdbc.update("DELETE FROM rmk_journey");
		this.store.installBuiltIns();
	}

	// ---------------------------------------------------------------- reading

	@Test
	void theListShowsTheNineShippedJourneysWithTheLast30DaysResults() throws Exception {
		long cart = id("abandoned-cart");
		Instant now = Instant.now();
		for (int i = 0; i < 4; i++) {
			long run = run(cart, i, false, now.minus(Duration.ofDays(2)), (i == 0) ? "42.50" : null);
			message(run, 0, "SENT");
		}
		run(cart, 9, true, now.minus(Duration.ofDays(2)), "10.00");
		run(cart, 10, false, now.minus(Duration.ofDays(40)), "999.00"); // before the 30 days

		JsonNode list = json(this.mvc.perform(get(JOURNEYS))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "no-store"))
			.andReturn());
		List<String> codes = new ArrayList<>();
		list.get("items").forEach((item) -> codes.add(item.get("code").asText()));
		assertThat(codes).containsExactly("abandoned-cart", "abandoned-checkout", "browse-abandonment",
				"one-time-winback", "replenishment", "birthday", "cross-sell", "new-products", "after-order");
		JsonNode first = list.get("items").get(0);
		assertThat(first.get("name").asText()).isEqualTo("Abandoned cart");
		assertThat(first.get("enabled").asBoolean()).isTrue();
		assertThat(first.get("triggerSegment").asText()).isEqualTo("abandoned-cart");
		assertThat(first.get("triggerEvent").isNull()).isTrue();
		JsonNode afterOrder = list.get("items").get(8);
		assertThat(afterOrder.get("triggerSegment").isNull()).isTrue();
		assertThat(afterOrder.get("triggerEvent").asText()).isEqualTo("order_placed");
		assertThat(first.get("holdoutPercent").asInt()).isEqualTo(10);
		assertThat(first.get("steps")).hasSize(3);
		assertThat(first.get("steps").get(1).get("delayMinutes").asLong()).isEqualTo(23 * 60);
		assertThat(first.get("steps").get(1).get("template").asText()).isEqualTo("cart-reminder");
		JsonNode results = first.get("results");
		assertThat(results.get("entrants").asLong()).isEqualTo(5);
		assertThat(results.get("holdoutEntrants").asLong()).isEqualTo(1);
		assertThat(results.get("sent").asLong()).isEqualTo(4);
		assertThat(results.get("conversions").asLong()).as("the messaged group's").isEqualTo(1);
		assertThat(results.get("revenue").decimalValue()).isEqualByComparingTo("42.50");
		assertThat(list.get("items").get(1).get("results").get("entrants").asLong()).isZero();
		Instant from = Instant.parse(list.get("period").get("from").asText());
		Instant to = Instant.parse(list.get("period").get("to").asText());
		assertThat(Duration.between(from, to)).isEqualTo(Duration.ofDays(30));

		// a period of one's own: the run of 40 days ago counts
		String day = now.minus(Duration.ofDays(41)).toString().substring(0, 10);
		this.mvc.perform(get(JOURNEYS).param("from", day))
			.andExpect(jsonPath("$.items[0].results.entrants").value(6))
			.andExpect(jsonPath("$.items[0].results.revenue").value(1041.5));
	}

	@Test
	void oneJourneyHasItsFunnelAndTheLiftWithItsConfidenceInterval() throws Exception {
		long cart = id("abandoned-cart");
		Instant entered = Instant.parse("2026-03-02T10:00:00Z");
		// 200 messaged with 30 conversions, 25 held out with 2
		for (int i = 0; i < 200; i++) {
			long run = run(cart, i, false, entered, (i < 30) ? "50.00" : null);
			if (i < 120) {
				message(run, 0, "SENT");
			}
		}
		for (int i = 0; i < 25; i++) {
			run(cart, 1000 + i, true, entered, (i < 2) ? "50.00" : null);
		}
		JsonNode journey = json(this.mvc.perform(get(JOURNEYS + "/abandoned-cart").param("from", "2026-03-01")
			.param("to", "2026-03-31"))
			.andExpect(status().isOk())
			.andReturn());
		assertThat(journey.get("period").get("from").asText()).isEqualTo("2026-03-01T00:00:00Z");
		assertThat(journey.get("period").get("to").asText()).as("the whole last day").isEqualTo("2026-04-01T00:00:00Z");
		JsonNode results = journey.get("results");
		assertThat(results.get("entrants").asLong()).isEqualTo(225);
		assertThat(results.get("sent").asLong()).isEqualTo(120);
		JsonNode funnel = results.get("funnel");
		assertThat(funnel.get(0).get("count").asLong()).isEqualTo(200);
		assertThat(funnel.get(1).get("count").asLong()).isEqualTo(120);
		assertThat(funnel.get(4).get("stage").asText()).isEqualTo("converted");
		assertThat(funnel.get(4).get("count").asLong()).isEqualTo(30);
		JsonNode lift = results.get("lift");
		assertThat(lift.get("enoughData").asBoolean()).isTrue();
		assertThat(lift.get("messagedRate").asDouble()).isEqualTo(0.15);
		assertThat(lift.get("holdoutRate").asDouble()).isEqualTo(0.08);
		assertThat(lift.get("differencePoints").asDouble()).isCloseTo(7.0, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(lift.get("lowerPoints").asDouble()).isCloseTo(-10.50, org.assertj.core.data.Offset.offset(0.005));
		assertThat(lift.get("upperPoints").asDouble()).isCloseTo(15.05, org.assertj.core.data.Offset.offset(0.005));
		assertThat(lift.get("significant").asBoolean()).isFalse();
		assertThat(lift.get("summary").asText()).isEqualTo("+7.0 points (95% CI -10.5 to +15.1)");
		assertThat(lift.get("incrementalConversions").asDouble()).isCloseTo(14.0, org.assertj.core.data.Offset.offset(1e-9));
		// 1500 − 100 / 25 · 200
		assertThat(lift.get("incrementalRevenue").asDouble()).isCloseTo(700.0, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(lift.get("method").asText()).contains("Newcombe");
		assertThat(journey.get("previews").asBoolean()).isTrue();
	}

	@Test
	void withoutAHoldoutThereIsNotEnoughDataAndNoNumberIsMadeUp() throws Exception {
		run(id("birthday"), 1, false, Instant.now().minus(Duration.ofHours(1)), null);
		this.mvc.perform(get(JOURNEYS + "/birthday"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.results.lift.enoughData").value(false))
			.andExpect(jsonPath("$.results.lift.messagedRate").value(0.0))
			.andExpect(jsonPath("$.results.lift.holdoutRate").value((Object) null))
			.andExpect(jsonPath("$.results.lift.differencePoints").value((Object) null))
			.andExpect(jsonPath("$.results.lift.summary").value("Not enough data yet: no one has been held out."))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("NaN"))));
	}

	@Test
	void unknownJourneysAndBadPeriodsAreRefused() throws Exception {
		this.mvc.perform(get(JOURNEYS + "/no-such-journey")).andExpect(status().isNotFound())
			.andExpect(jsonPath("$.message").value("No such journey."));
		this.mvc.perform(get(JOURNEYS + "/Bad_Code")).andExpect(status().isNotFound());
		this.mvc.perform(put(JOURNEYS + "/no-such-journey").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isNotFound());
		this.mvc.perform(get(JOURNEYS).param("from", "yesterday")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message", containsString("from must be a day such as 2026-03-01")));
		this.mvc.perform(get(JOURNEYS).param("from", "2026-03-05").param("to", "2026-03-01"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.message").value("from must be before to."));
		this.mvc.perform(get(JOURNEYS + "/abandoned-cart").param("to", "2026-02-30")).andExpect(status().isBadRequest());
		this.mvc.perform(get(JOURNEYS).param("from", "2026-03-01T10:00:00+02:00").param("to", "2026-03-01T09:00:00Z"))
			.andExpect(status().isOk()).andExpect(jsonPath("$.period.from").value("2026-03-01T08:00:00Z"));
	}

	// ---------------------------------------------------------------- editing

	@Test
	void anEditChangesStepsHoldoutWindowsAndNamesAndIsStored() throws Exception {
		String body = "{\"name\":\"  Cart reminders  \",\"description\":\"Two reminders\",\"enabled\":false,"
				+ "\"steps\":[{\"delayMinutes\":30,\"template\":\"cart-reminder\"},"
				+ "{\"delayMinutes\":2880,\"template\":\"cart-reminder\",\"channel\":\"EMAIL\"}],"
				+ "\"holdoutPercent\":20,\"goalHours\":72,\"reentryDays\":3,\"exitOnLeave\":false}";
		this.mvc.perform(json(put(JOURNEYS + "/abandoned-cart"), body))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("Cart reminders"))
			.andExpect(jsonPath("$.enabled").value(false))
			.andExpect(jsonPath("$.steps", hasSize(2)))
			.andExpect(jsonPath("$.steps[1].delayMinutes").value(2880))
			.andExpect(jsonPath("$.holdoutPercent").value(20))
			.andExpect(jsonPath("$.results.lift").exists());
		var saved = this.store.find("abandoned-cart").orElseThrow();
		assertThat(saved.name()).isEqualTo("Cart reminders");
		assertThat(saved.description()).isEqualTo("Two reminders");
		assertThat(saved.enabled()).isFalse();
		assertThat(saved.steps()).extracting((s) -> s.delay().toMinutes()).containsExactly(30L, 2880L);
		assertThat(saved.holdoutPercent()).isEqualTo(20);
		assertThat(saved.goalWindow()).isEqualTo(Duration.ofHours(72));
		assertThat(saved.reentry()).isEqualTo(Duration.ofDays(3));
		assertThat(saved.exitOnLeave()).isFalse();

		// a part alone changes that part only; a null description clears it
		this.mvc.perform(json(put(JOURNEYS + "/abandoned-cart"), "{\"holdoutPercent\":5,\"description\":null}"))
			.andExpect(status().isOk());
		saved = this.store.find("abandoned-cart").orElseThrow();
		assertThat(saved.holdoutPercent()).isEqualTo(5);
		assertThat(saved.description()).isNull();
		assertThat(saved.name()).isEqualTo("Cart reminders");
		assertThat(saved.steps()).hasSize(2);
	}

	@Test
	void valuesTheStoreRefusesAnswer400NamingTheField() throws Exception {
		assertRefused("{\"holdoutPercent\":60}", "holdoutPercent", "holdout is 0 to 50 %");
		assertRefused("{\"goalHours\":0}", "goalHours", "the conversion window is 1 hour to 90 days");
		assertRefused("{\"reentryDays\":-1}", "reentryDays", "re-entry is 0 to 3650 days");
		assertRefused("{\"name\":\"   \"}", "name", "name must have 1 to 200 characters");
		assertRefused("{\"steps\":[]}", "steps", "a journey has 1 to 10 steps");
		assertRefused("{\"steps\":[{\"delayMinutes\":60,\"template\":\"a\"},{\"delayMinutes\":60,\"template\":\"b\"}]}",
				"steps[1].delayMinutes", "each step comes after the previous one");
		assertRefused("{\"steps\":[{\"delayMinutes\":600000,\"template\":\"a\"}]}", "steps[0].delayMinutes",
				"a step's delay is 0 to 365 days");
		assertRefused("{\"steps\":[{\"delayMinutes\":0,\"template\":\"<script>\"}]}", "steps[0].template",
				"template is a key such as cart-reminder");
		assertRefused("{\"steps\":[{\"delayMinutes\":0,\"template\":\"a\",\"channel\":\"SMS\"}]}", "steps[0].channel",
				"channel must be EMAIL");
		// types are checked before the store sees them
		assertRefused("{\"holdoutPercent\":\"10\"}", "holdoutPercent", "holdoutPercent must be a whole number");
		assertRefused("{\"holdoutPercent\":10.5}", "holdoutPercent", "holdoutPercent must be a whole number");
		assertRefused("{\"enabled\":\"yes\"}", "enabled", "enabled must be true or false.");
		assertRefused("{\"steps\":{\"delayMinutes\":1}}", "steps", "steps must be a list");
		assertRefused("{\"steps\":[{\"template\":\"a\"}]}", "steps[0].delayMinutes", "steps[0].delayMinutes is required.");
		assertRefused("{\"steps\":[{\"delayMinutes\":1}]}", "steps[0].template", "steps[0].template is required.");
		assertRefused("{\"steps\":[{\"delayMinutes\":1,\"template\":\"a\",\"html\":\"x\"}]}", "steps[0]",
				"steps[0] takes delayMinutes, template and channel only.");
		assertRefused("{\"steps\":[1]}", "steps[0]", "steps[0] must be an object");
		assertRefused("{\"name\":\"x\\u0000y\"}", "name", "name must not contain control characters.");
		assertRefused("{\"name\":\"" + "n".repeat(201) + "\"}", "name", "name must be at most 200 characters.");
		this.mvc.perform(json(put(JOURNEYS + "/abandoned-cart"), "{\"code\":\"other\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message", containsString("Unknown field 'code'")));
		this.mvc.perform(json(put(JOURNEYS + "/abandoned-cart"), "{}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message", containsString("Nothing to change")));
		this.mvc.perform(json(put(JOURNEYS + "/abandoned-cart"), "{\"name\":\"a\",\"name\":\"b\"}"))
			.andExpect(status().isBadRequest());
		this.mvc.perform(json(put(JOURNEYS + "/abandoned-cart"), "[1]")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").value("The body must be a JSON object."));
		this.mvc.perform(json(put(JOURNEYS + "/abandoned-cart"), "{\"name\":")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message", containsString("Malformed JSON")));
		this.mvc.perform(put(JOURNEYS + "/abandoned-cart").contentType(MediaType.TEXT_PLAIN).content("{\"name\":\"x\"}"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(jsonPath("$.message").value("Send the body as application/json."));
		String huge = "{\"description\":\"" + "x".repeat(JourneyRequests.MAX_BODY_BYTES) + "\"}";
		this.mvc.perform(json(put(JOURNEYS + "/abandoned-cart"), huge)).andExpect(status().isPayloadTooLarge());
		// nothing of it was stored
		var journey = this.store.find("abandoned-cart").orElseThrow();
		assertThat(journey.name()).isEqualTo("Abandoned cart");
		assertThat(journey.holdoutPercent()).isEqualTo(10);
		assertThat(journey.steps()).hasSize(3);
	}

	// ---------------------------------------------------------------- previews

	@Test
	void aPreviewIsTheEnginesRenderingReturnedAsJsonNeverAsADocument() throws Exception {
		MvcResult result = this.mvc.perform(get(JOURNEYS + "/abandoned-cart/preview").param("step", "2")
			.param("contact", "77").accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("Content-Security-Policy", containsString("sandbox")))
			.andExpect(jsonPath("$.subject").value("Step 2 for contact 77"))
			.andExpect(jsonPath("$.html").value("<html><body><script>alert(1)</script>cart-reminder</body></html>"))
			.andExpect(jsonPath("$.text").value("cart-reminder"))
			.andExpect(jsonPath("$.template").value("cart-reminder"))
			.andReturn();
		assertThat(result.getResponse().getContentAsString()).startsWith("{");
		// asked for as a page, it is not one
		this.mvc.perform(get(JOURNEYS + "/abandoned-cart/preview").param("step", "1").param("contact", "77")
			.accept(MediaType.TEXT_HTML))
			.andExpect(status().isNotAcceptable());

		this.mvc.perform(get(JOURNEYS + "/abandoned-cart/preview").param("step", "4").param("contact", "77"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("step"))
			.andExpect(jsonPath("$.message").value("step must be a whole number from 1 (the first step) to 3."));
		this.mvc.perform(get(JOURNEYS + "/abandoned-cart/preview").param("contact", "77"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("step"));
		this.mvc.perform(get(JOURNEYS + "/abandoned-cart/preview").param("step", "1").param("contact", "x"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("contact"));
		// the engine's own refusal (no such contact) names its field
		this.mvc.perform(get(JOURNEYS + "/abandoned-cart/preview").param("step", "1").param("contact", "404"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("contact"))
			.andExpect(jsonPath("$.message").value("No contact 404"));
	}

	@Test
	void aTestSendGoesToOneCheckedAddress() throws Exception {
		StandInPreviews engine = (StandInPreviews) this.previews.get();
		this.mvc.perform(json(post(JOURNEYS + "/abandoned-cart/test-send"),
				"{\"step\":1,\"contact\":77,\"to\":\" staff@shop.example \"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.sentTo").value("staff@shop.example"))
			.andExpect(jsonPath("$.subject").value("[TEST] Step 1 for contact 77"));
		assertThat(engine.sentTo).containsExactly("staff@shop.example");

		for (String to : new String[] { "\"staff\"", "\"a@b\"", "\"Ann <ann@example.com>\"", "\"a@example.com, b@example.com\"",
				"\"a@example.com\\r\\nBcc: x@example.com\"", "\"\"", "7" }) {
			this.mvc.perform(json(post(JOURNEYS + "/abandoned-cart/test-send"), "{\"step\":1,\"contact\":77,\"to\":" + to + "}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.field").value("to"));
		}
		this.mvc.perform(json(post(JOURNEYS + "/abandoned-cart/test-send"), "{\"step\":1,\"contact\":77}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("to"));
		this.mvc.perform(json(post(JOURNEYS + "/abandoned-cart/test-send"), "{\"step\":9,\"contact\":77,\"to\":\"a@b.c\"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("step"));
		this.mvc.perform(json(post(JOURNEYS + "/abandoned-cart/test-send"), "{\"step\":1,\"contact\":0,\"to\":\"a@b.c\"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("contact"));
		this.mvc.perform(json(post(JOURNEYS + "/abandoned-cart/test-send"),
				"{\"step\":1,\"contact\":7,\"to\":\"a@b.c\",\"bcc\":\"x@y.z\"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.message", containsString("Unknown field 'bcc'")));
		assertThat(engine.sentTo).hasSize(1);
	}

	@Test
	void withoutTheEnginePreviewsAnswer503() throws Exception {
		this.previews.set(null);
		this.mvc.perform(get(JOURNEYS + "/abandoned-cart/preview").param("step", "1").param("contact", "77"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.message", containsString("journeys engine")));
		this.mvc.perform(json(post(JOURNEYS + "/abandoned-cart/test-send"), "{\"step\":1,\"contact\":7,\"to\":\"a@b.c\"}"))
			.andExpect(status().isServiceUnavailable());
		this.mvc.perform(get(JOURNEYS + "/abandoned-cart")).andExpect(jsonPath("$.previews").value(false));
	}

	// ---------------------------------------------------------------- helpers

	private void assertRefused(String body, String field, String message) throws Exception {
		this.mvc.perform(json(put(JOURNEYS + "/abandoned-cart"), body))
			.andExpect(status().isBadRequest())
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(jsonPath("$.field").value(field))
			.andExpect(jsonPath("$.message", containsString(message)));
	}

	private long id(String code) {
		return this.store.find(code).orElseThrow().id();
	}

	private long run(long journeyId, long contactId, boolean holdout, Instant entered, String revenue) {
		return JourneyRows.run(this.jdbc, journeyId, contactId, holdout, entered, revenue);
	}

	private void message(long runId, int step, String state) {
		JourneyRows.message(this.jdbc, runId, step, state, null, null, null);
	}

	static JsonNode json(MvcResult result) throws Exception {
		return JSON.readTree(result.getResponse().getContentAsString());
	}

	static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
		return request.contentType(MediaType.APPLICATION_JSON).content(body);
	}

	/** Renders "Step n for contact c" with a script in the HTML, refuses contact 404, records test sends. */
	static final class StandInPreviews implements JourneyPreviews {

		final List<String> sentTo = new ArrayList<>();

		@Override
		public Rendered preview(String journeyCode, int stepNo, long contactId) {
			if (contactId == 404) {
				throw new JourneyException("contact", "No contact 404");
			}
			return new Rendered("Step " + stepNo + " for contact " + contactId,
					"<html><body><script>alert(1)</script>cart-reminder</body></html>", "cart-reminder");
		}

		@Override
		public Rendered testSend(String journeyCode, int stepNo, long contactId, String to) {
			Rendered preview = preview(journeyCode, stepNo, contactId);
			this.sentTo.add(to);
			return new Rendered("[TEST] " + preview.subject(), preview.html(), preview.text());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	static class Config {

		@Bean
		RemarketingSchema schema() {
			return WebTests.migratedSchema("journeys");
		}

		@Bean
		JourneyStore journeyStore(RemarketingSchema schema) {
			return new JourneyStore(schema.dataSource(), Clock.systemUTC());
		}

		@Bean
		AtomicReference<JourneyPreviews> previews() {
			return new AtomicReference<>();
		}

		@Bean
		JourneysController journeysController(JourneyStore store, RemarketingSchema schema,
				AtomicReference<JourneyPreviews> previews) {
			return new JourneysController(store, new JourneyResults(schema.dataSource()), previews::get);
		}

	}

}
