package org.remarketing.web.email;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remarketing.core.channels.email.MessageLinks;
import org.remarketing.core.schema.RemarketingSchema;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.junit.jupiter.web.SpringJUnitWebConfig;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Cart recovery links: a valid one restores the cart and signs no one in; an expired one says so. */
@SpringJUnitWebConfig(EmailLinksTestConfig.class)
class CartRecoveryEndpointTests {

	private static final String CART = "0123456789abcdef0123456789abcdef";

	private MockMvc mvc;

	private MessageLinks links;

	private EmailRows rows;

	private RecordingCartRestorer restorer;

	private long message;

	@BeforeEach
	void setUp(WebApplicationContext context) {
		this.mvc = MockMvcBuilders.webAppContextSetup(context).build();
		this.links = context.getBean(MessageLinks.class);
		this.restorer = context.getBean(RecordingCartRestorer.class);
		this.rows = new EmailRows(new JdbcTemplate(context.getBean(RemarketingSchema.class).dataSource()));
		this.message = this.rows.sentMessage("cart-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", CART,
				"[{\"productId\":7,\"sku\":\"MUG\",\"quantity\":2}]", Instant.now().minus(Duration.ofHours(3)));
	}

	@Test
	void aValidLinkRestoresTheCartAndSignsNoOneIn() throws Exception {
		MvcResult result = this.mvc.perform(get(recovery(Instant.now().plus(Duration.ofDays(3)))))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", "https://shop.example.com/cart?code=" + CART))
			.andExpect(header().string("Referrer-Policy", "no-referrer"))
			.andExpect(header().string("Cache-Control", "no-store"))
			.andReturn();

		MockHttpServletResponse response = result.getResponse();
		assertThat(response.getHeaders("Set-Cookie")).as("no cookie of any kind").isEmpty();
		assertThat(response.getCookies()).isEmpty();
		assertThat(result.getRequest().getSession(false)).as("no session").isNull();
		assertThat(response.getHeader("Authorization")).isNull();
		assertThat(this.restorer.restored).anySatisfy((target) -> {
			assertThat(target.messageId()).isEqualTo(this.message);
			assertThat(target.cartCode()).contains(CART);
			assertThat(target.lines()).extracting(Object::toString).containsExactly("2 x MUG");
		});
		assertThat(this.rows.events(this.message)).containsExactly("RECOVERY");
	}

	@Test
	void anExpiredLinkIsAPlainPageThatLinksToTheStore() throws Exception {
		this.mvc.perform(get(recovery(Instant.now().minusSeconds(1))).header("Accept-Language", "vi-VN,vi;q=0.9,en;q=0.5"))
			.andExpect(status().isGone())
			.andExpect(header().doesNotExist("Location"))
			.andExpect(header().doesNotExist("Set-Cookie"))
			.andExpect(header().string("X-Robots-Tag", containsString("noindex")))
			.andExpect(content().string(containsString("Liên kết đã hết hạn")))
			.andExpect(content().string(containsString("href=\"https://shop.example.com\"")));
		assertThat(this.restorer.restored).noneMatch((target) -> target.messageId() == this.message);
		assertThat(this.rows.events(this.message)).isEmpty();
	}

	@Test
	void aLinkCheckersHeadRequestRestoresAndRecordsNothing() throws Exception {
		this.mvc.perform(head(recovery(Instant.now().plus(Duration.ofDays(3))))).andExpect(status().isNoContent());
		assertThat(this.restorer.restored).noneMatch((target) -> target.messageId() == this.message);
		assertThat(this.rows.events(this.message)).isEmpty();
	}

	@Test
	void aLinkWhoseMessageIsGoneIsNotFound() throws Exception {
		this.mvc.perform(get(UnsubscribeEndpointTests.path(this.links.recovery(this.message + 100_000,
				Instant.now().plus(Duration.ofDays(1))))))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("Link not found")));
	}

	private String recovery(Instant expires) {
		return UnsubscribeEndpointTests.path(this.links.recovery(this.message, expires));
	}

}
