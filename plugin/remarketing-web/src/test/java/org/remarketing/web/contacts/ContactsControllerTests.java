package org.remarketing.web.contacts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remarketing.core.contacts.ContactDetails;
import org.remarketing.core.contacts.ContactEraser;
import org.remarketing.core.contacts.ContactEventProcessor;
import org.remarketing.core.contacts.ContactSearch;
import org.remarketing.core.contacts.GdprExport;
import org.remarketing.core.schema.RemarketingSchema;
import org.remarketing.core.system.InstallSecrets;
import org.remarketing.core.tracking.EventSource;
import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.web.WebTests;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.web.SpringJUnitWebConfig;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The contacts admin API on a real (H2) schema, filled through the event processor. */
@SpringJUnitWebConfig(ContactsControllerTests.Config.class)
class ContactsControllerTests {

	private static final String CONTACTS = "/api/v1/private/remarketing/contacts";

	private static final Instant T0 = Instant.parse("2024-03-05T09:00:00Z");

	private MockMvc mvc;

	private ContactEventProcessor processor;

	private String tag;

	@BeforeEach
	void setUp(WebApplicationContext context) {
		this.mvc = MockMvcBuilders.webAppContextSetup(context).build();
		this.processor = context.getBean(ContactEventProcessor.class);
		this.tag = UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void searchAnswersAPageOfSummariesThatNoOneCaches() throws Exception {
		long id = shopper("ann");
		this.mvc.perform(get(CONTACTS).param("q", "ann-" + this.tag + "@"))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.page").value(0))
			.andExpect(jsonPath("$.size").value(20))
			.andExpect(jsonPath("$.items[0].id").value(id))
			.andExpect(jsonPath("$.items[0].email").value("ann-" + this.tag + "@example.com"))
			.andExpect(jsonPath("$.items[0].firstName").value("<b>Ann</b>"));
	}

	@Test
	void searchRejectsOversizedPagesAndQueriesWithAReason() throws Exception {
		String longQuery = "q".repeat(101);
		for (ResultActions result : List.of(this.mvc.perform(get(CONTACTS).param("size", "101")),
				this.mvc.perform(get(CONTACTS).param("size", "0")),
				this.mvc.perform(get(CONTACTS).param("page", "-1")),
				this.mvc.perform(get(CONTACTS).param("size", "<script>")),
				this.mvc.perform(get(CONTACTS).param("q", longQuery)))) {
			result.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith("application/json"))
				.andExpect(header().string("Cache-Control", "no-store"))
				.andExpect(jsonPath("$.message").isNotEmpty())
				.andExpect(content().string(not(containsString("<script>"))))
				.andExpect(content().string(not(containsString(longQuery))));
		}
		this.mvc.perform(get(CONTACTS).param("size", "100").param("q", "q".repeat(100))).andExpect(status().isOk());
	}

	@Test
	void unknownContactsAreNotFound() throws Exception {
		for (String path : List.of(CONTACTS + "/987654321", CONTACTS + "/abc", CONTACTS + "/987654321/export")) {
			this.mvc.perform(get(path))
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.message").value("No such contact."))
				.andExpect(header().string("Cache-Control", "no-store"));
		}
		this.mvc.perform(delete(CONTACTS + "/987654321").param("confirm", "erase")).andExpect(status().isNotFound());
	}

