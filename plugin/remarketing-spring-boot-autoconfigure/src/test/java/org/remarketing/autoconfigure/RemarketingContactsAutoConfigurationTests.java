package org.remarketing.autoconfigure;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.remarketing.core.contacts.ContactDetails;
import org.remarketing.core.contacts.ContactEraser;
import org.remarketing.core.contacts.ContactEventProcessor;
import org.remarketing.core.contacts.ContactSearch;
import org.remarketing.core.contacts.GdprExport;
import org.remarketing.core.tracking.EventProcessor;
import org.remarketing.core.tracking.EventSource;
import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;
import org.remarketing.web.contacts.ContactsController;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class RemarketingContactsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, RemarketingAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + TestDatabases.newUrl());

	@Test
	void eventsAreProcessedIntoContactsByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(EventProcessor.class)
				.hasSingleBean(ContactSearch.class)
				.hasSingleBean(ContactDetails.class)
				.hasSingleBean(GdprExport.class)
				.hasSingleBean(ContactEraser.class);
			assertThat(context.getBean(EventProcessor.class)).isInstanceOf(ContactEventProcessor.class);
			context.getBean(EventProcessor.class).process(List.of(TrackedEvent.builder(EventType.PAGE_VIEW,
					EventSource.BROWSER).shopper(ShopperIds.of("v1", null, null, false)).occurredAt(Instant.now()).build()));
			assertThat(context.getBean(ContactSearch.class).search("v1", 0, 10).getTotal()).isEqualTo(1);
		});
	}

	@Test
	void winsOverAFallbackProcessorThatBacksOffWhenOneExists() {
		this.runner.withUserConfiguration(FallbackAfterContacts.class)
			.run((context) -> assertThat(context).hasSingleBean(EventProcessor.class)
				.getBean(EventProcessor.class)
				.isInstanceOf(ContactEventProcessor.class));
	}

	@Test
	void backsOffFromTheHostsOwnProcessor() {
		this.runner.withUserConfiguration(OwnProcessor.class)
			.run((context) -> assertThat(context).hasSingleBean(EventProcessor.class)
				.doesNotHaveBean(ContactEventProcessor.class)
				.hasSingleBean(ContactSearch.class));
	}

	@Test
	void adminApiIsThereInWebApplications() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					RemarketingAutoConfiguration.class, RemarketingWebAutoConfiguration.class,
					WebMvcAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
					HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + TestDatabases.newUrl())
			.run((context) -> {
				assertThat(context).hasSingleBean(ContactsController.class);
				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
				mvc.perform(get("/api/v1/private/remarketing/contacts"))
					.andExpect(status().isOk())
					.andExpect(jsonPath("$.total").value(0));
				mvc.perform(get("/api/v1/private/remarketing/contacts/1")).andExpect(status().isNotFound());
			});
	}

	@Test
	void nothingWhenThePluginIsOff() {
		this.runner.withPropertyValues("remarketing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EventProcessor.class)
				.doesNotHaveBean(ContactSearch.class));
	}

	/** Stands for the outbox's fallback: declared with @ConditionalOnMissingBean after the contacts configuration. */
	@Configuration(proxyBeanMethods = false)
	@Import(RemarketingContactsConfiguration.class)
	static class FallbackAfterContacts {

		@Bean
		@org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean(EventProcessor.class)
		EventProcessor fallbackEventProcessor() {
			return (events) -> {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnProcessor {

		@Bean
		EventProcessor hostsProcessor() {
			return (events) -> {
			};
		}

	}

}
