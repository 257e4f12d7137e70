package org.remarketing.samplestore.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.remarketing.core.contacts.ContactDetails;
import org.remarketing.core.contacts.ContactPage;
import org.remarketing.core.contacts.ContactSearch;
import org.remarketing.core.tracking.EventSource;
import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.Outbox;
import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin's Contacts screen in Chromium, signed in through the store's backoffice. A contact
 * is written through the plugin's outbox with script-carrying values in every field a shopper
 * controls; the screen must show each one as text and run none of them. Then an administrator
 * finds a contact, exports it and erases it.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:contactsui;MODE=MySQL;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1"})
class ContactsScreenBrowserTests extends BrowserTestSupport {

    // Each payload, if it ever ran, would set window.__xss or open a dialog.
    static final String NAME = "<img src=x onerror=window.__xss=1>";
    static final String LAST_NAME = "<svg onload=alert('last')>";
    static final String EMAIL = "\"><script>window.__xss=2</script>@x.com";
    static final String SCRIPT_URL = "javascript:window.__xss=3";
    static final String UTM = "<svg onload=window.__xss=4>";
    static final String QUERY = "</title><script>window.__xss=5</script>";
    static final String REFERRER = "https://evil.example/\"><img src=x onerror=window.__xss=6>";
    static final String TITLE = "<iframe srcdoc=\"<script>parent.__xss=7</script>\">";
    static final String USER_AGENT = "Mozilla/5.0 <img src=x onerror=window.__xss=8>";
    static final String PRODUCT_URL = "https://shop.example/product/101?q=\"><script>window.__xss=9</script>";
    static final String SKU = "<b onmouseover=window.__xss=10>SKU</b>";
    static final String CART = "<img src=x onerror=window.__xss=11>";
    static final String CONSENT_TEXT = "<img src=x onerror=alert(document.cookie)>";
    static final String STATUS = "<svg onload=window.__xss=17>";
    static final String CATEGORY = "<img src=x onerror=window.__xss=18>";
    static final String TIME_ZONE = "<svg/onload=window.__xss=13>";
    static final String FIELD = "<a href=javascript:window.__xss=20>x</a>";

    @Autowired
    Outbox outbox;

    @Autowired
    ContactSearch contacts;

    @Autowired
    ContactDetails details;

