package org.remarketing.web.email;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import javax.sql.DataSource;

import org.remarketing.core.channels.email.CartRecoveries;
import org.remarketing.core.channels.email.ClickRedirects;
import org.remarketing.core.channels.email.LinkTokens;
import org.remarketing.core.channels.email.MachineOpens;
import org.remarketing.core.channels.email.MessageLinks;
import org.remarketing.core.channels.email.OpenTracking;
import org.remarketing.core.channels.email.StoreOrigin;
import org.remarketing.core.channels.email.Unsubscribes;
import org.remarketing.core.schema.RemarketingSchema;
import org.remarketing.web.WebTests;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * The email endpoints wired as the auto-configuration wires them, on an H2 schema of their own;
 * the store is called {@code <b>Bếp</b> & Co} so that every page shows whether it escapes.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebMvc
class EmailLinksTestConfig {

	static final String STORE_URL = "https://shop.example.com";

	static final String STORE_NAME = "<b>Bếp</b> & Co";

	@Bean
	RemarketingSchema schema() {
		return WebTests.migratedSchema("email-links");
	}

	@Bean
	LinkTokens linkTokens() {
		return new LinkTokens("test secret of at least thirty-two bytes".getBytes(StandardCharsets.US_ASCII));
	}

	@Bean
	MessageLinks messageLinks(LinkTokens tokens) {
		return new MessageLinks(STORE_URL, tokens);
	}

	@Bean
	LinkPages linkPages() {
		return new LinkPages(() -> STORE_NAME, STORE_URL);
	}

	@Bean
	RecordingCartRestorer cartRestorer() {
		return new RecordingCartRestorer(new RedirectingCartRestorer(STORE_URL, "/cart?code={cartCode}"));
	}

	@Bean
	UnsubscribeController unsubscribeController(RemarketingSchema schema, LinkTokens tokens, LinkPages pages) {
		return new UnsubscribeController(new Unsubscribes(schema.dataSource(), Clock.systemUTC()), tokens, pages);
	}

	@Bean
	ClickController clickController(RemarketingSchema schema, LinkTokens tokens, LinkPages pages) {
		return new ClickController(new ClickRedirects(schema.dataSource(), new StoreOrigin(STORE_URL), Clock.systemUTC()),
				tokens, pages);
	}

	@Bean
	OpenPixelController openPixelController(RemarketingSchema schema, LinkTokens tokens, LinkPages pages) {
		return new OpenPixelController(new OpenTracking(schema.dataSource(), new MachineOpens()), tokens, pages,
				Clock.systemUTC());
	}

	@Bean
	CartRecoveryController cartRecoveryController(RemarketingSchema schema, LinkTokens tokens, LinkPages pages,
			RecordingCartRestorer restorer) {
		DataSource dataSource = schema.dataSource();
		return new CartRecoveryController(new CartRecoveries(dataSource, tokens, Clock.systemUTC()), restorer, pages);
	}

}
