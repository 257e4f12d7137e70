package org.remarketing.web.email;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remarketing.core.channels.email.MessageLinks;
import org.remarketing.core.schema.RemarketingSchema;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.web.SpringJUnitWebConfig;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Unsubscribe (page and RFC 8058 one-click) and the preference page, as a mail client and a shopper use them. */
@SpringJUnitWebConfig(EmailLinksTestConfig.class)
class UnsubscribeEndpointTests {

	private MockMvc mvc;

	private MessageLinks links;

	private EmailRows rows;

	private String email;

	private long message;

	@BeforeEach
	void setUp(WebApplicationContext context) {
		this.mvc = MockMvcBuilders.webAppContextSetup(context).build();
		this.links = context.getBean(MessageLinks.class);
		this.rows = new EmailRows(new JdbcTemplate(context.getBean(RemarketingSchema.class).dataSource()));
		this.email = "lan-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		this.message = this.rows.sentMessage(this.email, null, null, Instant.now().minus(Duration.ofHours(1)));
	}

	@Test
	void openingTheUnsubscribeLinkOnlyAsksForConfirmation() throws Exception {
		int suppressions = this.rows.count("rmk_suppression");
		int consents = this.rows.count("rmk_consent");

		this.mvc.perform(get(path(this.links.unsubscribe(this.message))))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Robots-Tag", containsString("noindex")))
			.andExpect(header().string("Referrer-Policy", "no-referrer"))
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(allOf(containsString("<form method=\"post\""),
					containsString("name=\"List-Unsubscribe\" value=\"One-Click\""),
					containsString(this.email.charAt(0) + "\u2022\u2022\u2022@example.com"),
					not(containsString(this.email)))));

		assertThat(this.rows.suppression(this.email)).isNull();
		assertThat(this.rows.count("rmk_suppression")).isEqualTo(suppressions);
		assertThat(this.rows.count("rmk_consent")).isEqualTo(consents);
		assertThat(this.rows.events(this.message)).isEmpty();
	}

	@Test
	void rfc8058OneClickPostUnsubscribesAtOnceWithoutCookiesOrCsrfToken() throws Exception {
		this.mvc.perform(post(path(this.links.unsubscribe(this.message)))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("List-Unsubscribe=One-Click"))
			.andExpect(status().isOk())
			.andExpect(header().string("Referrer-Policy", "no-referrer"))
			.andExpect(content().string(containsString("You are unsubscribed")));

		assertThat(this.rows.suppression(this.email)).isEqualTo("ALL");
		assertThat(this.rows.emailConsent(this.message)).isEqualTo("false one-click");
		assertThat(this.rows.events(this.message)).containsExactly("UNSUBSCRIBE");

		// a second POST (mail providers retry) changes nothing and still answers 200
		this.mvc.perform(post(path(this.links.unsubscribe(this.message)))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("List-Unsubscribe=One-Click")).andExpect(status().isOk());
		assertThat(this.rows.events(this.message)).containsExactly("UNSUBSCRIBE");
	}

	@Test
	void oneClickAlsoComesAsMultipartAndAnswersJsonWhenAsked() throws Exception {
		this.mvc.perform(multipart(path(this.links.unsubscribe(this.message)))
			.param("List-Unsubscribe", "One-Click")
			.accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.unsubscribed").value(true))
			.andExpect(jsonPath("$.scope").value("ALL"));
		assertThat(this.rows.suppression(this.email)).isEqualTo("ALL");
	}

	@Test
	void theConfirmationPagesButtonUnsubscribesAsALinkUnsubscribe() throws Exception {
		this.mvc.perform(post(path(this.links.unsubscribe(this.message)))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("List-Unsubscribe=One-Click&via=page")).andExpect(status().isOk());
		assertThat(this.rows.emailConsent(this.message)).isEqualTo("false unsubscribe");

		this.mvc.perform(get(path(this.links.unsubscribe(this.message))))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("You are unsubscribed"), not(containsString("<form")))));
	}

	@Test
	void stoppingRemindersOnlyKeepsConsentAndStoppingAllWithdrawsIt() throws Exception {
		String preferences = path(this.links.preferences(this.message));
		this.mvc.perform(get(preferences))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Stop reminders only"), containsString("Stop all marketing"))));
		assertThat(this.rows.suppression(this.email)).isNull();

		this.mvc.perform(post(preferences).contentType(MediaType.APPLICATION_FORM_URLENCODED).content("choice=reminders"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("gets no reminders")));
		assertThat(this.rows.suppression(this.email)).isEqualTo("REMINDERS");
		assertThat(this.rows.emailConsent(this.message)).isNull();

		this.mvc.perform(post(preferences).contentType(MediaType.APPLICATION_FORM_URLENCODED).content("choice=all"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("gets no marketing emails")));
		assertThat(this.rows.suppression(this.email)).isEqualTo("ALL");
		assertThat(this.rows.emailConsent(this.message)).isEqualTo("false preferences");

		this.mvc.perform(post(preferences).contentType(MediaType.APPLICATION_FORM_URLENCODED).content("choice=resubscribe"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("gets reminders and other news")));
		assertThat(this.rows.suppression(this.email)).isNull();
		assertThat(this.rows.emailConsent(this.message)).isEqualTo("true preferences");
	}

	@Test
	void anUnknownChoiceIsABadRequestThatChangesNothing() throws Exception {
		for (String body : new String[] { "choice=everything", "", "choice=" + "x".repeat(5000) }) {
			this.mvc.perform(post(path(this.links.preferences(this.message)))
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content(body))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("Choose one of the options")));
		}
		assertThat(this.rows.suppression(this.email)).isNull();
	}

	@Test
	void aMessageThatIsGoneAnswersNotFound() throws Exception {
		this.mvc.perform(post(path(this.links.unsubscribe(this.message + 100_000)))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("List-Unsubscribe=One-Click"))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("Link not found")));
	}

	/** The path and query of a link (MockMvc has no host). */
	static String path(String url) {
		return url.substring(EmailLinksTestConfig.STORE_URL.length());
	}

}
