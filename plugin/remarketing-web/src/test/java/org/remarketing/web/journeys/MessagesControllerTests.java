package org.remarketing.web.journeys;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remarketing.core.journeys.JourneyStore;
import org.remarketing.core.journeys.MessageLog;
import org.remarketing.core.schema.DbTime;
import org.remarketing.core.schema.RemarketingSchema;
import org.remarketing.web.WebTests;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.web.SpringJUnitWebConfig;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The message log API on a real (H2) schema, with messages written as the engine leaves them. */
@SpringJUnitWebConfig(MessagesControllerTests.Config.class)
class MessagesControllerTests {

	static final String MESSAGES = "/api/v1/private/remarketing/messages";

	static final Instant ENTERED = Instant.parse("2026-03-02T10:00:00Z");

	static final String XSS = "<img src=x onerror=alert(1)>";

	private MockMvc mvc;

	private JdbcTemplate jdbc;

	private long cart;

	private long birthday;

	@BeforeEach
	void setUp(WebApplicationContext context) {
		this.mvc = MockMvcBuilders.webAppContextSetup(context).build();
		this.jdbc = new JdbcTemplate(context.getBean(RemarketingSchema.class).dataSource());
		this.jdbc.update("DELETE FROM rmk_message_event");
		this.jdbc.update("DELETE FROM rmk_message");
		this.jdbc.update("DELETE FROM rmk_journey_run");
		JourneyStore store = context.getBean(JourneyStore.class);
		this.cart = store.find("abandoned-cart").orElseThrow().id();
		this.birthday = store.find("birthday").orElseThrow().id();
	}

	@Test
	void theLogListsNewestFirstAPageAtATimeWithCountsPerState() throws Exception {
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			long run = JourneyRows.run(this.jdbc, this.cart, 10 + i, false, ENTERED.plusSeconds(i), null);
			ids.add(JourneyRows.message(this.jdbc, run, 0, "SENT", null, "c" + i + "@example.com", "Your cart"));
		}
		long held = JourneyRows.run(this.jdbc, this.cart, 20, true, ENTERED, null);
		ids.add(JourneyRows.message(this.jdbc, held, 0, "HELD_OUT", "held out: measures the lift", null, null));

