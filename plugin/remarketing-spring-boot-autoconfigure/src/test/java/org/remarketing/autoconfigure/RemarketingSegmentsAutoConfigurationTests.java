package org.remarketing.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.remarketing.core.segments.CustomRules;
import org.remarketing.core.segments.SegmentQuery;
import org.remarketing.web.segments.SegmentsController;

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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class RemarketingSegmentsAutoConfigurationTests {

	private static final String SEGMENTS = "/api/v1/private/remarketing/segments";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, RemarketingAutoConfiguration.class,
				RemarketingWebAutoConfiguration.class, WebMvcAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
				JacksonAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + TestDatabases.newUrl());

	@Test
	void theSegmentsApiAndTheRuleCompilerAreThereInWebApplications() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(SegmentsController.class).hasSingleBean(CustomRules.class);
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			mvc.perform(get(SEGMENTS)).andExpect(status().isOk()).andExpect(jsonPath("$.items[0].builtin").value(true));
			mvc.perform(post(SEGMENTS).contentType(MediaType.APPLICATION_JSON)
				.content("{\"code\":\"english\",\"name\":\"English\",\"rule\":{\"field\":\"language\",\"op\":\"eq\","
						+ "\"value\":\"en\"}}"))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.explanation").value("Language is en"))
				// the scheduler starts once the application is ready, which a context runner never is
				.andExpect(jsonPath("$.rebuildQueued").value(false));
			mvc.perform(post(SEGMENTS + "/preview").contentType(MediaType.APPLICATION_JSON)
				.content("{\"rule\":{\"field\":\"language\",\"op\":\"between\",\"value\":\"en\"}}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.message").value("op: 'between' is not an operator of language (use eq, ne, in, not_in)"));
		});
	}

	@Test
	void aHostsOwnRulesCompilerIsUsedInstead() {
		this.runner.withUserConfiguration(OwnRules.class).run((context) -> {
			assertThat(context).hasSingleBean(CustomRules.class);
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			mvc.perform(post(SEGMENTS + "/preview").contentType(MediaType.APPLICATION_JSON)
				.content("{\"rule\":{\"anything\":\"the host understands\"}}"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.count").value(0));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRules {

		@Bean
		CustomRules hostsRules() {
			return (json, now) -> SegmentQuery.of("1 = 0", List.of());
		}

	}

}