	@Test
	void aContactShowsProfileIdentitiesConsentProductsAndAPagedTimeline() throws Exception {
		long id = shopper("bob");
		this.mvc.perform(get(CONTACTS + "/" + id).param("timelineSize", "2"))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(jsonPath("$.id").value(id))
			.andExpect(jsonPath("$.profile.email").value("bob-" + this.tag + "@example.com"))
			.andExpect(jsonPath("$.profile.visits").value(1))
			.andExpect(jsonPath("$.identities", hasSize(3)))
			.andExpect(jsonPath("$.consent.current.EMAIL.granted").value(true))
			.andExpect(jsonPath("$.consent.current.EMAIL.proof.text").value("Yes, send me news"))
			.andExpect(jsonPath("$.products[0].productId").value(7))
			.andExpect(jsonPath("$.timeline.total").value(4))
			.andExpect(jsonPath("$.timeline.items", hasSize(2)))
			.andExpect(jsonPath("$.timeline.items[0].type").value("newsletter_opt_in"))
			.andExpect(jsonPath("$.timeline.items[1].type").value("customer_registered"));
		this.mvc.perform(get(CONTACTS + "/" + id).param("timelinePage", "1").param("timelineSize", "2"))
			.andExpect(jsonPath("$.timeline.items[0].type").value("view_item"))
			.andExpect(jsonPath("$.timeline.items[1].type").value("page_view"));
		this.mvc.perform(get(CONTACTS + "/" + id).param("timelineSize", "101"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message").isNotEmpty());
	}

	@Test
	void aMergedContactsIdAnswersWithTheSurvivor() throws Exception {
		long survivor = shopper("cat");
		this.processor.process(List.of(WebTests.event(EventType.PAGE_VIEW, EventSource.BROWSER,
				ShopperIds.of("phone-" + this.tag, null, null, false), T0.plusSeconds(3600))));
		long phone = id(this.mvc.perform(get(CONTACTS).param("q", "phone-" + this.tag)).andReturn());
		this.processor.process(List.of(WebTests.event(EventType.CUSTOMER_SIGNED_IN, EventSource.STORE,
				ShopperIds.of("phone-" + this.tag, null, "cat-" + this.tag + "@example.com", true), T0.plusSeconds(3700))));

		this.mvc.perform(get(CONTACTS + "/" + phone))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Location", CONTACTS + "/" + survivor))
			.andExpect(jsonPath("$.id").value(survivor))
			.andExpect(jsonPath("$.mergedFrom").value(phone))
			.andExpect(jsonPath("$.timeline.total").value(6));
	}

	@Test
	void exportIsAJsonDownloadOfEverything() throws Exception {
		long id = shopper("dan");
		this.mvc.perform(get(CONTACTS + "/" + id + "/export"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("application/json"))
			.andExpect(header().string("Content-Disposition", "attachment; filename=\"contact-" + id + ".json\""))
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(jsonPath("$.format").value("remarketing-contact-export/1"))
			.andExpect(jsonPath("$.contactId").value(id))
			.andExpect(jsonPath("$.profile.firstName").value("<b>Ann</b>"))
			.andExpect(jsonPath("$.identities", hasSize(3)))
			.andExpect(jsonPath("$.consent[0].proof.text").value("Yes, send me news"))
			.andExpect(jsonPath("$.products[0].views").value(1))
			.andExpect(jsonPath("$.events", hasSize(4)))
			.andExpect(jsonPath("$.events[0].type").value("page_view"))
			.andExpect(jsonPath("$.events[0].properties.url").value("https://shop.example/"));
	}

	@Test
	void erasingNeedsAnExplicitConfirmation() throws Exception {
		long id = shopper("eve");
		this.mvc.perform(delete(CONTACTS + "/" + id))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.message", containsString("confirm=erase")));
		this.mvc.perform(delete(CONTACTS + "/" + id).param("confirm", "yes")).andExpect(status().isBadRequest());
		this.mvc.perform(get(CONTACTS + "/" + id)).andExpect(status().isOk());

		this.mvc.perform(delete(CONTACTS + "/" + id).param("confirm", "erase"))
			.andExpect(status().isNoContent())
			.andExpect(header().string("Cache-Control", "no-store"));
		this.mvc.perform(get(CONTACTS + "/" + id)).andExpect(status().isNotFound());
		this.mvc.perform(get(CONTACTS).param("q", "eve-" + this.tag)).andExpect(jsonPath("$.total").value(0));
		this.mvc.perform(delete(CONTACTS + "/" + id).param("confirm", "erase")).andExpect(status().isNotFound());
	}

	/** A registered shopper with a browsing history; returns the contact id. */
	private long shopper(String name) throws Exception {
		ShopperIds browser = ShopperIds.of(name + "-v-" + this.tag, null, null, false);
		ShopperIds store = ShopperIds.of(name + "-v-" + this.tag, (long) Math.abs(this.tag.hashCode()),
				name + "-" + this.tag + "@example.com", true);
		this.processor.process(List.of(
				WebTests.event(EventType.PAGE_VIEW, EventSource.BROWSER, browser, T0, "url", "https://shop.example/"),
				WebTests.event(EventType.PRODUCT_VIEW, EventSource.BROWSER, browser, T0.plusSeconds(5), "product_id", 7),
				WebTests.event(EventType.CUSTOMER_REGISTERED, EventSource.STORE, store, T0.plusSeconds(60), "first_name",
						"<b>Ann</b>"),
				WebTests.event(EventType.NEWSLETTER_OPT_IN, EventSource.STORE, store, T0.plusSeconds(61), "consent_text",
						"Yes, send me news")));
		return id(this.mvc.perform(get(CONTACTS).param("q", name + "-" + this.tag + "@")).andReturn());
	}

	private static long id(MvcResult result) throws Exception {
		String body = result.getResponse().getContentAsString();
		int start = body.indexOf("\"id\":") + 5;
		int end = start;
		while (Character.isDigit(body.charAt(end))) {
			end++;
		}
		return Long.parseLong(body.substring(start, end));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	static class Config {

		@Bean
		RemarketingSchema schema() {
			return WebTests.migratedSchema("contacts");
		}

		@Bean
		InstallSecrets secrets(RemarketingSchema schema) {
			return InstallSecrets.loadOrCreate(new JdbcTemplate(schema.dataSource()), Clock.systemUTC());
		}

		@Bean
		ContactEventProcessor processor(RemarketingSchema schema, InstallSecrets secrets) {
			return new ContactEventProcessor(schema.dataSource(), secrets, Clock.systemUTC());
		}

		@Bean
		ContactsController contactsController(RemarketingSchema schema, InstallSecrets secrets) {
			DataSource dataSource = schema.dataSource();
			return new ContactsController(new ContactSearch(dataSource), new ContactDetails(dataSource),
					new GdprExport(dataSource, Clock.systemUTC()),
					new ContactEraser(dataSource, secrets, Clock.systemUTC(), List.of()));
		}

	}

}
