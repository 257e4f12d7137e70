package org.remarketing.web.email;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remarketing.core.channels.email.LinkTokens;
import org.remarketing.core.channels.email.LinkTokens.Purpose;
import org.remarketing.core.schema.RemarketingSchema;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.junit.jupiter.web.SpringJUnitWebConfig;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Every email endpoint refuses a token that was altered, truncated, stripped, oversized, signed
 * for another purpose or by another install: a 4xx plain page that says so, and nothing changes.
 */
@SpringJUnitWebConfig(EmailLinksTestConfig.class)
class TokenTamperingTests {

	private static final String EMAIL = "/api/v1/remarketing/email";

	private MockMvc mvc;

	private LinkTokens tokens;

	private EmailRows rows;

	private String email;

	private long message;

	private RecordingCartRestorer restorer;

	@BeforeEach
	void setUp(WebApplicationContext context) {
		this.mvc = MockMvcBuilders.webAppContextSetup(context).build();
		this.tokens = context.getBean(LinkTokens.class);
		this.restorer = context.getBean(RecordingCartRestorer.class);
		this.rows = new EmailRows(new JdbcTemplate(context.getBean(RemarketingSchema.class).dataSource()));
		this.email = "tamper-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		this.message = this.rows.sentMessage(this.email, "abc", null, Instant.now().minus(Duration.ofDays(1)));
		this.rows.link(this.message, 1, "https://shop.example.com/cart");
	}

	@Test
	void messageLinksRefuseEveryBrokenToken() throws Exception {
		Map<String, Purpose> endpoints = new LinkedHashMap<>();
		endpoints.put("GET " + EMAIL + "/unsubscribe", Purpose.UNSUBSCRIBE);
		endpoints.put("POST " + EMAIL + "/unsubscribe", Purpose.UNSUBSCRIBE);
		endpoints.put("GET " + EMAIL + "/preferences", Purpose.UNSUBSCRIBE);
		endpoints.put("POST " + EMAIL + "/preferences", Purpose.UNSUBSCRIBE);
		endpoints.put("GET " + EMAIL + "/click/1", Purpose.CLICK);
		endpoints.put("GET " + EMAIL + "/open", Purpose.OPEN);
		for (Map.Entry<String, Purpose> endpoint : endpoints.entrySet()) {
			String valid = this.tokens.sign(endpoint.getValue(), Long.toString(this.message));
			Purpose other = (endpoint.getValue() == Purpose.CLICK) ? Purpose.OPEN : Purpose.CLICK;
			for (String token : broken(endpoint.getValue(), valid, encode(Long.toString(this.message + 1)),
					this.tokens.sign(other, Long.toString(this.message)))) {
				assertRefused(endpoint.getKey(), token);
			}
			assertRefused(endpoint.getKey(), null);
			assertRefused(endpoint.getKey(), this.tokens.sign(endpoint.getValue(), "not-a-number"));
			assertRefused(endpoint.getKey(), this.tokens.sign(endpoint.getValue(), "-" + this.message));
		}
		assertThat(this.rows.suppression(this.email)).isNull();
		assertThat(this.rows.events(this.message)).isEmpty();
	}

	@Test
	void recoveryLinksRefuseEveryBrokenToken() throws Exception {
		long expires = Instant.now().plus(Duration.ofDays(7)).getEpochSecond();
		String valid = this.tokens.sign(Purpose.RECOVERY, this.message + ":" + expires);
		String laterExpiry = encode(this.message + ":" + (expires + 365L * 86400));
		String otherPurpose = this.tokens.sign(Purpose.UNSUBSCRIBE, this.message + ":" + expires);
		for (String token : broken(Purpose.RECOVERY, valid, laterExpiry, otherPurpose)) {
			assertRefused("GET /api/v1/remarketing/cart/recover", token);
		}
		assertRefused("GET /api/v1/remarketing/cart/recover", null);
		assertRefused("GET /api/v1/remarketing/cart/recover", this.tokens.sign(Purpose.RECOVERY, Long.toString(this.message)));
		assertThat(this.restorer.restored).noneMatch((target) -> target.messageId() == this.message);
		assertThat(this.rows.events(this.message)).isEmpty();
	}

	/** Broken variants of a valid token: another payload under its tag, another tag, cut, emptied, swollen... */
	private static List<String> broken(Purpose purpose, String valid, String otherPayload, String otherPurpose) {
		int dot = valid.indexOf('.');
		String payload = valid.substring(0, dot);
		String tag = valid.substring(dot + 1);
		List<String> broken = new ArrayList<>();
		broken.add(otherPayload + "." + tag); // altered payload
		broken.add(payload + "." + ((tag.charAt(0) == 'A') ? 'B' : 'A') + tag.substring(1)); // altered tag
		broken.add(payload + "." + tag.substring(0, 10)); // truncated tag
		broken.add(valid.substring(0, valid.length() - 1)); // one character short
		broken.add(payload); // tag stripped
		broken.add(payload + "."); // tag emptied
		broken.add("." + tag); // payload stripped
		broken.add(otherPurpose); // signed for another purpose
		broken.add(""); // empty
		broken.add(valid + "." + tag); // two dots
		broken.add("x".repeat(10 * 1024)); // 10 KB
		broken.add(payload + "." + tag + "x".repeat(600)); // oversized with a valid prefix
		broken.add("<script>alert(1)</script>." + tag); // not base64url
		broken.add(new LinkTokens("some other install's secret, 32+ bytes".getBytes(StandardCharsets.US_ASCII))
			.sign(purpose, new String(Base64.getUrlDecoder().decode(payload),
					StandardCharsets.UTF_8)));
		return broken;
	}

	private void assertRefused(String endpoint, String token) throws Exception {
		String method = endpoint.substring(0, endpoint.indexOf(' '));
		String path = endpoint.substring(endpoint.indexOf(' ') + 1);
		MockHttpServletRequestBuilder request = "POST".equals(method) ? post(path) : get(path);
		if (token != null) {
			request.param("t", token);
		}
		if ("POST".equals(method)) {
			request.contentType(MediaType.APPLICATION_FORM_URLENCODED).param("List-Unsubscribe", "One-Click")
				.param("choice", "all");
		}
		MockHttpServletResponse response = this.mvc.perform(request).andReturn().getResponse();
		String what = endpoint + " with " + ((token == null) ? "no token"
				: token.substring(0, Math.min(40, token.length())) + "… (" + token.length() + " chars)");
		assertThat(response.getStatus()).as(what).isBetween(400, 499);
		assertThat(response.getHeader("Location")).as(what).isNull();
		assertThat(response.getContentType()).as(what).startsWith("text/html");
		// (AssertJ 3.19, Boot 2.5's, has no containsAnyOf for strings)
		assertThat(response.getContentAsString(StandardCharsets.UTF_8)).as(what)
			.containsPattern("invalid or has expired|This link is incomplete")
			.contains("href=\"https://shop.example.com\"")
			.doesNotContain("<script>");
	}

	private static String encode(String payload) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
	}

}
