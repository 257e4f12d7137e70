package org.remarketing.core.channels.email;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The machine-open rules, one by one (docs/email-links.md). */
class MachineOpensTests {

	private static final Instant SENT = Instant.parse("2024-06-10T12:00:00Z");

	private static final Instant AN_HOUR_LATER = SENT.plus(Duration.ofHours(1));

	private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
			+ " Chrome/124.0 Safari/537.36";

	private static final String IPHONE_MAIL = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15"
			+ " (KHTML, like Gecko) Mobile/15E148";

	private final MachineOpens machines = new MachineOpens();

	@ParameterizedTest
	@ValueSource(strings = { CHROME, IPHONE_MAIL,
			"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)",
			"Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)",
			"Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Thunderbird/115.10.1" })
	void aMailClientAnHourAfterTheSendIsAPerson(String agent) {
		assertThat(this.machines.reason(new OpenRequest("GET", agent, null, AN_HOUR_LATER), SENT)).isEmpty();
	}

	@Test
	void applesPrivacyProxySendsABareMozillaAgent() {
		assertThat(this.machines.reason(new OpenRequest("GET", "Mozilla/5.0", null, AN_HOUR_LATER), SENT))
			.contains("apple-privacy-proxy");
		assertThat(this.machines.reason(new OpenRequest("GET", " Mozilla/5.0 ", null, AN_HOUR_LATER), SENT))
			.contains("apple-privacy-proxy");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
			"YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html",
			"Mozilla/5.0 (compatible; YandexImageResizer/2.0; +http://yandex.com/bots)", "Barracuda Sentinel (EE)",
			"Mimecast-Scanner/1.0", "python-requests/2.31.0", "curl/8.5.0", "Java/17.0.10", "okhttp/4.12.0",
			"Go-http-client/1.1", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/120.0 Safari/537.36",
			"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" })
	void imageProxiesScannersAndLibrariesAreMachines(String agent) {
		assertThat(this.machines.reason(new OpenRequest("GET", agent, null, AN_HOUR_LATER), SENT))
			.hasValueSatisfying((reason) -> assertThat(reason).startsWith("agent:"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   " })
	void noUserAgentIsAMachine(String agent) {
		assertThat(this.machines.reason(new OpenRequest("GET", agent, null, AN_HOUR_LATER), SENT)).contains("no-user-agent");
		assertThat(this.machines.reason(new OpenRequest("GET", null, null, AN_HOUR_LATER), SENT)).contains("no-user-agent");
	}

	@Test
	void aHeadRequestIsAMachine() {
		assertThat(this.machines.reason(new OpenRequest("HEAD", CHROME, null, AN_HOUR_LATER), SENT)).contains("head-request");
	}

	@ParameterizedTest
	@ValueSource(strings = { "prefetch", "Prefetch", "prefetch;anonymous-client-ip", "preview", "prerender" })
	void prefetchHeadersAreMachines(String purpose) {
		assertThat(this.machines.reason(new OpenRequest("GET", CHROME, purpose, AN_HOUR_LATER), SENT))
			.contains("prefetch-header");
	}

	@Test
	void aFetchWithinTheFirstSecondsAfterTheSendIsAScanner() {
		assertThat(this.machines.reason(new OpenRequest("GET", CHROME, null, SENT), SENT)).contains("right-after-send");
		assertThat(this.machines.reason(new OpenRequest("GET", CHROME, null, SENT.plusSeconds(9)), SENT))
			.contains("right-after-send");
		assertThat(this.machines.reason(new OpenRequest("GET", CHROME, null, SENT.plus(MachineOpens.SCANNER_WINDOW)), SENT))
			.isEmpty();
		assertThat(this.machines.reason(new OpenRequest("GET", CHROME, null, SENT.plusSeconds(3)), null))
			.as("send time unknown").isEmpty();
	}

}
