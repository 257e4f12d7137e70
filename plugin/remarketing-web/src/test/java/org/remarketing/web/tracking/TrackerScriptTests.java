package org.remarketing.web.tracking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class TrackerScriptTests {

	private final TrackerScriptController controller = new TrackerScriptController();

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(this.controller).build();

	private static byte[] script() throws IOException {
		try (InputStream in = TrackerScriptTests.class.getClassLoader()
			.getResourceAsStream(TrackerScriptController.LOCATION)) {
			return in.readAllBytes();
		}
	}

	@Test
	void staysUnderTenKilobytesGzipped() throws IOException {
		ByteArrayOutputStream zipped = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
			gzip.write(script());
		}
		assertThat(zipped.size()).isLessThanOrEqualTo(10 * 1024);
	}

	@Test
	void isServedAsJavaScriptWithAnHourOfCacheAndAnEtag() throws Exception {
		this.mvc.perform(get("/remarketing/tracker.js"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/javascript"))
			.andExpect(content().string(containsString("navigator")))
			.andExpect(header().string("Cache-Control", "max-age=3600, public"))
			.andExpect(header().string("ETag", "\"" + this.controller.version() + "\""))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"));
	}

	@Test
	void theCurrentVersionIsCachedForAYear() throws Exception {
		assertThat(this.controller.versionedPath()).matches("/remarketing/tracker\\.js\\?v=[0-9a-f]{12}");
		this.mvc.perform(get(this.controller.versionedPath()))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "max-age=31536000, public, immutable"));
		// an old version's URL still gets the script, cached briefly
		this.mvc.perform(get("/remarketing/tracker.js?v=000000000000"))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "max-age=3600, public"));
	}

	@Test
	void unchangedScriptIsNotSentAgain() throws Exception {
		this.mvc.perform(get("/remarketing/tracker.js").header("If-None-Match", "\"" + this.controller.version() + "\""))
			.andExpect(status().isNotModified());
	}

	@Test
	void scriptSendsWhatTheEndpointAcceptsAndWritesNoHtml() throws IOException {
		String js = new String(script(), StandardCharsets.UTF_8);
		assertThat(js).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
				"new Function");
		assertThat(js).contains("sendBeacon", "type: 'text/plain'", "keepalive: true", "api/v1/remarketing/events",
				"'page_view'", "'view_item'", "'view_item_list'", "'search'", "'page_leave'", "'email_captured'",
				"'email_opt_out'", "'begin_checkout'", "'add_shipping_info'", "'add_payment_info'",
				"data-rmk-opt-out", "#checkout-email", "rmk-page", "globalPrivacyControl", "doNotTrack");
	}

}
