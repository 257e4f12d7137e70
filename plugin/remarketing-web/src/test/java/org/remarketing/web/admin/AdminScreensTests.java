package org.remarketing.web.admin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import static org.hamcrest.Matchers.not;
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
	void screenAndItsFilesAreServedWithTheStrictContentSecurityPolicy() throws Exception {
		for (String path : List.of("/remarketing/admin/", "/remarketing/admin/admin.js", "/remarketing/admin/admin.css")) {
			this.mvc.perform(get(path))
				.andExpect(status().isOk())
				.andExpect(header().string("Content-Security-Policy", containsString("default-src 'none'")))
				.andExpect(header().string("Content-Security-Policy", containsString("script-src 'self';")))
				// inline styles only, for the messages' HTML in sandboxed frames; never inline or evaluated script
				.andExpect(header().string("Content-Security-Policy", containsString("style-src 'self' 'unsafe-inline';")))
				.andExpect(header().string("Content-Security-Policy", containsString("img-src 'self' data:;")))
				.andExpect(header().string("Content-Security-Policy", not(containsString("unsafe-eval"))))
				.andExpect(header().string("Content-Security-Policy", not(containsString("unsafe-hashes"))))
				.andExpect(header().string("Content-Security-Policy", not(containsString("script-src 'self' 'unsafe"))))
				.andExpect(header().string("X-Content-Type-Options", "nosniff"));
		}
		this.mvc.perform(get("/remarketing/admin/admin.js"))
			.andExpect(content().contentTypeCompatibleWith("application/javascript"));
	}

	@Test
	void screenHasAStatusAndAContactsViewUnderOneNavigation() throws Exception {
		this.mvc.perform(get("/remarketing/admin/"))
			.andExpect(content().string(containsString("href=\"#/status\"")))
			.andExpect(content().string(containsString("href=\"#/contacts\"")))
			.andExpect(content().string(containsString("id=\"contacts-q\"")))
			.andExpect(content().string(containsString("maxlength=\"100\"")))
			.andExpect(content().string(containsString("id=\"timeline\"")))
			.andExpect(content().string(containsString("id=\"erase-dialog\"")));
	}

	@Test
	void screenHasASegmentsViewWithItsFormsAndATemplateForSparklines() throws Exception {
		this.mvc.perform(get("/remarketing/admin/"))
			.andExpect(content().string(containsString("href=\"#/segments\"")))
			.andExpect(content().string(containsString("id=\"segments-rows\"")))
			.andExpect(content().string(containsString("id=\"new-segment-rule\"")))
			.andExpect(content().string(containsString("id=\"segment-export-progress\"")))
			.andExpect(content().string(containsString("<template id=\"sparkline-template\">")));
		// the sparkline is cloned from the page, so the script needs no namespace URL
		assertThat(asset("admin.js")).contains("byId('sparkline-template')").doesNotContain("createElementNS");
	}

	@Test
	void screenInsertsServerDataAsTextOnly() throws IOException {
		for (String file : List.of("admin.js", "index.html")) {
			assertThat(asset(file)).as(file)
				.doesNotContain("innerHTML")
				.doesNotContain("outerHTML")
				.doesNotContain("insertAdjacentHTML")
				.doesNotContain("createContextualFragment")
				.doesNotContain("DOMParser")
				.doesNotContain("document.write")
				.doesNotContain("eval(")
				.doesNotContain("new Function")
				.doesNotContain("http://")
				.doesNotContain("https://");
		}
	}

	@Test
	void messagesAreShownOnlyInFramesSandboxedToRunNothing() throws IOException {
		String html = asset("index.html");
		// every frame on the page has an empty sandbox: no scripts, no same origin, no forms, no top navigation
		Matcher frames = Pattern.compile("<iframe[^>]*>").matcher(html);
		int count = 0;
		while (frames.find()) {
			assertThat(frames.group()).contains(" sandbox=\"\"").doesNotContain("allow-").doesNotContain("src=");
			count++;
		}
		assertThat(count).as("the journey preview and the message").isEqualTo(2);
		String script = asset("admin.js");
		assertThat(script).doesNotContain("allow-scripts").doesNotContain("allow-same-origin")
			.doesNotContainPattern("setAttribute\\(\\s*['\"]sandbox").doesNotContainPattern("removeAttribute\\(\\s*['\"]sandbox");
		// srcdoc is written in one place, which refuses a frame whose sandbox allows anything
		Matcher srcdoc = Pattern.compile("srcdoc").matcher(script);
		int writes = 0;
		while (srcdoc.find()) {
			writes++;
		}
		assertThat(writes).isEqualTo(1);
		int at = script.indexOf("frame.srcdoc = String(html);");
		int guard = script.indexOf("if (frame.getAttribute('sandbox') !== '') {");
		assertThat(guard).isPositive().isLessThan(at);
		assertThat(script.substring(guard, at)).contains("throw new Error");
	}

	@Test
	void screenHasAJourneysAndAMessagesView() throws Exception {
		this.mvc.perform(get("/remarketing/admin/"))
			.andExpect(content().string(containsString("href=\"#/journeys\"")))
			.andExpect(content().string(containsString("href=\"#/messages\"")))
			.andExpect(content().string(containsString("id=\"journey-funnel\"")))
			.andExpect(content().string(containsString("id=\"lift-summary\"")))
			.andExpect(content().string(containsString("id=\"journey-steps\"")))
			.andExpect(content().string(containsString("id=\"messages-filters\"")))
			.andExpect(content().string(containsString("id=\"message-frame\"")));
	}

	@Test
	void scriptNeverSetsEventHandlersOrStylesFromStrings() throws IOException {
		String script = asset("admin.js");
		assertThat(script)
			// setAttribute only on attributes that cannot run code, with href values checked first
			.doesNotContainPattern("setAttribute\\(\\s*['\"](on|style|src|srcset|action|formaction)")
			.doesNotContainPattern("\\.setAttribute\\(\\s*[a-zA-Z_]")
			// timers take functions, never code as text
			.doesNotContainPattern("set(Timeout|Interval)\\(\\s*['\"]")
			.doesNotContain("cssText");
		// links built from data are clickable only for http(s), and never tell the destination where they came from
		assertThat(script).contains("url.protocol !== 'http:' && url.protocol !== 'https:'")
			.contains("setAttribute('rel', 'noopener noreferrer')");
	}

	@Test
	void pageHasNoInlineScriptsStylesOrHandlers() throws IOException {
		String html = asset("index.html");
		assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)")
			.doesNotContainPattern("<style")
			.doesNotContainPattern("\\sstyle=")
			.doesNotContainPattern("\\son[a-z]+=")
			.doesNotContain("javascript:");
		assertThat(asset("admin.css")).doesNotContain("expression(").doesNotContain("@import").doesNotContain("url(http");
	}

	private String asset(String file) throws IOException {
		try (InputStream in = getClass().getClassLoader().getResourceAsStream("remarketing/web/admin/" + file)) {
			assertThat(in).as(file).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
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
