package org.remarketing.web.email;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remarketing.core.channels.email.MessageLinks;
import org.remarketing.core.schema.RemarketingSchema;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.web.SpringJUnitWebConfig;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The open pixel: what it answers, and which fetches count as a person's open. */
@SpringJUnitWebConfig(EmailLinksTestConfig.class)
class OpenPixelTests {

	private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0";

	private MockMvc mvc;

	private MessageLinks links;

	private EmailRows rows;

	@BeforeEach
	void setUp(WebApplicationContext context) {
		this.mvc = MockMvcBuilders.webAppContextSetup(context).build();
		this.links = context.getBean(MessageLinks.class);
		this.rows = new EmailRows(new JdbcTemplate(context.getBean(RemarketingSchema.class).dataSource()));
	}

	@Test
	void thePixelIsATransparentOneByOneGifThatNoOneCaches() throws Exception {
		byte[] gif = this.mvc.perform(get(pixel(sentAgo(Duration.ofHours(1)))).header("User-Agent", FIREFOX))
			.andExpect(status().isOk())
			.andExpect(content().contentType("image/gif"))
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(header().string("Referrer-Policy", "no-referrer"))
			.andExpect(header().string("X-Robots-Tag", "noindex, nofollow"))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(gif));
		assertThat(image.getWidth()).isEqualTo(1);
		assertThat(image.getHeight()).isEqualTo(1);
		assertThat(image.getRGB(0, 0) >>> 24).as("alpha").isZero();
	}

	@Test
	void aPersonsOpenSetsOpenedAt() throws Exception {
		long message = sentAgo(Duration.ofHours(1));
		this.mvc.perform(get(pixel(message)).header("User-Agent", FIREFOX)).andExpect(status().isOk());
		assertThat(this.rows.events(message)).containsExactly("OPEN");
		assertThat(this.rows.time(message, "opened_at")).isNotNull();
	}

	@Test
	void proxiesScannersPrefetchesAndHeadRequestsAreMachineOpens() throws Exception {
		long message = sentAgo(Duration.ofHours(1));
		this.mvc.perform(get(pixel(message)).header("User-Agent", "Mozilla/5.0")).andExpect(status().isOk());
		this.mvc.perform(get(pixel(message))
			.header("User-Agent", "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)"))
			.andExpect(status().isOk());
		this.mvc.perform(get(pixel(message)).header("User-Agent", "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy"))
			.andExpect(status().isOk());
		this.mvc.perform(get(pixel(message)).header("User-Agent", FIREFOX).header("Sec-Purpose", "prefetch"))
			.andExpect(status().isOk());
		this.mvc.perform(get(pixel(message)).header("User-Agent", FIREFOX).header("Purpose", "prefetch"))
			.andExpect(status().isOk());
		this.mvc.perform(head(pixel(message)).header("User-Agent", FIREFOX)).andExpect(status().isOk());
		this.mvc.perform(get(pixel(message))).andExpect(status().isOk());

		assertThat(this.rows.events(message)).hasSize(7).containsOnly("MACHINE_OPEN");
		assertThat(this.rows.time(message, "opened_at")).isNull();
	}

	@Test
	void aFetchSecondsAfterTheSendIsAScannersPrefetch() throws Exception {
		long message = sentAgo(Duration.ofSeconds(1));
		this.mvc.perform(get(pixel(message)).header("User-Agent", FIREFOX)).andExpect(status().isOk());
		assertThat(this.rows.events(message)).containsExactly("MACHINE_OPEN");
		assertThat(this.rows.time(message, "opened_at")).isNull();
	}

	private long sentAgo(Duration ago) {
		return this.rows.sentMessage("open-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", null, null,
				Instant.now().minus(ago));
	}

	private String pixel(long message) {
		return UnsubscribeEndpointTests.path(this.links.open(message));
	}

}
