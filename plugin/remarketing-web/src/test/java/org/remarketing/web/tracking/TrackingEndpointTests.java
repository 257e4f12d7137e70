package org.remarketing.web.tracking;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.remarketing.core.tracking.EventSource;
import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.TrackedEvent;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

class TrackingEndpointTests {

	static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

	static final String VISITOR = "AAAAAAAAAAAAAAAAAAAAAA";

	private final RecordingOutbox outbox = new RecordingOutbox();

	private final AtomicLong nanos = new AtomicLong();

	private MockMvc mvc = mvc(TrackingSettings.defaults());

	private MockMvc mvc(TrackingSettings settings) {
		TrackingController controller = new TrackingController(this.outbox, settings,
				Clock.fixed(NOW, ZoneOffset.UTC), this.nanos::get);
		return MockMvcBuilders.standaloneSetup(controller).build();
	}

	private static String event(String type, String properties) {
		return "{\"type\":\"" + type + "\",\"id\":\"0b8f7c3e-2f0a-4a8e-9a53-1c2d3e4f5a6b\",\"ts\":"
				+ NOW.minusSeconds(3).toEpochMilli() + ",\"url\":\"https://shop.example/product/tea?utm_source=mail\","
				+ "\"referrer\":\"https://www.google.com/search?q=tea\",\"properties\":" + properties + "}";
	}

	private static MockHttpServletRequestBuilder send(String body) {
		return post(TrackingController.PATH).contentType(MediaType.APPLICATION_JSON)
			.header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36")
			.content(body);
	}

