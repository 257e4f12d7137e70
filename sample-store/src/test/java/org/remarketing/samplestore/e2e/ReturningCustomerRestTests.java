package org.remarketing.samplestore.e2e;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.remarketing.samplestore.e2e.ContactsAdminApi.events;
import static org.remarketing.samplestore.e2e.ContactsAdminApi.hasIdentity;
import static org.remarketing.samplestore.e2e.ContactsAdminApi.ofType;
import static org.remarketing.samplestore.e2e.ContactsAdminApi.types;

/**
 * Issue 3's story through Shopizer's REST subset only, the way a headless shop drives the store
 * (no tracker, no visitor cookie): a guest fills a cart, checks out with an email, later
 * registers with that email, signs in, brings a new cart into the account and changes it. The
 * plugin's admin API must show one contact holding everything the store recorded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:returningrest;MODE=MySQL;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1",
        "sample.mail.embedded=false"})
class ReturningCustomerRestTests {

    @LocalServerPort
    int port;

    @Test
    void guestCheckoutThenRegistrationAndANewCartMakeOneContactWithTheWholeTimeline() {
        ContactsAdminApi admin = new ContactsAdminApi(url(""));
        List<String> skus = purchasable(3);
        String email = "rest.return-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

        // a guest fills a cart and checks out with an email
        JsonNode cart = call("POST", "/api/v1/cart?store=DEFAULT&lang=en", null,
                "{\"product\":\"" + skus.get(0) + "\",\"quantity\":1}", 201);
        String guestCart = cart.get("code").asText();
        call("PUT", "/api/v1/cart/" + guestCart + "?store=DEFAULT&lang=en", null,
                "{\"product\":\"" + skus.get(1) + "\",\"quantity\":2}", 201);
        JsonNode filled = call("PUT", "/api/v1/cart/" + guestCart, null,
                "{\"product\":\"" + skus.get(1) + "\",\"quantity\":1}", 201);
        String total = filled.get("total").decimalValue().toPlainString();
        long orderId = call("POST", "/api/v1/cart/" + guestCart + "/checkout?store=DEFAULT&lang=en", null,
                guestCheckout(email, total), 200).get("id").asLong();

        JsonNode guest = admin.awaitOnlyContact(email, (c) -> types(c).contains("order_placed")
                && types(c).contains("cart_converted") && types(c).contains("cart_item_added"));
        long contactId = guest.get("id").asLong();
        assertThat(events(guest, ofType("order_placed"))).singleElement()
                .satisfies((e) -> assertThat(e.get("properties").get("order_id").asLong()).isEqualTo(orderId));
        assertThat(guest.get("profile").get("orders").get("count").asInt()).isEqualTo(1);

        // later: the same person registers with that email, signs in and brings a new cart into the account
        long customerId = call("POST", "/api/v1/customer/register?store=DEFAULT", null, registration(email), 200)
                .get("id").asLong();
        String token = call("POST", "/api/v1/customer/login", null,
                "{\"username\":\"" + email + "\",\"password\":\"secret123\"}", 200).get("token").asText();
        String newCart = call("POST", "/api/v1/cart?store=DEFAULT&lang=en", null,
                "{\"product\":\"" + skus.get(2) + "\",\"quantity\":1}", 201).get("code").asText();
        JsonNode account = call("GET", "/api/v1/auth/customer/cart?cart=" + newCart + "&store=DEFAULT&lang=en", token,
                null, 200);
        String accountCart = account.get("code").asText();
        // the cart's own event and the merge may be applied in either order (different streams): wait for both
        JsonNode signedIn = admin.awaitOnlyContact(email, (c) -> types(c).contains("cart_merged")
                && c.get("profile").get("cart").get("items").asInt() > 0);
        assertThat(signedIn.get("profile").get("cart").get("code").asText()).isEqualTo(accountCart);
        assertThat(signedIn.get("profile").get("cart").get("items").asInt()).as("the cart taken into the account")
                .isEqualTo(1);
        call("PUT", "/api/v1/cart/" + accountCart + "?store=DEFAULT&lang=en", null,
                "{\"product\":\"" + skus.get(2) + "\",\"quantity\":3}", 201);

        JsonNode contact = admin.awaitOnlyContact(email, (c) -> types(c).contains("customer_registered")
                && types(c).lastIndexOf("cart_quantity_changed") > types(c).indexOf("cart_merged"));
        assertThat(contact.get("id").asLong()).as("the guest's contact is the customer's").isEqualTo(contactId);
        assertThat(admin.search(String.valueOf(customerId))).extracting((c) -> c.get("id").asLong())
                .containsExactly(contactId);
        assertThat(hasIdentity(contact, "CUSTOMER", String.valueOf(customerId))).isTrue();
        assertThat(hasIdentity(contact, "EMAIL", email)).isTrue();

        List<String> timeline = types(contact);
        assertThat(timeline).containsSubsequence("cart_item_added", "cart_item_added", "cart_quantity_changed",
                "cart_converted", "customer_registered", "cart_quantity_changed");
        assertThat(timeline).contains("order_placed", "cart_item_added");
        // the guest cart's lines and the new cart's line, all of them
        assertThat(events(contact, ofType("cart_item_added"))).extracting((e) -> e.get("properties").get("sku").asText())
                .containsExactlyInAnyOrder(skus.get(0), skus.get(1), skus.get(2));
        JsonNode profile = contact.get("profile");
        assertThat(profile.get("customerId").asLong()).isEqualTo(customerId);
        assertThat(profile.get("email").asText()).isEqualTo(email);
        assertThat(profile.get("firstName").asText()).isEqualTo("Lan");
        assertThat(profile.get("orders").get("count").asInt()).isEqualTo(1);
        assertThat(profile.get("cart").get("code").asText()).isEqualTo(accountCart);
        assertThat(profile.get("cart").get("items").asInt()).isEqualTo(3);
    }

    private List<String> purchasable(int count) {
        return new StoreApi(url("")).purchasable(count);
    }

    private static String guestCheckout(String email, String amount) {
        return "{\"customer\":{\"emailAddress\":\"" + email + "\",\"billing\":{\"firstName\":\"Lan\",\"lastName\":\"Tran\","
                + "\"address\":\"1 Hang Bac\",\"city\":\"Ha Noi\",\"postalCode\":\"100000\",\"country\":\"VN\"}},"
                + "\"payment\":{\"paymentType\":\"CREDITCARD\",\"transactionType\":\"CAPTURE\",\"paymentModule\":\"stripe\","
                + "\"amount\":\"" + amount + "\"}}";
    }

    private static String registration(String email) {
        return "{\"emailAddress\":\"" + email + "\",\"password\":\"secret123\",\"repeatPassword\":\"secret123\","
                + "\"gender\":\"F\",\"language\":\"en\",\"storeCode\":\"DEFAULT\","
                + "\"billing\":{\"firstName\":\"Lan\",\"lastName\":\"Tran\",\"country\":\"VN\"}}";
    }

    private JsonNode call(String method, String path, String token, String body, int expected) {
        return new StoreApi(url("")).call(method, path, token, body, expected);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
