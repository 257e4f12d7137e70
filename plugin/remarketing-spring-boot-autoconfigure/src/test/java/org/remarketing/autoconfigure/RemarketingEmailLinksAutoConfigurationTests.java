package org.remarketing.autoconfigure;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;
import org.remarketing.core.channels.email.CartRecoveries;
import org.remarketing.core.channels.email.ClickRedirects;
import org.remarketing.core.channels.email.LinkTokens;
import org.remarketing.core.channels.email.LinkTokens.Purpose;
import org.remarketing.core.channels.email.MessageLinks;
import org.remarketing.core.channels.email.OpenTracking;
import org.remarketing.core.channels.email.RecoveryTarget;
import org.remarketing.core.channels.email.Unsubscribes;
import org.remarketing.core.system.InstallSecrets;
import org.remarketing.web.email.CartRecoveryController;
import org.remarketing.web.email.CartRestorer;
import org.remarketing.web.email.ClickController;
import org.remarketing.web.email.OpenPixelController;
import org.remarketing.web.email.RedirectingCartRestorer;
import org.remarketing.web.email.UnsubscribeController;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class RemarketingEmailLinksAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, RemarketingAutoConfiguration.class,
				RemarketingWebAutoConfiguration.class, WebMvcAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
				JacksonAutoConfiguration.class));

	@Test
	void withTheStoresUrlEveryLinkAndEndpointIsThere() {
		this.runner.withPropertyValues("spring.datasource.url=" + TestDatabases.newUrl(),
				"remarketing.store.url=https://shop.example.com/")
			.run((context) -> {
				assertThat(context).hasSingleBean(LinkTokens.class)
					.hasSingleBean(MessageLinks.class)
					.hasSingleBean(Unsubscribes.class)
					.hasSingleBean(ClickRedirects.class)
					.hasSingleBean(OpenTracking.class)
					.hasSingleBean(CartRecoveries.class)
					.hasSingleBean(UnsubscribeController.class)
					.hasSingleBean(ClickController.class)
					.hasSingleBean(OpenPixelController.class)
					.hasSingleBean(CartRecoveryController.class)
					.hasSingleBean(RedirectingCartRestorer.class);
				assertThat(context.getBean(MessageLinks.class).unsubscribe(1))
					.startsWith("https://shop.example.com/api/v1/remarketing/email/unsubscribe?t=");
			});
	}

	@Test
	void linksAreSignedWithTheInstallsSecret() {
		this.runner.withPropertyValues("spring.datasource.url=" + TestDatabases.newUrl()).run((context) -> {
			String token = context.getBean(LinkTokens.class).sign(Purpose.CLICK, "42");
			LinkTokens fromSecret = new LinkTokens(context.getBean(InstallSecrets.class).secret());
			assertThat(fromSecret.verify(Purpose.CLICK, token)).contains("42");
		});
	}

	@Test
	void withoutTheStoresUrlLinksLeadToTheDefaultStorefront() {
		this.runner.withPropertyValues("spring.datasource.url=" + TestDatabases.newUrl()).run((context) -> {
			assertThat(context.getBean(MessageLinks.class).baseUrl()).isEqualTo("http://localhost:8080");
			assertThat(context).hasNotFailed()
				.hasSingleBean(MessageLinks.class)
				.hasSingleBean(ClickRedirects.class)
				.hasSingleBean(ClickController.class)
				.hasSingleBean(UnsubscribeController.class)
				.hasSingleBean(CartRecoveryController.class);
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			mvc.perform(get("/api/v1/remarketing/email/unsubscribe"))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("The link has no token.")));
		});
	}

	@Test
	void aOneClickPostThroughTheWiredEndpointsUnsubscribes() {
		String url = TestDatabases.newUrl();
		this.runner.withPropertyValues("spring.datasource.url=" + url, "remarketing.store.url=https://shop.example.com")
			.run((context) -> {
				long message = sentMessage(TestDatabases.jdbc(url), "one-click@example.com");
				String link = context.getBean(MessageLinks.class).unsubscribe(message);
				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
				mvc.perform(post(link.substring("https://shop.example.com".length()))
					.contentType(MediaType.APPLICATION_FORM_URLENCODED)
					.content("List-Unsubscribe=One-Click"))
					.andExpect(status().isOk())
					.andExpect(content().string(containsString("You are unsubscribed")));
				assertThat(TestDatabases.jdbc(url).queryForObject("SELECT scope FROM rmk_suppression WHERE email = ?",
						String.class, "one-click@example.com")).isEqualTo("ALL");
			});
	}

	@Test
	void theDefaultRestorerRedirectsToTheConfiguredCartPage() {
		String url = TestDatabases.newUrl();
		this.runner.withPropertyValues("spring.datasource.url=" + url, "remarketing.store.url=https://shop.example.com/",
				"remarketing.store.cart-path=/basket/{cartCode}")
			.run((context) -> {
				long message = sentMessage(TestDatabases.jdbc(url), "cart@example.com");
				String link = context.getBean(MessageLinks.class).recovery(message, Instant.now().plusSeconds(3600));
				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
				mvc.perform(get(link.substring("https://shop.example.com".length())))
					.andExpect(status().isFound())
					.andExpect(header().string("Location", "https://shop.example.com/basket/c0ffee"))
					.andExpect(header().doesNotExist("Set-Cookie"));
			});
	}

	@Test
	void backsOffFromTheStoresOwnRestorerAndTokens() {
		this.runner.withPropertyValues("spring.datasource.url=" + TestDatabases.newUrl())
			.withUserConfiguration(OwnBeans.class)
			.run((context) -> assertThat(context).hasSingleBean(CartRestorer.class)
				.hasBean("storeCartRestorer")
				.doesNotHaveBean(RedirectingCartRestorer.class)
				.hasSingleBean(LinkTokens.class)
				.hasBean("storeLinkTokens"));
	}

	@Test
	void aStoreUrlThatIsNotAbsoluteFailsWithASentence() {
		this.runner.withPropertyValues("spring.datasource.url=" + TestDatabases.newUrl(),
				"remarketing.store.url=shop.example.com")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("remarketing.store.url"));
	}

	@Test
	void aCartPathThatCouldLeaveTheStoreFailsWithASentence() {
		this.runner.withPropertyValues("spring.datasource.url=" + TestDatabases.newUrl(),
				"remarketing.store.cart-path=//evil.example/cart")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("remarketing.store.cart-path must be a path starting with a single /"));
	}

	@Test
	void disabledPluginHasNoEmailLinks() {
		this.runner.withPropertyValues("spring.datasource.url=" + TestDatabases.newUrl(), "remarketing.enabled=false",
				"remarketing.store.url=https://shop.example.com")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LinkTokens.class)
				.doesNotHaveBean(UnsubscribeController.class));
	}

	private static long sentMessage(JdbcTemplate jdbc, String email) {
		LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
		jdbc.update("INSERT INTO rmk_contact (id, created_at, updated_at, email) VALUES (7, ?, ?, ?)", now, now, email);
		jdbc.update("INSERT INTO rmk_journey (id, code, name, builtin, enabled, purpose, steps_json, holdout_percent,"
				+ " goal_hours, reentry_days, exit_on_leave, created_at, updated_at) VALUES (80, 'cart', 'Cart', TRUE, TRUE,"
				+ " 'REMINDER', '[]', 0, 72, 30, TRUE, ?, ?)", now, now);
		jdbc.update("INSERT INTO rmk_journey_run (id, journey_id, contact_id, entry_key, state, holdout, cart_code, entered_at)"
				+ " VALUES (9, 80, 7, 'k', 'ACTIVE', FALSE, 'c0ffee', ?)", now);
		jdbc.update("INSERT INTO rmk_message (id, run_id, journey_id, contact_id, step_no, channel, template, send_key, state,"
				+ " due_at, sent_at, recipient, created_at, updated_at) VALUES (10, 9, 80, 7, 1, 'EMAIL', 'cart', 'k1', 'SENT',"
				+ " ?, ?, ?, ?, ?)", now, now, email, now, now);
		return 10;
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBeans {

		@Bean
		CartRestorer storeCartRestorer() {
			return (RecoveryTarget target, HttpServletRequest request, HttpServletResponse response) -> response
				.sendRedirect("/my-cart");
		}

		@Bean
		LinkTokens storeLinkTokens() {
			return new LinkTokens(new byte[32]);
		}

	}

}