	private MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request).andReturn().getResponse();
	}

	private static String message(MockHttpServletResponse response) throws Exception {
		String json = response.getContentAsString(StandardCharsets.UTF_8);
		assertThat(json).startsWith("{\"message\":");
		return json;
	}

	@Test
	void firstEventIsRecordedAndGetsAVisitorCookie() throws Exception {
		MockHttpServletResponse response = perform(send(event("view_item",
				"{\"product_id\":\"12\",\"sku\":\"TEA-01\",\"price\":12.5,\"currency\":\"USD\"}")));

		assertThat(response.getStatus()).isEqualTo(202);
		assertThat(response.getContentLength()).isZero();
		String setCookie = response.getHeader("Set-Cookie");
		assertThat(setCookie).startsWith("rmk_vid=").contains("Path=/", "Max-Age=34214400", "HttpOnly",
				"SameSite=Lax").doesNotContain("Secure");
		String visitor = setCookie.substring("rmk_vid=".length(), setCookie.indexOf(';'));
		assertThat(visitor).matches("[A-Za-z0-9_-]{22}");

		TrackedEvent event = this.outbox.events.get(0);
		assertThat(event.type()).isEqualTo(EventType.PRODUCT_VIEW);
		assertThat(event.source()).isEqualTo(EventSource.BROWSER);
		assertThat(event.shopper().visitorId()).isEqualTo(visitor);
		assertThat(event.occurredAt()).isEqualTo(NOW.minusSeconds(3));
		assertThat(event.cartCode()).isNull();
		assertThat(event.properties()).containsEntry("product_id", "12")
			.containsEntry("price", new java.math.BigDecimal("12.5"))
			.containsEntry("url", "https://shop.example/product/tea?utm_source=mail")
			.containsEntry("referrer", "https://www.google.com/search?q=tea");
	}

	@Test
	void cookieIsSecureOnHttpsAndKeepsTheContextPath() throws Exception {
		MockHttpServletResponse response = perform(post("/shop" + TrackingController.PATH).contextPath("/shop")
			.secure(true).contentType(MediaType.APPLICATION_JSON).content(event("page_view", "{}")));
		assertThat(response.getHeader("Set-Cookie")).contains("Secure", "Path=/shop;");
	}

	@Test
	void returningVisitorKeepsItsCookieAndItsExpiry() throws Exception {
		MockHttpServletResponse response = perform(send(event("page_view", "{}")).cookie(new Cookie("rmk_vid", VISITOR)));
		assertThat(response.getStatus()).isEqualTo(202);
		assertThat(response.getHeader("Set-Cookie")).isNull();
		assertThat(this.outbox.events.get(0).shopper().visitorId()).isEqualTo(VISITOR);
	}

	@Test
	void malformedCookieIsReplaced() throws Exception {
		MockHttpServletResponse response = perform(send(event("page_view", "{}"))
			.cookie(new Cookie("rmk_vid", "<script>alert(1)</script>")));
		assertThat(response.getHeader("Set-Cookie")).startsWith("rmk_vid=");
		assertThat(this.outbox.events.get(0).shopper().visitorId()).matches("[A-Za-z0-9_-]{22}");
	}

	@Test
	void sendBeaconsTextPlainBatchIsAccepted() throws Exception {
		String body = "{\"events\":[" + event("page_view", "{\"title\":\"Tea\"}") + ","
				+ event("page_leave", "{\"seconds\":4,\"product_id\":\"12\"}") + "]}";
		MockHttpServletResponse response = perform(post(TrackingController.PATH)
			.contentType("text/plain;charset=UTF-8").content(body));
		assertThat(response.getStatus()).isEqualTo(202);
		assertThat(this.outbox.appends).isEqualTo(1);
		assertThat(this.outbox.events).extracting(TrackedEvent::type)
			.containsExactly(EventType.PAGE_VIEW, EventType.PAGE_LEAVE);
		assertThat(this.outbox.events.get(1).properties()).containsEntry("seconds", 4L);
	}

	@Test
	void otherContentTypesAreRefused() throws Exception {
		MockHttpServletResponse response = perform(post(TrackingController.PATH)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED).content("type=page_view"));
		assertThat(response.getStatus()).isEqualTo(415);
		assertThat(message(response)).contains("application/json or text/plain");
	}

	@Test
	void oversizedBodyIs413WithAReason() throws Exception {
		String big = event("page_view", "{\"title\":\"" + "x".repeat(40_000) + "\"}");
		MockHttpServletResponse response = perform(send(big));
		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(message(response)).contains("too large");
		assertThat(this.outbox.events).isEmpty();
	}

	@Test
	void malformedJsonIs400() throws Exception {
		for (String body : List.of("{\"type\":\"page_view\"", "not json", "", "[1,2]", "{\"type\":\"page_view\"} x",
				"{\"events\":[[[[[[[]]]]]]]}", "{\"type\":\"page_view\",\"type\":\"search\"}")) {
			MockHttpServletResponse response = perform(send(body));
			assertThat(response.getStatus()).as(body).isEqualTo(400);
			message(response);
		}
		assertThat(this.outbox.events).isEmpty();
	}

	@Test
	void unknownTypeIsRefusedByName() throws Exception {
		MockHttpServletResponse response = perform(send(event("add_to_wishlist", "{}")));
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(message(response)).contains("unknown event type 'add_to_wishlist'");
	}

	@Test
	void storeOnlyTypesCannotComeFromABrowser() throws Exception {
		for (String type : List.of("order_placed", "cart_item_added", "login", "consent_changed")) {
			MockHttpServletResponse response = perform(send(event(type, "{}")));
			assertThat(response.getStatus()).isEqualTo(400);
			assertThat(message(response)).contains("'" + type + "'", "cannot be sent from a browser");
		}
		assertThat(this.outbox.events).isEmpty();
	}

	@Test
	void negativeQuantitiesAndPricesAreRefused() throws Exception {
		for (String properties : List.of("{\"quantity\":-1}", "{\"price\":\"-12.50\"}", "{\"value\":-0.01}",
				"{\"seconds\":-5}", "{\"price\":\"free\"}")) {
			MockHttpServletResponse response = perform(send(event("view_item", properties)));
			assertThat(response.getStatus()).as(properties).isEqualTo(400);
			assertThat(message(response)).contains("event.properties.");
		}
		assertThat(this.outbox.events).isEmpty();
	}

	@Test
	void timestampsFarInTheFutureOrPastAreRefused() throws Exception {
		String future = "{\"type\":\"page_view\",\"ts\":" + NOW.plusSeconds(6 * 60).toEpochMilli() + "}";
		MockHttpServletResponse response = perform(send(future));
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(message(response)).contains("event.ts is in the future");

		String old = "{\"type\":\"page_view\",\"ts\":" + NOW.minusSeconds(25 * 3600).toEpochMilli() + "}";
		assertThat(perform(send(old)).getStatus()).isEqualTo(400);

		String skewed = "{\"type\":\"page_view\",\"ts\":" + NOW.plusSeconds(4 * 60).toEpochMilli() + "}";
		assertThat(perform(send(skewed)).getStatus()).isEqualTo(202);
	}

	@Test
	void oneBadEventRejectsTheWholeBatchNamingIt() throws Exception {
		String body = "{\"events\":[" + event("page_view", "{}") + "," + event("view_item", "{\"price\":-1}") + ","
				+ event("search", "{\"query\":\"tea\"}") + "]}";
		MockHttpServletResponse response = perform(send(body));
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(message(response)).contains("events[1].properties.price must not be negative");
		assertThat(this.outbox.appends).isZero();
	}

	@Test
	void atMostFiftyEventsPerRequest() throws Exception {
		StringBuilder body = new StringBuilder("{\"events\":[");
		for (int i = 0; i < 51; i++) {
			body.append(i == 0 ? "" : ",").append("{\"type\":\"page_view\"}");
		}
		MockHttpServletResponse response = perform(send(body.append("]}").toString()));
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(message(response)).contains("Too many events: 51");
	}

	@Test
	void stringsAndPropertiesAreBounded() throws Exception {
		assertThat(perform(send("{\"type\":\"page_view\",\"url\":\"https://x/" + "a".repeat(2048) + "\"}")).getStatus())
			.isEqualTo(400);
		assertThat(perform(send(event("search", "{\"query\":\"" + "q".repeat(257) + "\"}"))).getStatus()).isEqualTo(400);
		StringBuilder many = new StringBuilder("{");
		for (int i = 0; i < 31; i++) {
			many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
		}
		MockHttpServletResponse response = perform(send(event("page_view", many.append("}").toString())));
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(message(response)).contains("at most 30");
		assertThat(perform(send(event("page_view", "{\"nested\":{\"a\":1}}"))).getStatus()).isEqualTo(400);
		assertThat(perform(send(event("page_view", "{\"Bad-Key\":1}"))).getStatus()).isEqualTo(400);
		assertThat(perform(send("{\"type\":\"page_view\",\"id\":\"not-a-uuid\"}")).getStatus()).isEqualTo(400);
		assertThat(this.outbox.events).isEmpty();
	}

	@Test
	void aBrowserCannotClaimWhoItIsOrWhichCartItHas() throws Exception {
		for (String key : List.of("customer_id", "cart_code", "visitor_id", "order_id")) {
			MockHttpServletResponse response = perform(send(event("begin_checkout", "{\"" + key + "\":\"42\"}")));
			assertThat(response.getStatus()).isEqualTo(400);
			assertThat(message(response)).contains(key + " is not accepted from a browser");
		}
	}

	@Test
	void typedEmailBecomesAnUnverifiedIdentity() throws Exception {
		perform(send(event("email_captured", "{\"email\":\" Mai.Nguyen@Example.com \",\"field\":\"checkout-email\"}"))
			.cookie(new Cookie("rmk_vid", VISITOR)));
		TrackedEvent event = this.outbox.events.get(0);
		assertThat(event.type()).isEqualTo(EventType.EMAIL_CAPTURED);
		assertThat(event.shopper().email()).isEqualTo("mai.nguyen@example.com");
		assertThat(event.shopper().emailVerified()).isFalse();
		assertThat(event.shopper().visitorId()).isEqualTo(VISITOR);
		assertThat(event.properties()).doesNotContainKey("email").containsEntry("field", "checkout-email");

		MockHttpServletResponse response = perform(send(event("email_captured", "{\"email\":\"not-an-email\"}")));
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(message(response)).contains("properties.email must be an email address");
		assertThat(perform(send(event("page_view", "{\"email\":\"a@b.example\"}"))).getStatus()).isEqualTo(400);
	}

	@Test
	void optOutCarriesTheTypedEmailWhenThereIsOne() throws Exception {
		perform(send(event("email_opt_out", "{\"email\":\"mai@example.com\"}")));
		perform(send(event("email_opt_out", "{}")));
		assertThat(this.outbox.events).extracting((e) -> e.shopper().email()).containsExactly("mai@example.com", null);
	}

	@Test
	void clientIdsMakeRetriesIdempotentPerVisitorOnly() throws Exception {
		String body = event("page_view", "{}");
		perform(send(body).cookie(new Cookie("rmk_vid", VISITOR)));
		perform(send(body).cookie(new Cookie("rmk_vid", VISITOR)));
		perform(send(body).cookie(new Cookie("rmk_vid", "BBBBBBBBBBBBBBBBBBBBBB")));
		assertThat(this.outbox.events.get(0).id()).isEqualTo(this.outbox.events.get(1).id())
			.isNotEqualTo(this.outbox.events.get(2).id())
			.isNotEqualTo("0b8f7c3e-2f0a-4a8e-9a53-1c2d3e4f5a6b");
	}

	@Test
	void xssPayloadsAreStoredVerbatimNeverInterpreted() throws Exception {
		String payload = "\\\"><img src=x onerror=alert(1)><script>alert(document.cookie)</script>";
		String stored = "\"><img src=x onerror=alert(1)><script>alert(document.cookie)</script>";
		String body = "{\"events\":[{\"type\":\"page_view\",\"url\":\"https://shop.example/?q=" + payload
				+ "\",\"referrer\":\"javascript:" + payload + "\",\"properties\":{\"utm_source\":\"" + payload
				+ "\",\"title\":\"" + payload + "\"}},{\"type\":\"search\",\"properties\":{\"query\":\"" + payload
				+ "\"}}]}";
		assertThat(perform(send(body)).getStatus()).isEqualTo(202);
		Map<String, Object> view = this.outbox.events.get(0).properties();
		assertThat(view).containsEntry("url", "https://shop.example/?q=" + stored)
			.containsEntry("referrer", "javascript:" + stored)
			.containsEntry("utm_source", stored)
			.containsEntry("title", stored);
		assertThat(this.outbox.events.get(1).properties()).containsEntry("query", stored);
	}

	@Test
	void visitorsOverTheirRateGet429WithRetryAfter() throws Exception {
		this.mvc = mvc(TrackingSettings.defaults().withRateLimit(true, 3, 100));
		Cookie cookie = new Cookie("rmk_vid", VISITOR);
		String two = "{\"events\":[{\"type\":\"page_view\"},{\"type\":\"page_view\"}]}";
		assertThat(perform(send(two).cookie(cookie)).getStatus()).isEqualTo(202);
		MockHttpServletResponse refused = perform(send(two).cookie(cookie));
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(refused.getHeader("Retry-After")).isEqualTo("20");
		assertThat(message(refused)).contains("Too many events");
		// another visitor on the same IP is not held back
		assertThat(perform(send(two).cookie(new Cookie("rmk_vid", "BBBBBBBBBBBBBBBBBBBBBB"))).getStatus())
			.isEqualTo(202);
		// a minute later the allowance is back
		this.nanos.addAndGet(60_000_000_000L);
		assertThat(perform(send(two).cookie(cookie)).getStatus()).isEqualTo(202);
	}

	@Test
	void anIpOverItsRateGet429WhateverItsCookies() throws Exception {
		this.mvc = mvc(TrackingSettings.defaults().withRateLimit(true, 100, 2));
		assertThat(perform(send(event("page_view", "{}")).with((r) -> {
			r.setRemoteAddr("203.0.113.9");
			return r;
		})).getStatus()).isEqualTo(202);
		assertThat(perform(send(event("page_view", "{}")).with((r) -> {
			r.setRemoteAddr("203.0.113.9");
			return r;
		})).getStatus()).isEqualTo(202);
		MockHttpServletResponse refused = perform(send(event("page_view", "{}")).with((r) -> {
			r.setRemoteAddr("203.0.113.9");
			return r;
		}));
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(refused.getHeader("Retry-After")).isNotBlank();
		assertThat(perform(send(event("page_view", "{}")).with((r) -> {
			r.setRemoteAddr("203.0.113.10");
			return r;
		})).getStatus()).isEqualTo(202);
	}

	@Test
	void botsAreAnsweredButNotRecorded() throws Exception {
		for (String agent : List.of("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
				"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/120.0 Safari/537.36",
				"facebookexternalhit/1.1", "Mozilla/5.0 (compatible; Yahoo! Slurp)", "AhrefsSiteAudit spider")) {
			MockHttpServletResponse response = perform(post(TrackingController.PATH)
				.contentType(MediaType.APPLICATION_JSON).header("User-Agent", agent).content(event("page_view", "{}")));
			assertThat(response.getStatus()).as(agent).isEqualTo(204);
			assertThat(response.getHeader("Set-Cookie")).isNull();
		}
		assertThat(this.outbox.events).isEmpty();
	}

	@Test
	void headAndPrefetchRequestsRecordNothing() throws Exception {
		assertThat(perform(request(org.springframework.http.HttpMethod.HEAD, TrackingController.PATH)).getStatus())
			.isEqualTo(204);
		assertThat(perform(send(event("page_view", "{}")).header("Purpose", "prefetch")).getStatus()).isEqualTo(204);
		assertThat(perform(send(event("page_view", "{}")).header("Sec-Purpose", "prefetch;prerender")).getStatus())
			.isEqualTo(204);
		assertThat(this.outbox.events).isEmpty();
	}

	@Test
	void consentRequiredRecordsNothingUntilThePageGivesConsent() throws Exception {
		this.mvc = mvc(TrackingSettings.defaults().withConsentRequired(true));
		MockHttpServletResponse silent = perform(send(event("page_view", "{}")));
		assertThat(silent.getStatus()).isEqualTo(204);
		assertThat(silent.getHeader("Set-Cookie")).isNull();
		assertThat(perform(send("{\"consent\":false,\"events\":[" + event("page_view", "{}") + "]}")).getStatus())
			.isEqualTo(204);
		assertThat(this.outbox.events).isEmpty();

		MockHttpServletResponse consented = perform(send("{\"consent\":true,\"events\":[" + event("page_view", "{}")
				+ "]}"));
		assertThat(consented.getStatus()).isEqualTo(202);
		assertThat(consented.getHeader("Set-Cookie")).startsWith("rmk_vid=");
		assertThat(this.outbox.events).hasSize(1);
	}

	@Test
	void withdrawingConsentForgetsTheBrowser() throws Exception {
		MockHttpServletResponse response = perform(send("{\"consent\":false,\"events\":[]}")
			.cookie(new Cookie("rmk_vid", VISITOR)));
		assertThat(response.getStatus()).isEqualTo(204);
		assertThat(response.getHeader("Set-Cookie")).startsWith("rmk_vid=;").contains("Max-Age=0");
		assertThat(this.outbox.events).isEmpty();
	}

	@Test
	void globalPrivacyControlRecordsAnonymousPageCountsOnly() throws Exception {
		String body = "{\"events\":[" + event("page_view", "{\"title\":\"Tea\",\"utm_source\":\"mail\","
				+ "\"new_session\":true}") + "," + event("view_item", "{\"product_id\":\"12\"}") + ","
				+ event("page_leave", "{\"seconds\":3}") + "," + event("search", "{\"query\":\"tea\"}") + ","
				+ event("email_captured", "{\"email\":\"mai@example.com\"}") + "]}";
		MockHttpServletResponse response = perform(send(body).header("Sec-GPC", "1")
			.cookie(new Cookie("rmk_vid", VISITOR)));
		assertThat(response.getStatus()).isEqualTo(202);
		assertThat(response.getHeader("Set-Cookie")).startsWith("rmk_vid=;").contains("Max-Age=0");
		assertThat(this.outbox.events).extracting(TrackedEvent::type)
			.containsExactly(EventType.PAGE_VIEW, EventType.PRODUCT_VIEW);
		for (TrackedEvent event : this.outbox.events) {
			assertThat(event.shopper().isEmpty()).isTrue();
			assertThat(event.properties()).containsEntry("dnt", true)
				.containsEntry("url", "https://shop.example/product/tea?utm_source=mail")
				.containsEntry("referrer", "https://www.google.com/")
				.doesNotContainKey("new_session");
		}
	}

	@Test
	void doNotTrackFlagInTheBodyIsHonouredToo() throws Exception {
		MockHttpServletResponse response = perform(send("{\"dnt\":true,\"events\":["
				+ event("begin_checkout", "{}") + "]}"));
		assertThat(response.getStatus()).isEqualTo(204);
		assertThat(response.getHeader("Set-Cookie")).isNull();
		assertThat(this.outbox.events).isEmpty();
	}

	@Test
	void storageFailureIs503SoTheTrackerRetries() throws Exception {
		TrackingController controller = new TrackingController(new RecordingOutbox() {
			@Override
			public void append(List<TrackedEvent> events) {
				throw new IllegalStateException("database down");
			}
		}, TrackingSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC), this.nanos::get);
		MockHttpServletResponse response = MockMvcBuilders.standaloneSetup(controller).build()
			.perform(send(event("page_view", "{}"))).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Set-Cookie")).isNull();
	}

}
