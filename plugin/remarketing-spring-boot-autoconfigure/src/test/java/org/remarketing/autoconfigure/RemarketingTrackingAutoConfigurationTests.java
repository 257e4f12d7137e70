package org.remarketing.autoconfigure;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.remarketing.core.tracking.GroupCommitOutbox;
import org.remarketing.core.tracking.Outbox;
import org.remarketing.core.tracking.ShopperContext;
import org.remarketing.core.tracking.TrackedEvent;
import org.remarketing.web.tracking.ShopperContextFilter;
import org.remarketing.web.tracking.TrackerScriptController;
import org.remarketing.web.tracking.TrackingController;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class RemarketingTrackingAutoConfigurationTests {

	private static final String PAGE_VIEW = "{\"type\":\"page_view\",\"url\":\"https://shop.example/\"}";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, RemarketingAutoConfiguration.class,
				RemarketingWebAutoConfiguration.class, WebMvcAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
				JacksonAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + TestDatabases.newUrl());

	private final WebApplicationContextRunner withOutbox = this.runner.withBean(Outbox.class, RecordingOutbox::new);

	@Test
	void storefrontGetsTheScriptTheEndpointAndTheVisitorFilter() {
		this.withOutbox.withPropertyValues("spring.web.resources.add-mappings=false").run((context) -> {
			assertThat(context).hasSingleBean(TrackingController.class)
				.hasSingleBean(TrackerScriptController.class)
				.hasSingleBean(ShopperContext.class)
				.hasBean("remarketingShopperContextFilter");
			FilterRegistrationBean<?> filter = context.getBean("remarketingShopperContextFilter",
					FilterRegistrationBean.class);
			assertThat(filter.getFilter()).isInstanceOf(ShopperContextFilter.class);
			assertThat(filter.getOrder()).isLessThan(-100);

			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			mvc.perform(get("/remarketing/tracker.js")).andExpect(status().isOk());
			mvc.perform(post("/api/v1/remarketing/events").contentType(MediaType.TEXT_PLAIN).content(PAGE_VIEW))
				.andExpect(status().isAccepted())
				.andExpect(header().string("Set-Cookie", org.hamcrest.Matchers.startsWith("rmk_vid=")));
			assertThat(context.getBean(RecordingOutbox.class).events).hasSize(1);
		});
	}

	@Test
	void byDefaultBrowserEventsGoToThePluginsOwnOutboxThroughAGroupCommit() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(TrackingController.class).hasSingleBean(Outbox.class);
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			mvc.perform(post("/api/v1/remarketing/events").contentType(MediaType.TEXT_PLAIN).content(PAGE_VIEW))
				.andExpect(status().isAccepted());
			// answered once committed by a writer, not by the request's own commit
			assertThat(context.getBean(GroupCommitOutbox.class).committedEvents()).isEqualTo(1);
		});
	}

	@Test
	void oneShopperContextServesTheFilterAndTheStoresHooks() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ShopperContext.class));
	}

	@Test
	void consentRequiredReachesTheEndpoint() {
		this.withOutbox.withPropertyValues("remarketing.tracking.consent-required=true").run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			mvc.perform(post("/api/v1/remarketing/events").contentType(MediaType.APPLICATION_JSON).content(PAGE_VIEW))
				.andExpect(status().isNoContent())
				.andExpect(header().doesNotExist("Set-Cookie"));
			assertThat(context.getBean(RecordingOutbox.class).events).isEmpty();
		});
	}

	@Test
	void rateLimitsComeFromProperties() {
		this.withOutbox.withPropertyValues("remarketing.tracking.rate-limit.per-ip=1").run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			mvc.perform(post("/api/v1/remarketing/events").contentType(MediaType.APPLICATION_JSON).content(PAGE_VIEW))
				.andExpect(status().isAccepted());
			mvc.perform(post("/api/v1/remarketing/events").contentType(MediaType.APPLICATION_JSON).content(PAGE_VIEW))
				.andExpect(status().isTooManyRequests())
				.andExpect(header().exists("Retry-After"));
		});
	}

	@Test
	void aZeroRateLimitFailsAtStartSayingWhatToDo() {
		this.withOutbox.withPropertyValues("remarketing.tracking.rate-limit.per-visitor=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("remarketing.tracking.rate-limit.enabled=false"));
	}

	@Test
	void trackingCanBeSwitchedOff() {
		this.withOutbox.withPropertyValues("remarketing.tracking.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(TrackingController.class)
				.doesNotHaveBean(TrackerScriptController.class)
				.doesNotHaveBean("remarketingShopperContextFilter"));
	}

	@Test
	void aShopperContextDeclaredElsewhereIsTheOneUsed() {
		ShopperContext mine = new ShopperContext();
		this.withOutbox.withBean("outboxShopperContext", ShopperContext.class, () -> mine)
			.run((context) -> assertThat(context).hasSingleBean(ShopperContext.class)
				.getBean(ShopperContext.class)
				.isSameAs(mine));
	}

	@Test
	void disabledPluginHasNoTracking() {
		this.withOutbox.withPropertyValues("remarketing.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(TrackingController.class)
				.doesNotHaveBean(TrackerScriptController.class)
				.doesNotHaveBean(ShopperContext.class));
	}

	static class RecordingOutbox implements Outbox {

		final List<TrackedEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void append(Connection connection, List<TrackedEvent> events) {
			this.events.addAll(events);
		}

		@Override
		public void append(List<TrackedEvent> events) {
			this.events.addAll(events);
		}

	}

}
