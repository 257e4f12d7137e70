package org.remarketing.samplestore.tracking;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.remarketing.core.tracking.EventSource;
import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.TrackedEvent;
import org.remarketing.core.tracking.TrackedEventJson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * tracker.js in Chromium on the sample store: a guest looks at a product for two seconds, adds it,
 * goes to checkout, types an email and leaves. Everything the browser recorded goes through the
 * outbox into the event log (rmk_event) under one visitor, the one of the rmk_vid cookie.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:tracking;MODE=MySQL;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1"})
class TrackerInBrowserTests {

    /**
     * Headless Chromium names itself HeadlessChrome, which the endpoint ignores as a bot; set at launch, since
     * a context's user-agent override does not reach the beacons sent while a page unloads.
     */
    static final String DESKTOP_CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/120.0.0.0 Safari/537.36";

    static final Path CHROMIUM = Paths.get(System.getProperty("chromium.path", "/usr/bin/chromium"));

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    private Playwright playwright;
    private Browser browser;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            int smtp = socket.getLocalPort();
            registry.add("sample.mail.smtp-port", () -> smtp);
        }
    }

    @BeforeAll
    void launch() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("Chromium not found at " + CHROMIUM
                    + ": install it (apt-get install -y chromium) or set -Dchromium.path");
        }
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--user-agent=" + DESKTOP_CHROME)));
    }

    @AfterAll
    void close() {
        browser.close();
        playwright.close();
    }

    private Instant testStart;

    @BeforeEach
    void start() {
        // a previous test's last beacons may still arrive: only events of this test count
        testStart = Instant.now();
    }

    /** What the browser recorded during this test, as the event log holds it (the store's own events left aside). */
    private List<TrackedEvent> browserEvents() {
        return new JdbcTemplate(dataSource).queryForList("SELECT payload FROM rmk_event ORDER BY occurred_at",
                        String.class).stream()
                .map(TrackedEventJson::fromJson)
                .filter((e) -> e.source() == EventSource.BROWSER && !e.occurredAt().isBefore(testStart))
                .collect(Collectors.toList());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private BrowserContext guest() {
        return browser.newContext(new Browser.NewContextOptions().setUserAgent(DESKTOP_CHROME));
    }

    @Test
    void guestsVisitReachesTheEventLogUnderTheVisitorOfItsCookie() {
        try (BrowserContext context = guest()) {
            Page page = context.newPage();
            page.navigate(url("/"));
            page.locator("a[href*='/category/']").first().click();
            page.locator("a[href*='/product/']").first().click();
            String sku = page.locator("main").getAttribute("data-sku");
            page.waitForTimeout(2_000);
            page.locator("[data-test=add-to-cart]").first().click();
            assertThat(page.locator("[data-test=cart-count]")).hasText("1");

            page.navigate(url("/cart"));
            page.locator("[data-test=checkout]").click();
            assertThat(page.locator("[data-test=reminder-notice]")).isVisible();
            assertThat(page.locator("[data-test=reminder-notice]")).containsText("Don’t email me");
            page.locator("#checkout-email").fill("Tracked.Guest@Example.com");
            page.locator("#checkout-email").blur();
            page.navigate(url("/"));

            List<TrackedEvent> events = awaitEvents((e) -> e.type() == EventType.EMAIL_CAPTURED,
                    (e) -> e.type() == EventType.PAGE_LEAVE && sku.equals(e.property("sku")),
                    (e) -> e.type() == EventType.BEGIN_CHECKOUT);

            Cookie cookie = context.cookies().stream().filter((c) -> c.name.equals("rmk_vid")).findFirst()
                    .orElseThrow(() -> new AssertionError("no rmk_vid cookie"));
            assertThat(cookie.httpOnly).isTrue();
            assertThat(cookie.sameSite).isEqualTo(SameSiteAttribute.LAX);
            assertThat(cookie.expires).isGreaterThan(Instant.now().plus(Duration.ofDays(390)).getEpochSecond());

            assertThat(events).allSatisfy((e) -> {
                assertThat(e.source()).isEqualTo(EventSource.BROWSER);
                assertThat(e.shopper().visitorId()).isEqualTo(cookie.value);
            });
            assertThat(events.stream().map(TrackedEvent::type).collect(Collectors.toSet())).contains(
                    EventType.PAGE_VIEW, EventType.CATEGORY_VIEW, EventType.PRODUCT_VIEW, EventType.PAGE_LEAVE,
                    EventType.BEGIN_CHECKOUT, EventType.EMAIL_CAPTURED);

            TrackedEvent viewed = first(events, EventType.PRODUCT_VIEW);
            assertThat(viewed.property("sku")).isEqualTo(sku);
            assertThat(viewed.properties()).containsKeys("product_id", "name", "price", "category", "currency");
            TrackedEvent productLeft = events.stream()
                    .filter((e) -> e.type() == EventType.PAGE_LEAVE && sku.equals(e.property("sku")))
                    .findFirst().orElseThrow(() -> new AssertionError("no page_leave for the product: " + events));
            assertThat(((Number) productLeft.property("seconds")).longValue()).isGreaterThanOrEqualTo(1);
            assertThat(productLeft.property("product_id")).isEqualTo(viewed.property("product_id"));

            TrackedEvent checkout = first(events, EventType.BEGIN_CHECKOUT);
            assertThat(checkout.properties()).containsKeys("value", "item_count");
            TrackedEvent email = first(events, EventType.EMAIL_CAPTURED);
            assertThat(email.shopper().email()).isEqualTo("tracked.guest@example.com");
            assertThat(email.shopper().emailVerified()).isFalse();
            assertThat(first(events, EventType.PAGE_VIEW).properties()).containsEntry("new_session", true)
                    .containsKeys("url", "title", "user_agent");
        }
    }

    @Test
    void dontEmailMeRecordsTheOptOutAndStopsCapture() {
        try (BrowserContext context = guest()) {
            Page page = context.newPage();
            page.navigate(url("/"));
            page.locator("a[href*='/category/']").first().click();
            page.locator("a[href*='/product/']").first().click();
            page.locator("[data-test=add-to-cart]").first().click();
            page.navigate(url("/checkout"));

            page.locator("#checkout-email").fill("no.reminders@example.com");
            page.locator("[data-test=reminder-opt-out]").click();
            assertThat(page.locator("[data-test=reminder-notice]")).isHidden();
            assertThat(page.locator("[data-test=reminder-opted-out]")).isVisible();
            page.locator("#checkout-email").fill("other.address@example.com");
            page.locator("#checkout-email").blur();
            page.navigate(url("/"));

            List<TrackedEvent> events = awaitEvents((e) -> e.type() == EventType.EMAIL_OPT_OUT);
            assertThat(first(events, EventType.EMAIL_OPT_OUT).shopper().email()).isEqualTo("no.reminders@example.com");
            page.waitForTimeout(1_500);
            assertThat(browserEvents()).noneMatch((e) -> e.type() == EventType.EMAIL_CAPTURED);

            // a later checkout in the same browser shows the opt-out, not the notice
            page.navigate(url("/checkout"));
            assertThat(page.locator("[data-test=reminder-opted-out]")).isVisible();
            assertThat(page.locator("[data-test=reminder-notice]")).isHidden();
        }
    }

    @Test
    void globalPrivacyControlLeavesNoCookieAndNoPersonalEvent() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setUserAgent(DESKTOP_CHROME)
                .setExtraHTTPHeaders(Map.of("Sec-GPC", "1")))) {
            Page page = context.newPage();
            page.addInitScript("Object.defineProperty(navigator, 'globalPrivacyControl', {get: () => true})");
            page.navigate(url("/"));
            page.locator("a[href*='/category/']").first().click();
            page.locator("a[href*='/product/']").first().click();
            page.waitForTimeout(1_200);
            page.navigate(url("/"));

            List<TrackedEvent> events = awaitEvents((e) -> e.type() == EventType.PRODUCT_VIEW);
            assertThat(context.cookies()).noneMatch((c) -> c.name.equals("rmk_vid"));
            assertThat(events).allSatisfy((e) -> {
                assertThat(e.shopper().isEmpty()).isTrue();
                assertThat(e.property("dnt")).isEqualTo(true);
                assertThat(e.type()).isIn(EventType.PAGE_VIEW, EventType.PRODUCT_VIEW, EventType.CATEGORY_VIEW);
            });
        }
    }

    @SafeVarargs
    private List<TrackedEvent> awaitEvents(Predicate<TrackedEvent>... wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            List<TrackedEvent> events = browserEvents();
            boolean all = true;
            for (Predicate<TrackedEvent> w : wanted) {
                all &= events.stream().anyMatch(w);
            }
            if (all) {
                return events;
            }
            sleep();
        }
        throw new AssertionError("events did not arrive; got " + browserEvents().stream()
                .map((e) -> e.type().wireName()).collect(Collectors.toList()));
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    private static TrackedEvent first(List<TrackedEvent> events, EventType type) {
        return events.stream().filter((e) -> e.type() == type).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.wireName() + " in " + events));
    }
}