    @Test
    void everyShopperControlledValueIsShownAsTextAndNothingRuns() throws IOException {
        String visitor = "xss-" + UUID.randomUUID();
        long customerId = 990_001L;
        ShopperIds browser = ShopperIds.of(visitor, null, null, false);
        ShopperIds store = ShopperIds.of(visitor, customerId, null, false);
        Instant start = Instant.now().minus(3, ChronoUnit.HOURS);
        List<TrackedEvent> events = new ArrayList<>();
        events.add(event(EventType.PAGE_VIEW, EventSource.BROWSER, browser, start, null, props(
                "url", SCRIPT_URL, "referrer", REFERRER, "utm_source", UTM, "utm_medium", "email",
                "utm_campaign", UTM, "title", TITLE, "user_agent", USER_AGENT, "new_session", true)));
        events.add(event(EventType.PRODUCT_VIEW, EventSource.BROWSER, browser, start.plusSeconds(60), null, props(
                "url", PRODUCT_URL, "product_id", 101, "sku", SKU, "name", NAME, "price", 10.5, "currency", "USD",
                "category", CATEGORY)));
        events.add(event(EventType.PAGE_LEAVE, EventSource.BROWSER, browser, start.plusSeconds(102), null, props(
                "product_id", 101, "seconds", 42, "url", PRODUCT_URL)));
        events.add(event(EventType.SEARCH, EventSource.BROWSER, browser, start.plusSeconds(120), null, props(
                "query", QUERY, "result_count", 0, "url", "https://shop.example/search")));
        events.add(event(EventType.CUSTOMER_REGISTERED, EventSource.STORE, store, start.plusSeconds(180), null, props(
                "first_name", NAME, "last_name", LAST_NAME, "language", "<b>x</b>", "time_zone", TIME_ZONE)));
        events.add(event(EventType.CART_ITEM_ADDED, EventSource.STORE, store, start.plusSeconds(240), CART, props(
                "product_id", 101, "sku", SKU, "name", NAME, "quantity", 2, "price", 10.5, "currency", "USD")));
        events.add(event(EventType.BEGIN_CHECKOUT, EventSource.BROWSER, browser, start.plusSeconds(300), null, props(
                "value", 21, "currency", "USD")));
        events.add(event(EventType.EMAIL_CAPTURED, EventSource.BROWSER, ShopperIds.of(visitor, null, EMAIL, false),
                start.plusSeconds(310), null, props("field", FIELD)));
        events.add(event(EventType.NEWSLETTER_OPT_IN, EventSource.STORE, store, start.plusSeconds(320), null, props(
                "consent_text", CONSENT_TEXT, "url", SCRIPT_URL, "source", UTM)));
        Map<String, Object> item = props("product_id", 101, "sku", SKU, "name", NAME, "quantity", 2, "price", 10.5,
                "category", CATEGORY);
        events.add(event(EventType.ORDER_PLACED, EventSource.STORE, store, start.plusSeconds(400), CART, props(
                "order_id", 7001, "value", 21, "currency", "USD", "items", List.of(item))));
        events.add(event(EventType.ORDER_STATUS_CHANGED, EventSource.STORE, store, start.plusSeconds(500), null, props(
                "order_id", 7001, "status", STATUS)));
        // a later browsing session, enough to push the events above to the timeline's second page
        for (int i = 0; i < 50; i++) {
            events.add(event(EventType.PAGE_VIEW, EventSource.BROWSER, browser, start.plusSeconds(3600 + i * 30L), null,
                    props("url", "https://shop.example/page/" + i, "title", "Page " + i)));
        }
        outbox.append(events);
        awaitContact(visitor, events.size());

        try (BrowserContext context = session.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            List<String> dialogs = recordDialogs(page);
            List<String> cspViolations = recordCspViolations(page);
            signInToBackoffice(page);
            page.navigate(url("/remarketing/admin/#/contacts"));
            assertThat(page.locator("#nav-contacts")).hasAttribute("aria-current", "page");
            page.locator("#contacts-q").fill(visitor);
            page.locator("#contacts-q").press("Enter");
            Locator rows = page.locator("#contacts-rows tr");
            assertThat(rows).hasCount(1);
            assertThat(page.locator("#contacts-status")).hasText("1 contact");
            assertThat(rows.first()).containsText(NAME + " " + LAST_NAME);
            assertThat(rows.first()).containsText(EMAIL);
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-contacts-search.png")));

            rows.first().locator("a").click();
            assertThat(page.locator("#contact-name")).hasText(NAME + " " + LAST_NAME);
            assertThat(page.locator("#contact-email")).hasText(EMAIL);
            assertThat(page.locator("#p-time-zone")).hasText(TIME_ZONE);
            assertThat(page.locator("#p-language")).hasText("<b>x</b>");
            assertThat(page.locator("#timeline > li")).hasCount(50);
            assertThat(page.locator("#timeline-count")).hasText(Pattern.compile("Showing 50 of 6\\d events"));
            assertThat(page.locator("#timeline > li").first()).containsText("Page 49");

            page.locator("#timeline-more").click();
            assertThat(page.locator("#timeline > li")).hasCount(events.size());
            assertThat(page.locator("#timeline-more")).isHidden();
            // every field of the injected (older) events, with "All details" open
            page.evaluate("() => document.querySelectorAll('#timeline > li:nth-child(n+51) details')"
                    + ".forEach((d) => { d.open = true; })");

            Locator contact = page.locator("#contact");
            for (String payload : List.of(NAME, LAST_NAME, EMAIL, SCRIPT_URL, UTM, QUERY, REFERRER, TITLE, USER_AGENT,
                    PRODUCT_URL, SKU, CART, CONSENT_TEXT, STATUS, CATEGORY, TIME_ZONE, FIELD)) {
                assertThat(contact).containsText(payload);
            }
            // human labels, newest first: the order's status change comes before the order
            Locator timeline = page.locator("#timeline");
            assertThat(timeline).containsText("Placed order #7001");
            assertThat(timeline).containsText("Typed email at checkout (unverified)");
            assertThat(timeline).containsText("Added to cart: " + NAME);
            assertThat(timeline).containsText("Viewed product “" + NAME + "”");
            assertThat(timeline).containsText("Searched for “" + QUERY + "”");
            @SuppressWarnings("unchecked")
            List<String> types = (List<String>) page.locator("#timeline > li").evaluateAll(
                    "(items) => items.map((item) => item.getAttribute('data-event-type'))");
            assertThat(types.indexOf("order_status_changed")).isLessThan(types.indexOf("order_placed"));
            assertThat(types.indexOf("order_placed")).isLessThan(types.lastIndexOf("page_view"));
            // consent with its proof
            assertThat(page.locator("#consent-current")).containsText("Email: granted");
            assertThat(page.locator("#consent-history")).containsText(CONSENT_TEXT);
            // products: name from the events, seconds on page
            assertThat(page.locator("#products-rows")).containsText(NAME);
            assertThat(page.locator("#products-rows")).containsText("42");
            // times are local text with the ISO instant in the title
            assertThat(page.locator("#timeline time").first()).hasAttribute("title", Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT.*Z$"));

            page.evaluate("() => window.scrollTo(0, 0)");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-contact-xss-profile.png")));
            page.locator("#timeline > li[data-event-type=order_status_changed]").scrollIntoViewIfNeeded();
            page.evaluate("() => document.querySelector('#timeline > li[data-event-type=order_status_changed]').scrollIntoView()");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-contact-xss-timeline.png")));
            page.locator("#timeline > li[data-event-type=page_view]").last().scrollIntoViewIfNeeded();
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-contact-xss-timeline-oldest.png")));

            // nothing ran, nothing was parsed as markup
            assertThat(page.evaluate("() => typeof window.__xss")).isEqualTo("undefined");
            assertThat(dialogs).as("dialogs opened by payloads").isEmpty();
            assertThat(page.evaluate("() => Array.from(document.querySelectorAll('*')).filter((e) =>"
                    + " Array.from(e.attributes).some((a) => a.name.toLowerCase().startsWith('on'))).length"))
                .isEqualTo(0);
            assertThat(page.locator("#contact img, #contact svg, #contact iframe, #contact script, #contact b")).hasCount(0);
            // a javascript: URL stays text; http(s) URLs are links that tell the destination nothing
            assertThat(page.evaluate("() => Array.from(document.links).filter((a) =>"
                    + " a.protocol !== 'http:' && a.protocol !== 'https:' && a.protocol !== 'blob:').length")).isEqualTo(0);
            assertThat(page.locator("#timeline")).containsText(SCRIPT_URL);
            Locator productLink = page.locator("#timeline a[href^='https://shop.example/product/101']").first();
            assertThat(productLink).hasAttribute("rel", "noopener noreferrer");
            assertThat(productLink).hasText(PRODUCT_URL);
            assertThat(cspViolations).as("Content-Security-Policy violations").isEmpty();

            // a narrow screen keeps the same content, nothing runs there either
            page.setViewportSize(390, 844);
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-contact-mobile.png")));
            assertThat(page.evaluate("() => typeof window.__xss")).isEqualTo("undefined");
            assertThat(dialogs).isEmpty();
        }
    }

    @Test
    void administratorFindsExportsAndErasesAContact() throws IOException {
        String email = "erin.export+" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        ShopperIds shopper = ShopperIds.of("exp-" + UUID.randomUUID(), 990_002L, email, true);
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS);
        List<TrackedEvent> events = List.of(
                event(EventType.CUSTOMER_REGISTERED, EventSource.STORE, shopper, start, null,
                        props("first_name", "Erin", "last_name", "Export", "language", "en")),
                event(EventType.CART_ITEM_ADDED, EventSource.STORE, shopper, start.plusSeconds(60), "cart-erin",
                        props("product_id", 5, "sku", "TEA-5", "quantity", 1, "price", 12)),
                event(EventType.ORDER_PLACED, EventSource.STORE, shopper, start.plusSeconds(120), "cart-erin",
                        props("order_id", 8001, "value", 12, "currency", "USD")));
        outbox.append(events);
        awaitContact(email, events.size());

        try (BrowserContext context = session.browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(1280, 900).setAcceptDownloads(true))) {
            Page page = context.newPage();
            signInToBackoffice(page);
            page.navigate(url("/remarketing/admin/#/contacts"));
            page.locator("#contacts-q").fill("erin.export+");
            page.locator("#contacts-submit").click();
            assertThat(page).hasURL(Pattern.compile(".*#/contacts\\?q=erin\\.export%2B$"));
            Locator row = page.locator("#contacts-rows tr", new Page.LocatorOptions().setHasText(email));
            assertThat(row).hasCount(1);
            assertThat(row).containsText("Erin Export");
            row.locator("a").click();
            assertThat(page.locator("#contact-name")).hasText("Erin Export");
            assertThat(page.locator("#contact-verified")).hasText("Verified");
            assertThat(page.locator("#p-orders-count")).hasText("1");
            String id = page.url().replaceAll(".*#/contacts/(\\d+)$", "$1");

            Download download = page.waitForDownload(() -> page.locator("#contact-export").click());
            assertThat(download.suggestedFilename()).isEqualTo("contact-" + id + ".json");
            String json = new String(Files.readAllBytes(download.path()), StandardCharsets.UTF_8);
            assertThat(json).contains(email).contains("remarketing-contact-export/1");
            assertThat(page.locator("#contact-status")).hasText("Exported to contact-" + id + ".json.");

            page.locator("#contact-erase").click();
            Locator dialog = page.locator("#erase-dialog");
            assertThat(dialog).isVisible();
            assertThat(page.locator("#erase-confirm")).isFocused();
            assertThat(page.locator("#erase-submit")).isDisabled();
            page.locator("#erase-confirm").fill("erase");
            assertThat(page.locator("#erase-submit")).isDisabled();
            page.locator("#erase-confirm").fill("ERASE");
            assertThat(page.locator("#erase-submit")).isEnabled();
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-contact-erase-dialog.png")));
            page.locator("#erase-submit").click();

            assertThat(page).hasURL(Pattern.compile(".*#/contacts\\?q=erin\\.export%2B$"));
            assertThat(page.locator("#contacts-notice")).hasText("Erin Export was erased.");
            assertThat(page.locator("#contacts-empty")).isVisible();
            assertThat(page.locator("#contacts-empty-title")).hasText("No contact matches");
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-contacts-erased.png")));
            assertThat(contacts.search(email, 0, 10).getTotal()).isZero();

            // the erased contact's page now says so, with the server's message
            page.navigate(url("/remarketing/admin/#/contacts/" + id));
            assertThat(page.locator("#contact-error")).isVisible();
            assertThat(page.locator("#contact-error-detail")).hasText("No such contact.");
        }
    }

    @Test
    void contactsScreenAsksForSignInWithoutAToken() {
        try (BrowserContext context = session.browser.newContext()) {
            Page page = context.newPage();
            page.navigate(url("/remarketing/admin/#/contacts"));
            assertThat(page.locator("#sign-in")).isVisible();
            assertThat(page.locator("#view-contacts")).isHidden();
        }
    }

    /** Waits until the relay has handed every event to the contacts processor. */
    @SuppressWarnings("unchecked")
    private void awaitContact(String q, int events) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        long recorded = 0;
        while (Instant.now().isBefore(deadline)) {
            ContactPage found = contacts.search(q, 0, 1);
            if (found.getTotal() == 1) {
                long id = ((Number) found.getItems().get(0).get("id")).longValue();
                Map<String, Object> timeline = (Map<String, Object>) details.find(id, 0, 1).get().get("timeline");
                recorded = ((Number) timeline.get("total")).longValue();
                if (recorded == events) {
                    return;
                }
            }
            sleep();
        }
        throw new AssertionError("The contact found by " + q + " has " + recorded + " of " + events + " events");
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static TrackedEvent event(EventType type, EventSource source, ShopperIds shopper, Instant at, String cart,
            Map<String, Object> properties) {
        return TrackedEvent.builder(type, source).shopper(shopper).occurredAt(at).cartCode(cart).properties(properties)
            .build();
    }

    private static Map<String, Object> props(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

}
