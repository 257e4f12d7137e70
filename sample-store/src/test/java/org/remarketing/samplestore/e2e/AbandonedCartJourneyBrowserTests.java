package org.remarketing.samplestore.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.remarketing.core.journeys.Holdouts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.util.HtmlUtils;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.remarketing.samplestore.e2e.ContactsAdminApi.types;
import static org.remarketing.samplestore.e2e.DemoMailbox.header;
import static org.remarketing.samplestore.e2e.JourneysAdminApi.dueAt;
import static org.remarketing.samplestore.e2e.JourneysAdminApi.ofRun;

/**
 * The abandoned-cart journey end to end in Chromium on the sample store's demo timing (a journey
 * hour lasts a minute; a cart counts as left after one minute). Guests look at two products, put
 * both in the cart, type their email at checkout and leave. Then, sharing the wait:
 * <ul>
 * <li>the first reminder reaches the demo mailbox within two minutes, addressed to the guest, naming
 * both products with their quantities, with RFC 8058 unsubscribe headers; its recovery link, opened
 * in a browser with no cookies, shows that cart without signing anyone in; the order placed from it
 * ends the run ("ordered"), cancels the later steps, and no other reminder comes;</li>
 * <li>a guest the journey holds out gets nothing, and the log says why;</li>
 * <li>a guest who unsubscribes with the header's one-click link gets nothing more: the run's later
 * steps and, when the guest comes back and leaves the cart again, the next run's step are
 * suppressed ("suppressed: unsubscribed …").</li>
 * </ul>
 * The journey's steps are set to 0, 1 and 2 minutes (60 and 120 journey minutes) and its re-entry to
 * 0 days for the class, and its holdout share (at most 50 %) just above the lowest holdout bucket of
 * the guests' contacts; all put back after. The abandoned-checkout journey
 * is paused meanwhile (these guests reached checkout, so it would send its own reminder), and the
 * short frequency cap allows 3 mails, so that a step the order did not stop would arrive.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:cartjourney;MODE=MySQL;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1",
        "remarketing.import.enabled=false",
        "remarketing.journeys.cap-short-count=3"})
class AbandonedCartJourneyBrowserTests extends BrowserTestSupport {

    private static final Logger log = LoggerFactory.getLogger(AbandonedCartJourneyBrowserTests.class);

    /** A desktop Chrome: the events endpoint ignores HeadlessChrome as a bot. */
    static final String DESKTOP_CHROME = ReturningShopperBrowserTests.DESKTOP_CHROME;

    static final String JOURNEY = "abandoned-cart";

    /** What the demo promises: a reminder within two minutes of leaving the cart. */
    static final Duration PROMISED = Duration.ofMinutes(2);
    static final Duration WAIT = Duration.ofMinutes(4);
    static final Pattern RECOVERY_LINK = Pattern.compile("https?://[^\\s\"<>]+/api/v1/remarketing/cart/recover\\?t=[A-Za-z0-9_.-]+");
    static final Pattern UNSUBSCRIBE_URL = Pattern.compile("<(https?://[^>]+/api/v1/remarketing/email/unsubscribe\\?t=[^>]+)>");

    private final List<Guest> guests = new ArrayList<>();
    private ContactsAdminApi contacts;
    private JourneysAdminApi journeys;
    private DemoMailbox mailbox;
    private JsonNode cartJourneyBefore;
    private JsonNode checkoutJourneyBefore;

    /** Messaged guests: the first orders from the reminder's link, the second unsubscribes. */
    private Guest ordering;
    private Guest unsubscribing;
    private Guest heldOut;

    @Override
    String userAgent() {
        return DESKTOP_CHROME;
    }

    @BeforeAll
    void guestsLeaveTheirCartsAndReactToTheFirstReminder() {
        contacts = new ContactsAdminApi(url(""));
        journeys = new JourneysAdminApi(contacts);
        mailbox = new DemoMailbox(url(""));
        cartJourneyBefore = journeys.journey(JOURNEY);
        checkoutJourneyBefore = journeys.journey("abandoned-checkout");
        journeys.update(JOURNEY, JourneysAdminApi.steps("cart-reminder", 0, 60, 120).put("holdoutPercent", 0)
                .put("reentryDays", 0));
        journeys.update("abandoned-checkout", JourneysAdminApi.changes().put("enabled", false));

        // guests until a holdout share (at most 50 %) holds one out and messages two others: set just
        // above the lowest bucket of their contacts, before any of them has stayed away a minute
        while (true) {
            assertThat(guests).as("ten guests and no holdout share that holds one out and messages two").hasSizeLessThan(10);
            guests.add(new Guest(guests.size()));
            heldOut = guests.stream().min(Comparator.comparingInt((g) -> g.bucket)).orElseThrow();
            if (heldOut.bucket < 50 && guests.stream().filter((g) -> g.bucket > heldOut.bucket).count() >= 2) {
                break;
            }
        }
        int holdout = heldOut.bucket + 1;
        journeys.update(JOURNEY, JourneysAdminApi.changes().put("holdoutPercent", holdout));
        for (Guest guest : guests) {
            assertThat(journeys.messages(guest.contactId)).as("a guest entered the journey before its holdout was set")
                    .isEmpty();
        }
        List<Guest> messaged = guests.stream().filter((g) -> g.bucket >= holdout).collect(Collectors.toList());
        ordering = messaged.get(0);
        unsubscribing = messaged.get(1);
        log.info("{} guests left their carts in {} s; holdout {} %", guests.size(),
                Duration.between(guests.get(0).leftAt, guests.get(guests.size() - 1).leftAt).toSeconds(), holdout);

        // one loop reacts to whichever reminder comes first, as each shopper would
        while (ordering.reminder == null || unsubscribing.reminder == null) {
            if (unsubscribing.reminder == null && !mailbox.to(unsubscribing.email).isEmpty()) {
                unsubscribing.reminder = mailbox.to(unsubscribing.email).get(0);
                unsubscribeAndComeBack(unsubscribing);
            }
            if (ordering.reminder == null && !mailbox.to(ordering.email).isEmpty()) {
                ordering.reminder = mailbox.to(ordering.email).get(0);
                recoverAndOrder(ordering);
            }
            assertThat(Instant.now()).as("no reminder %s after the carts were left", WAIT)
                    .isBefore(guests.get(0).leftAt.plus(WAIT));
            Pause.pause(Duration.ofMillis(500));
        }
    }

    @AfterAll
    void putTheJourneysBack() {
        guests.forEach((g) -> g.context.close());
        if (cartJourneyBefore != null) {
            journeys.update(JOURNEY, JourneysAdminApi.settingsOf(cartJourneyBefore));
            journeys.update("abandoned-checkout", JourneysAdminApi.settingsOf(checkoutJourneyBefore));
        }
    }

    @Test
    void theFirstReminderNamesTheCartAndItsLinkBringsTheCartBackWithoutSigningIn() {
        JsonNode mail = ordering.reminder;
        Duration after = Duration.between(ordering.leftAt, Instant.parse(mail.get("receivedAt").asText()));
        log.info("The first reminder reached the mailbox {} s after the cart was left", after.toMillis() / 1000.0);
        assertThat(after).as("from leaving the cart to the reminder in the mailbox").isLessThanOrEqualTo(PROMISED);

        assertThat(mail.get("to").asText()).isEqualTo(ordering.email);
        assertThat(mail.get("subject").asText()).contains("cart");
        String text = mail.get("text").asText();
        String html = mail.get("html").asText();
        ordering.cart.forEach((name, quantity) -> {
            assertThat(text).as("the text part names %s with its quantity", name)
                    .containsPattern(Pattern.quote("* " + name) + "\\R\\s+Quantity: " + quantity + "\\b");
            assertThat(html).as("the HTML part names %s", name).contains(HtmlUtils.htmlEscape(name));
        });
        assertThat(header(mail, "List-Unsubscribe")).containsPattern(UNSUBSCRIBE_URL).contains("<mailto:");
        assertThat(header(mail, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");

        // the link, opened in a browser that has never seen the store
        assertThat(ordering.recovered.landedOn).endsWith("/cart");
        assertThat(ordering.recovered.lines).isEqualTo(ordering.skuQuantities);
        assertThat(ordering.recovered.names).containsExactlyInAnyOrderElementsOf(ordering.cart.keySet());
        assertThat(ordering.recovered.accountLandedOn).as("the account page asks for a sign-in").endsWith("/login");
        assertThat(ordering.recovered.orderNumber).isNotBlank();
    }

    @Test
    void theOrderEndsTheRunAndNoOtherReminderComes() {
        List<JsonNode> messages = journeys.awaitMessages(ordering.contactId, "abandoned-cart", (m) -> m.size() == 3
                && m.get(1).get("state").asText().equals("CANCELLED"), Duration.ofSeconds(60));
        assertThat(messages).extracting((m) -> m.get("state").asText()).containsExactly("SENT", "CANCELLED", "CANCELLED");
        assertThat(messages.get(1).get("reason").asText()).startsWith("stopped").contains("ordered");
        assertThat(messages.get(0).get("recipient").asText()).isEqualTo(ordering.email);
        JsonNode run = journeys.message(messages.get(0).get("id").asLong()).get("run");
        assertThat(run.get("state").asText()).isEqualTo("EXITED");
        assertThat(run.get("exitReason").asText()).isEqualTo("ordered");
        assertThat(run.get("holdout").asBoolean()).isFalse();

        // past the second step's time, the mailbox holds the reminder and the order's confirmation only
        Pause.until(dueAt(messages.get(1)).plusSeconds(15));
        assertThat(mailbox.to(ordering.email)).extracting((m) -> m.get("subject").asText())
                .containsExactly(ordering.reminder.get("subject").asText(),
                        "Your order #" + ordering.recovered.orderNumber + " is confirmed");
    }

    @Test
    void aHeldOutGuestGetsNothingAndTheLogSaysWhy() {
        List<JsonNode> messages = journeys.awaitMessages(heldOut.contactId, (m) -> m.size() == 3, WAIT);
        assertThat(messages).allSatisfy((m) -> {
            assertThat(m.get("state").asText()).isEqualTo("HELD_OUT");
            assertThat(m.get("reason").asText()).startsWith("holdout");
        });
        assertThat(journeys.message(messages.get(0).get("id").asLong()).get("run").get("holdout").asBoolean()).isTrue();

        Pause.until(dueAt(messages.get(1)).plusSeconds(15));
        assertThat(mailbox.to(heldOut.email)).isEmpty();
    }

    @Test
    void aGuestWhoUnsubscribedGetsNothingMore() {
        assertThat(unsubscribing.unsubscribeAnswer).isEqualTo(200);
        // the run going on: its later steps are suppressed at once
        List<JsonNode> messages = journeys.awaitMessages(unsubscribing.contactId, (m) -> ofRun(m, 0).size() == 3
                && ofRun(m, 0).get(1).get("state").asText().equals("SUPPRESSED"), Duration.ofSeconds(30));
        assertThat(ofRun(messages, 0)).extracting((m) -> m.get("state").asText())
                .containsExactly("SENT", "SUPPRESSED", "SUPPRESSED");
        assertThat(ofRun(messages, 0).get(2).get("reason").asText()).contains("unsubscribed");

        // back a minute later, the cart changed and left again: the next run's reminder is refused when due
        messages = journeys.awaitMessages(unsubscribing.contactId, (m) -> !ofRun(m, 1).isEmpty()
                && !ofRun(m, 1).get(0).get("state").asText().equals("SCHEDULED"), WAIT);
        JsonNode next = ofRun(messages, 1).get(0);
        assertThat(next.get("state").asText()).isEqualTo("SUPPRESSED");
        assertThat(next.get("reason").asText()).startsWith("suppressed: unsubscribed");

        Pause.until(dueAt(ofRun(messages, 0).get(1)).plusSeconds(15));
        assertThat(mailbox.to(unsubscribing.email)).as("the first reminder only").hasSize(1);
    }

    /** The reminder's recovery link in a fresh browser (no cookies): the cart, the account page, an order. */
    private void recoverAndOrder(Guest guest) {
        Matcher link = RECOVERY_LINK.matcher(guest.reminder.get("text").asText());
        assertThat(link.find()).as("a recovery link in the reminder").isTrue();
        String origin = URI.create(link.group()).resolve("/").toString();
        Recovered recovered = new Recovered();
        try (BrowserContext fresh = session.browser.newContext(new Browser.NewContextOptions()
                .setUserAgent(DESKTOP_CHROME).setViewportSize(1280, 900))) {
            Page page = fresh.newPage();
            page.navigate(link.group());
            recovered.landedOn = page.url();
            for (Locator line : page.locator("[data-test=cart-line]").all()) {
                recovered.lines.put(line.getAttribute("data-sku"),
                        Integer.parseInt(line.locator("[data-test=line-quantity]").inputValue()));
                recovered.names.add(line.locator("[data-test=line-name]").textContent().trim());
            }
            page.navigate(origin + "account");
            recovered.accountLandedOn = page.url();

            page.navigate(origin + "cart");
            page.locator("[data-test=checkout]").click();
            page.locator("#checkout-email").fill(guest.email);
            page.locator("[data-test=checkout-continue]").click();
            fillShipping(page, "Lan", "Tran", "1 Hang Bac", "Ha Noi", "100000", "VN");
            page.locator("[data-test=checkout-continue]").click();
            page.locator("[data-test=place-order]").click();
            assertThat(page.locator("[data-test=order-number]")).isVisible();
            recovered.orderNumber = page.locator("[data-test=order-number]").textContent().trim();
        }
        guest.recovered = recovered;
    }

    /**
     * RFC 8058 one-click, as a mailbox provider sends it (no cookie), then the guest comes back to the
     * store, changes the cart and leaves again.
     */
    private void unsubscribeAndComeBack(Guest guest) {
        Matcher url = UNSUBSCRIBE_URL.matcher(String.valueOf(header(guest.reminder, "List-Unsubscribe")));
        assertThat(url.find()).as("an https unsubscribe URL in List-Unsubscribe").isTrue();
        try {
            guest.unsubscribeAnswer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.group(1)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (IOException ex) {
            throw new AssertionError("the one-click unsubscribe failed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
        Page page = guest.page;
        page.navigate(url("/cart"));
        page.locator("[data-test=line-quantity]").first().fill("3");
        page.locator("[data-test=update-quantity]").first().click();
        assertThat(page.locator("[data-test=line-quantity]").first()).hasValue("3");
        page.waitForTimeout(1_000);
        page.navigate(url("/"));
    }

    /**
     * A guest on a laptop: two products of one category into the cart (two of the first), the email
     * typed at checkout, then gone. Their contact, and whether the journey holds it out, are known
     * before the cart counts as left.
     */
    private final class Guest {

        final BrowserContext context = session.browser.newContext(new Browser.NewContextOptions()
                .setUserAgent(DESKTOP_CHROME).setViewportSize(1280, 900));
        final Page page = context.newPage();
        final String email = "guest" + guests.size() + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        /** Product name → quantity, as the store shows them. */
        final Map<String, Integer> cart = new LinkedHashMap<>();
        final Map<String, Integer> skuQuantities = new LinkedHashMap<>();
        final Instant leftAt;
        final long contactId;
        /** The journey holds the guest out when its holdout share is above this (0–99). */
        final int bucket;
        JsonNode reminder;
        Recovered recovered;
        int unsubscribeAnswer;

        Guest(int n) {
            page.navigate(url("/"));
            page.locator("a[href*='/category/']").nth(n % 6).click();
            page.waitForURL(Pattern.compile(".*/category/.*"));
            String category = page.url();
            addToCart(2 * (n / 6), 2);
            page.navigate(category);
            addToCart(2 * (n / 6) + 1, 1);
            page.navigate(url("/cart"));
            page.locator("[data-test=checkout]").click();
            assertThat(page.locator("[data-test=reminder-notice]")).isVisible();
            page.locator("#checkout-email").fill(email);
            page.locator("#checkout-email").blur();
            page.waitForTimeout(1_000);
            page.navigate(url("/"));
            leftAt = Instant.now();
            contactId = contacts.awaitOnlyContact(email, (c) -> types(c).contains("email_captured")
                    && c.get("profile").get("cart").get("items").asInt() == 3).get("id").asLong();
            bucket = Holdouts.bucket(JOURNEY, contactId);
        }

        private void addToCart(int product, int quantity) {
            // a product's picture and its name both link to it
            List<String> products = new ArrayList<>();
            page.locator("a[href*='/product/']").first().waitFor();
            for (Locator link : page.locator("a[href*='/product/']").all()) {
                String href = link.getAttribute("href");
                if (!products.contains(href)) {
                    products.add(href);
                }
            }
            page.locator("a[href='" + products.get(product) + "']").first().click();
            page.waitForURL(Pattern.compile(".*/product/.*"));
            String sku = page.locator("main").getAttribute("data-sku");
            String name = page.locator("[data-test=product-title]").textContent().trim();
            page.locator("#quantity").fill(String.valueOf(quantity));
            page.locator("[data-test=add-to-cart]").first().click();
            cart.put(name, quantity);
            skuQuantities.put(sku, quantity);
            int items = skuQuantities.values().stream().mapToInt(Integer::intValue).sum();
            assertThat(page.locator("[data-test=cart-count]")).hasText(String.valueOf(items));
        }
    }

    /** What the fresh browser saw after following the recovery link. */
    private static final class Recovered {

        String landedOn;
        final Map<String, Integer> lines = new LinkedHashMap<>();
        final List<String> names = new ArrayList<>();
        String accountLandedOn;
        String orderNumber;
    }
}
