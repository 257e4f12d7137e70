package org.remarketing.web.email;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remarketing.core.channels.email.MessageLinks;
import org.remarketing.core.schema.RemarketingSchema;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.junit.jupiter.web.SpringJUnitWebConfig;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tracked clicks go to the stored URL and nowhere else: open-redirect payloads in the request
 * change nothing, and payloads stored as a link's URL are not followed.
 */
@SpringJUnitWebConfig(EmailLinksTestConfig.class)
class ClickRedirectTests {

	private static final String STORED = "https://shop.example.com/cart?utm_source=remarketing&utm_medium=email";

	/** Open-redirect payloads: protocol-relative, backslashes, schemes, encodings, userinfo and host tricks. */
	static final List<String> PAYLOADS = Arrays.asList("//evil.com", "/\\evil.com", "\\\\evil.com", "https:evil.com",
			"https:/evil.com", "http://evil.com", "https://evil.com/", "///evil.com", "/%09/evil.com", "/%2F/evil.com",
			"%2F%2Fevil.com", "%252F%252Fevil.com", "javascript:alert(document.domain)", "JaVaScRiPt:alert(1)",
			"javascript%3Aalert(1)", "java\tscript:alert(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
			"vbscript:msgbox(1)", "https://shop.example.com@evil.com", "https://shop.example.com:443@evil.com",
			"//shop.example.com@evil.com", "https://shop.example.com.evil.com/", "https://evil.com#@shop.example.com",
			"https://evil.com?@shop.example.com", "https://evil.com\\@shop.example.com", "https://evil.com%00.shop.example.com",
			"https://evil.com/https://shop.example.com/", "\thttps://evil.com", " https://evil.com", "https://evil\u3002com",
			"https://\uff45\uff56\uff49\uff4c.com", "http://0x7f000001/", "http://[::1]/", "https://shop.example.com%2F%2Fevil.com",
			"url=https://evil.com", "?url=https://evil.com", "https://evil.com/\r\nSet-Cookie: a=b");

	private MockMvc mvc;

	private MessageLinks links;

	private EmailRows rows;

	private long message;

	@BeforeEach
	void setUp(WebApplicationContext context) {
		this.mvc = MockMvcBuilders.webAppContextSetup(context).build();
		this.links = context.getBean(MessageLinks.class);
		this.rows = new EmailRows(new JdbcTemplate(context.getBean(RemarketingSchema.class).dataSource()));
		this.message = this.rows.sentMessage("click-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
				null, null, Instant.now().minus(Duration.ofHours(2)));
		this.rows.link(this.message, 1, STORED);
	}

	@Test
	void aClickRedirectsToTheStoredUrlAndRecordsIt() throws Exception {
		this.mvc.perform(get(UnsubscribeEndpointTests.path(this.links.click(this.message, 1))))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", STORED))
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(header().string("Referrer-Policy", "no-referrer"));
		assertThat(this.rows.events(this.message)).containsExactly("CLICK");
		assertThat(this.rows.time(this.message, "clicked_at")).isNotNull();
	}

	@Test
	void aLinkCheckersHeadRequestIsRedirectedButNotCounted() throws Exception {
		this.mvc.perform(head(UnsubscribeEndpointTests.path(this.links.click(this.message, 1))))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", STORED));
		assertThat(this.rows.events(this.message)).isEmpty();
	}

	@Test
	void payloadsInTheRequestNeverChangeWhereTheClickGoes() throws Exception {
		String click = UnsubscribeEndpointTests.path(this.links.click(this.message, 1));
		String token = click.substring(click.indexOf("?t=") + 3);
		String prefix = "/api/v1/remarketing/email/click/";
		for (String payload : PAYLOADS) {
			String encoded = URLEncoder.encode(payload, StandardCharsets.UTF_8);
			for (String parameter : new String[] { "url", "redirect", "next", "t" }) {
				assertGoesNowhereElse(get(click).param(parameter, payload), payload);
				assertGoesNowhereElse(get(URI.create(prefix + "1?" + parameter + "=" + encoded + "&t=" + token)), payload);
			}
			assertGoesNowhereElse(get(URI.create(prefix + encoded + "?t=" + token)), payload);
			assertGoesNowhereElse(get(URI.create(prefix + "1" + encoded + "?t=" + token)), payload);
			assertGoesNowhereElse(get(URI.create(prefix + "1?t=" + token + encoded)), payload);
		}
		assertThat(PAYLOADS).hasSizeGreaterThanOrEqualTo(25);
	}

	@Test
	void payloadsStoredAsALinksUrlAreNotFollowed() throws Exception {
		for (int i = 0; i < PAYLOADS.size(); i++) {
			int linkNo = i + 2;
			this.rows.link(this.message, linkNo, PAYLOADS.get(i));
			MockHttpServletResponse response = this.mvc
				.perform(get(UnsubscribeEndpointTests.path(this.links.click(this.message, linkNo))))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).as(PAYLOADS.get(i)).isEqualTo(404);
			assertThat(response.getHeader("Location")).as(PAYLOADS.get(i)).isNull();
		}
		assertThat(this.rows.events(this.message)).isEmpty();
	}

	@Test
	void anUnknownLinkIsAPlainNotFoundPage() throws Exception {
		this.mvc.perform(get(UnsubscribeEndpointTests.path(this.links.click(this.message, 7))))
			.andExpect(status().isNotFound())
			.andExpect(header().doesNotExist("Location"))
			.andExpect(content().string(containsString("Link not found")));
	}

	@Test
	void aLinkNumberThatIsNotANumberIsABadRequest() throws Exception {
		String click = UnsubscribeEndpointTests.path(this.links.click(this.message, 1));
		String query = click.substring(click.indexOf('?'));
		for (String linkNo : new String[] { "one", "-1", "1.0", "1e3", "99999999999", "0x1", "%20" }) {
			this.mvc.perform(get(URI.create("/api/v1/remarketing/email/click/" + linkNo + query)))
				.andExpect(status().isBadRequest())
				.andExpect(header().doesNotExist("Location"))
				.andExpect(content().string(containsString("whole number")));
		}
	}

	private void assertGoesNowhereElse(MockHttpServletRequestBuilder request, String payload) throws Exception {
		MockHttpServletResponse response = this.mvc.perform(request).andReturn().getResponse();
		String location = response.getHeader("Location");
		assertThat(location == null || location.equals(STORED)).as("%s led to %s", payload, location).isTrue();
		assertThat(response.getStatus()).as(payload).isIn(302, 400, 404);
	}

}