		JsonNode first = JourneysControllerTests.json(this.mvc.perform(get(MESSAGES).param("size", "4"))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(jsonPath("$.items", hasSize(4)))
			.andExpect(jsonPath("$.counts.SENT").value(5))
			.andExpect(jsonPath("$.counts.HELD_OUT").value(1))
			.andExpect(jsonPath("$.counts.BOUNCED").value(0))
			.andExpect(jsonPath("$.total").value(6))
			.andReturn());
		assertThat(first.get("items").get(0).get("id").asLong()).isEqualTo(ids.get(5));
		assertThat(first.get("items").get(0).get("state").asText()).isEqualTo("HELD_OUT");
		assertThat(first.get("items").get(0).get("reason").asText()).isEqualTo("held out: measures the lift");
		assertThat(first.get("items").get(0).get("journey").get("code").asText()).isEqualTo("abandoned-cart");
		assertThat(first.get("items").get(1).get("recipient").asText()).isEqualTo("c4@example.com");
		assertThat(first.get("items").get(1).get("time").asText()).isEqualTo(ENTERED.plusSeconds(4).toString());
		String next = first.get("next").asText();
		this.mvc.perform(get(MESSAGES).param("size", "4").param("after", next))
			.andExpect(jsonPath("$.items", hasSize(2)))
			.andExpect(jsonPath("$.items[0].id").value(ids.get(1)))
			.andExpect(jsonPath("$.items[1].id").value(ids.get(0)))
			.andExpect(jsonPath("$.next").value((Object) null));
	}

	@Test
	void filtersCombineAndTheCountsFollowEveryFilterButTheState() throws Exception {
		long ann = JourneyRows.run(this.jdbc, this.cart, 31, false, ENTERED, null);
		long annSent = JourneyRows.message(this.jdbc, ann, 0, "SENT", null, "ann@example.com", "Your cart");
		JourneyRows.message(this.jdbc, ann, 1, "SUPPRESSED", "suppressed: unsubscribed on 2026-03-01", null, null);
		long bob = JourneyRows.run(this.jdbc, this.birthday, 32, false, ENTERED.plusSeconds(86_400), null);
		long bobSent = JourneyRows.message(this.jdbc, bob, 0, "SENT", null, "bob@example.com", "Happy birthday");

		this.mvc.perform(get(MESSAGES).param("journey", "abandoned-cart").param("state", "sent"))
			.andExpect(jsonPath("$.items", hasSize(1)))
			.andExpect(jsonPath("$.items[0].id").value(annSent))
			.andExpect(jsonPath("$.counts.SENT").value(1))
			.andExpect(jsonPath("$.counts.SUPPRESSED").value(1));
		this.mvc.perform(get(MESSAGES).param("contact", "32")).andExpect(jsonPath("$.items[0].id").value(bobSent))
			.andExpect(jsonPath("$.total").value(1));
		this.mvc.perform(get(MESSAGES).param("recipient", "BOB@example.com"))
			.andExpect(jsonPath("$.items", hasSize(1))).andExpect(jsonPath("$.items[0].id").value(bobSent));
		this.mvc.perform(get(MESSAGES).param("from", "2026-03-03")).andExpect(jsonPath("$.items", hasSize(1)))
			.andExpect(jsonPath("$.items[0].id").value(bobSent));
		this.mvc.perform(get(MESSAGES).param("to", "2026-03-02")).andExpect(jsonPath("$.items", hasSize(2)));
		this.mvc.perform(get(MESSAGES).param("state", "SUPPRESSED"))
			.andExpect(jsonPath("$.items[0].reason").value("suppressed: unsubscribed on 2026-03-01"));
	}

	@Test
	void badFiltersAreRefusedWithTheReason() throws Exception {
		expectRefused("journey", "Abandoned Cart", "journey must be a journey's code");
		expectRefused("state", "OPENED", "state must be one of SCHEDULED, SENDING, SENT");
		expectRefused("contact", "-1", "contact must be a contact's id.");
		expectRefused("recipient", "ann@", "recipient must be a whole email address");
		expectRefused("from", "last week", "from must be a day");
		expectRefused("after", "abc", "after must be the next value of the previous page.");
		expectRefused("size", "101", "size must be a whole number from 1 to 100.");
		expectRefused("size", "0", "size must be a whole number from 1 to 100.");
		this.mvc.perform(get(MESSAGES).param("from", "2026-03-02").param("to", "2026-03-01"))
			.andExpect(status().isBadRequest());
	}

	@Test
	void oneMessageCarriesItsHtmlAsDataWithItsEventsAndRun() throws Exception {
		long run = JourneyRows.run(this.jdbc, this.cart, 41, false, ENTERED, "19.90");
		long id = JourneyRows.message(this.jdbc, run, 1, "SENT", null, "cy@example.com", XSS);
		this.jdbc.update("UPDATE rmk_message SET body_html = ?, attempts = 1 WHERE id = ?",
				"<html><body onload=\"alert(2)\"><script>alert(3)</script><p>Hi</p></body></html>", id);
		this.jdbc.update("INSERT INTO rmk_message_event (message_id, kind, detail, occurred_at) VALUES (?, 'MACHINE_OPEN',"
				+ " 'privacy proxy', ?), (?, 'CLICK', 'link 1', ?)", id, DbTime.utc(ENTERED.plusSeconds(60)), id,
				DbTime.utc(ENTERED.plusSeconds(900)));

		this.mvc.perform(get(MESSAGES + "/" + id).accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("Content-Security-Policy", "default-src 'none'; sandbox"))
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(jsonPath("$.subject").value(XSS))
			.andExpect(jsonPath("$.html").value("<html><body onload=\"alert(2)\"><script>alert(3)</script><p>Hi</p></body></html>"))
			.andExpect(jsonPath("$.text").value(XSS))
			.andExpect(jsonPath("$.step").value(1))
			.andExpect(jsonPath("$.attempts").value(1))
			.andExpect(jsonPath("$.events", hasSize(2)))
			.andExpect(jsonPath("$.events[0].kind").value("MACHINE_OPEN"))
			.andExpect(jsonPath("$.events[1].kind").value("CLICK"))
			.andExpect(jsonPath("$.events[1].occurredAt").value(ENTERED.plusSeconds(900).toString()))
			.andExpect(jsonPath("$.run.holdout").value(false))
			.andExpect(jsonPath("$.run.revenue").value(19.9))
			.andExpect(jsonPath("$.run.convertedAt").value(ENTERED.plusSeconds(3600).toString()));
		// never as a page, whatever is asked for
		this.mvc.perform(get(MESSAGES + "/" + id).accept(MediaType.TEXT_HTML)).andExpect(status().isNotAcceptable());

		this.mvc.perform(get(MESSAGES + "/" + (id + 1000))).andExpect(status().isNotFound())
			.andExpect(jsonPath("$.message").value("No such message."));
		this.mvc.perform(get(MESSAGES + "/abc")).andExpect(status().isNotFound());
		this.mvc.perform(get(MESSAGES + "/1234567890123456789")).andExpect(status().isNotFound());
	}

	private void expectRefused(String param, String value, String message) throws Exception {
		this.mvc.perform(get(MESSAGES).param(param, value))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message", containsString(message)));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	static class Config {

		@Bean
		RemarketingSchema schema() {
			return WebTests.migratedSchema("messages");
		}

		@Bean
		JourneyStore journeyStore(RemarketingSchema schema) {
			JourneyStore store = new JourneyStore(schema.dataSource(), Clock.systemUTC());
			store.installBuiltIns();
			return store;
		}

		@Bean
		MessagesController messagesController(RemarketingSchema schema) {
			return new MessagesController(new MessageLog(schema.dataSource()));
		}

	}

}
