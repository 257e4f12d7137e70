package org.remarketing.web.admin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remarketing.core.system.StatusContributor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.test.context.junit.jupiter.web.SpringJUnitWebConfig;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringJUnitWebConfig(AdminScreensTests.Config.class)
class AdminScreensTests {

	private MockMvc mvc;

	@BeforeEach
	void setUp(WebApplicationContext context) {
		this.mvc = MockMvcBuilders.webAppContextSetup(context).build();
	}

	@Test
	void adminRootRedirectsToTheScreenKeepingTheContextPath() throws Exception {
		this.mvc.perform(get("/remarketing/admin"))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", "admin/"));
	}

	@Test
	void screenIsServedWithAStrictContentSecurityPolicy() throws Exception {
		this.mvc.perform(get("/remarketing/admin/"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/html"))
			.andExpect(content().string(containsString("<title>Remarketing · Status</title>")))
			.andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
			.andExpect(header().string("Cache-Control", "no-cache"));
	}

	@Test
	void screenFilesComeFromThePluginJar() throws Exception {
		this.mvc.perform(get("/remarketing/admin/admin.js"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("localStorage.getItem('token')")))
			.andExpect(header().string("Cache-Control", "no-cache"));
		this.mvc.perform(get("/remarketing/admin/admin.css")).andExpect(status().isOk());
	}

	@Test
	void screenInsertsServerDataAsTextOnly() throws IOException {
		for (String file : List.of("admin.js", "index.html")) {
			try (InputStream in = getClass().getClassLoader().getResourceAsStream("remarketing/web/admin/" + file)) {
				assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).as(file)
					.doesNotContain("innerHTML")
					.doesNotContain("outerHTML")
					.doesNotContain("insertAdjacentHTML")
					.doesNotContain("document.write")
					.doesNotContain("http://")
					.doesNotContain("https://");
			}
		}
	}

	@Test
	void hiddenStatesStayHiddenWhateverTheirDisplayRule() throws IOException {
		// The screen switches states with the hidden attribute; .cards (grid) and .button would show anyway.
		try (InputStream in = getClass().getClassLoader().getResourceAsStream("remarketing/web/admin/admin.css")) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
				.contains("[hidden] { display: none !important; }");
		}
	}

	@Test
	void menuEntryIsPublicCacheableAndReadableFromTheBackofficesOrigin() throws Exception {
		this.mvc.perform(get("/remarketing/admin/menu.json").header("Origin", "http://localhost:4200"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.label").value("Remarketing"))
			.andExpect(jsonPath("$.href").value("/remarketing/admin/"))
			.andExpect(jsonPath("$.icon").isNotEmpty())
			.andExpect(header().string("Cache-Control", "max-age=300"))
			.andExpect(header().string("Access-Control-Allow-Origin", "*"));
	}

	@Test
	void menuEntryKeepsTheStoresContextPath() throws Exception {
		this.mvc.perform(get("/shop/remarketing/admin/menu.json").contextPath("/shop"))
			.andExpect(jsonPath("$.href").value("/shop/remarketing/admin/"));
	}

	@Test
	void configTellsTheScreenWhereTheBackofficeSignsIn() throws Exception {
		this.mvc.perform(get("/remarketing/admin/config.json"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.backofficeUrl").value("https://backoffice.example/"))
			.andExpect(jsonPath("$.statusUrl").value("/api/v1/private/remarketing/status"));
	}

	@Test
	void statusJoinsTheContributorsInOrderAndIsNeverCached() throws Exception {
		this.mvc.perform(get("/api/v1/private/remarketing/status"))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(content().json("{\"plugin\":{\"version\":\"1.2.3\"},\"transport\":\"in-process\"}", true))
			.andExpect(content().string(containsString("{\"plugin\":")));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	static class Config {

		@Bean
		@Order(2)
		StatusContributor transport() {
			return (status) -> status.put("transport", "in-process");
		}

		@Bean
		@Order(1)
		StatusContributor plugin() {
			return (status) -> status.put("plugin", Map.of("version", "1.2.3"));
		}

		@Bean
		StatusController statusController(ObjectProvider<StatusContributor> contributors) {
			return new StatusController(contributors);
		}

		@Bean
		AdminScreenController adminScreenController() {
			return new AdminScreenController("https://backoffice.example/");
		}

		@Bean
		AdminResources adminResources() {
			return new AdminResources();
		}

	}

}
