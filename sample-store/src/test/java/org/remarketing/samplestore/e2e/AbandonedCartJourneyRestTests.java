package org.remarketing.samplestore.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.remarketing.samplestore.e2e.DemoMailbox.header;
import static org.remarketing.samplestore.e2e.JourneysAdminApi.dueAt;

/**
 * The abandoned-cart journey through Shopizer's REST subset only, on the sample store's demo timing
 * (a journey hour lasts a minute; a cart counts as left after one minute). A guest gives no email
 * through the REST subset without ordering, so the shopper is a registered customer: a cart filled
 * as a guest and taken into the account, then left. The first reminder names its products with
 * their quantities; its recovery link, opened by a client with an empty cookie jar, gives a guest
 * cart with those products and signs no one in; the order placed from that cart ends the run, and
 * no other reminder comes (checked past the second step's time). Steps at 0, 30 s and 1 min (30 and 60 journey minutes), no holdout, and
 * a short frequency cap of 3 (so that a step the order did not stop would arrive) for this class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:cartjourneyrest;MODE=MySQL;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1",
        "remarketing.import.enabled=false",
        "remarketing.journeys.cap-short-count=3"})
class AbandonedCartJourneyRestTests {

    private static final Logger log = LoggerFactory.getLogger(AbandonedCartJourneyRestTests.class);

    static final String JOURNEY = "abandoned-cart";
    static final Pattern RECOVERY_LINK = Pattern.compile("https?://[^\\s\"<>]+/api/v1/remarketing/cart/recover\\?t=[A-Za-z0-9_.-]+");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) throws IOException {
        BrowserTestSupport.smtp(registry);
    }

    @Test
    void aLeftCartIsRemindedRecoveredWithoutSignInAndTheOrderEndsTheJourney() throws Exception {
        ContactsAdminApi contacts = new ContactsAdminApi(url(""));
        JourneysAdminApi journeys = new JourneysAdminApi(contacts);
        JsonNode before = journeys.journey(JOURNEY);
        journeys.update(JOURNEY, JourneysAdminApi.steps("cart-reminder", 0, 30, 60).put("holdoutPercent", 0));
        try {
            remindedRecoveredAndOrdered(contacts, journeys);
        }
        finally {
            journeys.update(JOURNEY, JourneysAdminApi.settingsOf(before));
        }
    }

    private void remindedRecoveredAndOrdered(ContactsAdminApi contacts, JourneysAdminApi journeys) throws Exception {
        StoreApi api = new StoreApi(url(""));
        DemoMailbox mailbox = new DemoMailbox(url(""));
        List<String> skus = api.purchasable(2);
        Map<String, Integer> quantities = new LinkedHashMap<>();
        quantities.put(skus.get(0), 2);
        quantities.put(skus.get(1), 1);
        String email = "rest.cart-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

        // a customer fills a cart as a guest, signs in (the cart goes into the account) and leaves
        String token = api.register(email, "Lan", "en");
        String guestCart = api.call("POST", "/api/v1/cart?store=DEFAULT&lang=en", null,
                "{\"product\":\"" + skus.get(0) + "\",\"quantity\":2}", 201).get("code").asText();
        api.call("PUT", "/api/v1/cart/" + guestCart + "?store=DEFAULT&lang=en", null,
                "{\"product\":\"" + skus.get(1) + "\",\"quantity\":1}", 201);
        String accountCart = api.call("GET", "/api/v1/auth/customer/cart?cart=" + guestCart + "&store=DEFAULT&lang=en",
                token, null, 200).get("code").asText();
        Instant leftAt = Instant.now();
        long contactId = contacts.awaitOnlyContact(email, (c) -> c.get("profile").get("cart").get("items").asInt() == 3
                && accountCart.equals(c.get("profile").get("cart").get("code").asText())).get("id").asLong();

        JsonNode reminder = mailbox.awaitFirst(email, Duration.ofMinutes(3));
        Duration after = Duration.between(leftAt, Instant.parse(reminder.get("receivedAt").asText()));
        log.info("The first reminder reached the mailbox {} s after the cart was left", after.toMillis() / 1000.0);
        assertThat(after).as("from leaving the cart to the reminder in the mailbox").isLessThanOrEqualTo(Duration.ofMinutes(2));
        String text = reminder.get("text").asText();
        quantities.forEach((sku, quantity) -> assertThat(text).as("the reminder names %s with its quantity", sku)
                .containsPattern(Pattern.quote("* " + name(api, sku)) + "\\R\\s+Quantity: " + quantity + "\\b"));
        assertThat(header(reminder, "List-Unsubscribe")).contains("/api/v1/remarketing/email/unsubscribe?t=");
        assertThat(header(reminder, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");

        // the link, opened by a client that has never seen the store
        Matcher link = RECOVERY_LINK.matcher(text);
        assertThat(link.find()).as("a recovery link in the reminder").isTrue();
        URI recovery = URI.create(link.group());
        CookieJarBrowser fresh = new CookieJarBrowser(url(""));
        HttpResponse<String> recovered = fresh.get(recovery.getRawPath() + "?" + recovery.getRawQuery());
        assertThat(recovered.statusCode()).isEqualTo(302);
        assertThat(recovered.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/cart"));
        String restored = fresh.cookie("sample_cart");
        assertThat(restored).as("a guest cart of its own, not the account's").isNotNull().isNotEqualTo(accountCart);
        assertThat(fresh.get("/cart").body()).contains("href=\"/product/" + skus.get(0) + "\"",
                "href=\"/product/" + skus.get(1) + "\"");
        JsonNode cart = api.call("GET", "/api/v1/cart/" + restored + "?store=DEFAULT&lang=en", null, null, 200);
        Map<String, Integer> lines = new LinkedHashMap<>();
        cart.get("products").forEach((p) -> lines.put(p.get("sku").asText(), p.get("quantity").asInt()));
        assertThat(lines).isEqualTo(quantities);
        HttpResponse<String> account = fresh.get("/account");
        assertThat(account.statusCode()).isEqualTo(302);
        assertThat(account.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/login"));

        // the order, from that cart, with the shopper's own email
        long orderId = api.call("POST", "/api/v1/cart/" + restored + "/checkout?store=DEFAULT&lang=en", null,
                guestCheckout(email, cart.get("total").decimalValue().toPlainString()), 200).get("id").asLong();

        List<JsonNode> messages = journeys.awaitMessages(contactId, JOURNEY, (m) -> m.size() == 3
                && !m.get(1).get("state").asText().equals("SCHEDULED"), Duration.ofSeconds(60));
        assertThat(messages).as(JourneysAdminApi.describe(messages)).extracting((m) -> m.get("state").asText())
                .containsExactly("SENT", "CANCELLED", "CANCELLED");
        assertThat(messages.get(1).get("reason").asText()).startsWith("stopped").contains("ordered");
        JsonNode run = journeys.message(messages.get(0).get("id").asLong()).get("run");
        assertThat(run.get("state").asText()).isEqualTo("EXITED");
        assertThat(run.get("exitReason").asText()).isEqualTo("ordered");
        // the order itself starts the event-triggered after-order journey: one step, 7 journey days later
        List<JsonNode> afterOrder = journeys.awaitMessages(contactId, "after-order", (m) -> m.size() == 1,
                Duration.ofSeconds(30));
        assertThat(afterOrder.get(0).get("state").asText()).isEqualTo("SCHEDULED");
        assertThat(dueAt(afterOrder.get(0))).isAfter(Instant.now().plus(Duration.ofMinutes(7 * 24 - 5)));

        Pause.until(dueAt(messages.get(1)).plusSeconds(10));
        assertThat(mailbox.to(email)).extracting((m) -> m.get("subject").asText())
                .containsExactly(reminder.get("subject").asText(), "Your order #" + orderId + " is confirmed");
    }

    private static String name(StoreApi api, String sku) {
        return api.call("GET", "/api/v2/product/" + sku + "?store=DEFAULT&lang=en", null, null, 200).get("name").asText();
    }

    private static String guestCheckout(String email, String amount) {
        return "{\"customer\":{\"emailAddress\":\"" + email + "\",\"billing\":{\"firstName\":\"Lan\",\"lastName\":\"Tran\","
                + "\"address\":\"1 Hang Bac\",\"city\":\"Ha Noi\",\"postalCode\":\"100000\",\"country\":\"VN\"}},"
                + "\"payment\":{\"paymentType\":\"CREDITCARD\",\"transactionType\":\"CAPTURE\",\"paymentModule\":\"stripe\","
                + "\"amount\":\"" + amount + "\"}}";
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
