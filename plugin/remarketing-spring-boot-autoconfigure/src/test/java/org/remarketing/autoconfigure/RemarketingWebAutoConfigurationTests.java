package org.remarketing.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.remarketing.core.journeys.BuiltInJourney;
import org.remarketing.core.journeys.JourneyResults;
import org.remarketing.core.journeys.MessageLog;
import org.remarketing.core.segments.CustomRules;
import org.remarketing.core.segments.SegmentQuery;
import org.remarketing.web.admin.AdminResources;
import org.remarketing.web.admin.AdminScreenController;
import org.remarketing.web.admin.HistoryImportController;
import org.remarketing.web.admin.StatusController;
import org.remarketing.web.journeys.JourneysController;
import org.remarketing.web.journeys.MessagesController;
import org.remarketing.web.segments.SegmentsController;

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
import org.springframework.http.MediaType;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class RemarketingWebAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, RemarketingAutoConfiguration.class,
				RemarketingWebAutoConfiguration.class, WebMvcAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
				JacksonAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + TestDatabases.newUrl());

	@Test
	void servletWebAppGetsTheAdminApiAndScreens() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(StatusController.class)
			.hasSingleBean(AdminScreenController.class)
			.hasSingleBean(AdminResources.class));
	}

	@Test
	void statusAnswersTheAgreedJson() {
		this.runner.run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			mvc.perform(get("/api/v1/private/remarketing/status"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.plugin.version").isNotEmpty())
				.andExpect(jsonPath("$.schema.version").value(RemarketingAutoConfigurationTests.LATEST))
				.andExpect(jsonPath("$.schema.vendor").value("h2"))
				.andExpect(jsonPath("$.schema.historyTable").value("rmk_schema_history"))
				.andExpect(jsonPath("$.events.captured").value(0))
				.andExpect(jsonPath("$.transport").value("in-process"))
				.andExpect(jsonPath("$.mail.configured").value(false));
		});
	}

	@Test
	void theHistoryImportAnswersItsStatusAndStartsOneRunAtATime() {
		StubHistoryImport historyImport = new StubHistoryImport();
		this.runner.withBean(StubHistoryImport.class, () -> historyImport).run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			mvc.perform(get("/api/v1/private/remarketing/import"))
				.andExpect(status().isOk())
				.andExpect(header().string("Cache-Control", "no-store"))
				.andExpect(jsonPath("$.state").value("idle"));
			mvc.perform(post("/api/v1/private/remarketing/import"))
				.andExpect(status().isAccepted())
				.andExpect(jsonPath("$.state").value("running"));
			mvc.perform(post("/api/v1/private/remarketing/import"))
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.message").value(containsString("already running")))
				.andExpect(jsonPath("$.import.state").value("running"))
				.andExpect(jsonPath("$.import.runs").value(1));
			historyImport.finish();
			mvc.perform(post("/api/v1/private/remarketing/import")).andExpect(status().isAccepted());
			mvc.perform(get("/api/v1/private/remarketing/import")).andExpect(jsonPath("$.runs").value(2));
		});
	}

	@Test
	void withoutAHistoryImportThereIsNoImportEndpoint() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(HistoryImportController.class));
	}

	@Test
	void screensAreServedWhateverTheHostsStaticLocations() {
		this.runner.withPropertyValues("spring.web.resources.add-mappings=false",
				"remarketing.admin.backoffice-url=https://backoffice.example/")
			.run((context) -> {
				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
				mvc.perform(get("/remarketing/admin/"))
					.andExpect(status().isOk())
					.andExpect(content().string(containsString("Sign in to the store's backoffice first")));
				mvc.perform(get("/remarketing/admin/admin.js")).andExpect(status().isOk());
				mvc.perform(get("/remarketing/admin/config.json"))
					.andExpect(jsonPath("$.backofficeUrl").value("https://backoffice.example/"));
			});
	}

	@Test
	void nonWebAppGetsNoWebBeans() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					RemarketingAutoConfiguration.class, RemarketingWebAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + TestDatabases.newUrl())
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(StatusController.class)
				.doesNotHaveBean(AdminResources.class));
	}

	@Test
	void disabledPluginHasNoWebBeans() {
		this.runner.withPropertyValues("remarketing.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(StatusController.class)
				.doesNotHaveBean(AdminScreenController.class));
	}

	@Test
	void backsOffFromTheUsersOwnStatusController() {
		this.runner.withBean("myStatusController", StatusController.class, () -> new StatusController(null))
			.run((context) -> assertThat(context).hasSingleBean(StatusController.class)
				.hasBean("myStatusController"));
	}

	@Test
	void theSegmentsApiAndTheRuleCompilerAreThereInWebApplications() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(SegmentsController.class).hasSingleBean(CustomRules.class);
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			mvc.perform(get("/api/v1/private/remarketing/segments"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.items[0].builtin").value(true));
			mvc.perform(post("/api/v1/private/remarketing/segments").contentType(MediaType.APPLICATION_JSON)
				.content("{\"code\":\"english\",\"name\":\"English\",\"rule\":{\"field\":\"language\",\"op\":\"eq\","
						+ "\"value\":\"en\"}}"))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.explanation").value("Language is en"))
				// the scheduler starts once the application is ready, which a context runner never is
				.andExpect(jsonPath("$.rebuildQueued").value(false));
			mvc.perform(post("/api/v1/private/remarketing/segments/preview").contentType(MediaType.APPLICATION_JSON)
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
			mvc.perform(post("/api/v1/private/remarketing/segments/preview").contentType(MediaType.APPLICATION_JSON)
				.content("{\"rule\":{\"anything\":\"the host understands\"}}"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.count").value(0));
		});
	}

	@Test
	void theMessageLogIsAlwaysThereAndJourneysWaitForTheirStore() {
		this.runner.withPropertyValues("remarketing.journeys.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(JourneyResults.class).hasSingleBean(MessageLog.class)
				.hasSingleBean(MessagesController.class).doesNotHaveBean(JourneysController.class);
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			mvc.perform(get("/api/v1/private/remarketing/messages"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.total").value(0))
				.andExpect(jsonPath("$.counts.SENT").value(0));
		});
	}

	@Test
	void withTheJourneysTheApiListsThemAndPreviewsAskTheEngine() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(JourneysController.class);
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			mvc.perform(get("/api/v1/private/remarketing/journeys"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.items.length()").value(BuiltInJourney.values().length))
				.andExpect(jsonPath("$.items[0].results.entrants").value(0));
			mvc.perform(get("/api/v1/private/remarketing/journeys/abandoned-cart/preview").param("step", "1")
				.param("contact", "1"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.field").value("contact"))
				.andExpect(jsonPath("$.message").value("No contact 1"));
		});
	}

	@Test
	void backsOffFromTheHostsOwnMessageLog() {
		this.runner.withBean("myMessageLog", MessageLog.class, () -> new MessageLog(new DriverManagerDataSource()))
			.run((context) -> assertThat(context).hasSingleBean(MessageLog.class).hasBean("myMessageLog"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRules {

		@Bean
		CustomRules hostsRules() {
			return (json, now) -> SegmentQuery.of("1 = 0", List.of());
		}

	}

}
