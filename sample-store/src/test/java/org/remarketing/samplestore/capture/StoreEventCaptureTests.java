package org.remarketing.samplestore.capture;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.remarketing.core.tracking.EventSource;
import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.Outbox;
import org.remarketing.core.tracking.ShopperContext;
import org.remarketing.core.tracking.TrackedEvent;
import org.remarketing.samplestore.cart.CartService;
import org.remarketing.samplestore.customer.CustomerService;
import org.remarketing.shopizer.ShopizerCapture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The store's own writes, made through Shopizer's REST subset, become events in the outbox in
 * the store's transaction: exactly the expected ones, in order, with their identifiers; reads
 * and rolled back transactions leave none.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:capture;MODE=MySQL;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1",
        "sample.mail.embedded=false",
        // the seed's history would be appended to the same outbox while the tests count what capture wrote
        "remarketing.import.enabled=false"})
@AutoConfigureMockMvc
class StoreEventCaptureTests {

    private static final String DOMAIN = "@capture.test";

    @DynamicPropertySource
    static void freeSmtpPort(DynamicPropertyRegistry registry) {
        registry.add("sample.mail.smtp-port", StoreEventCaptureTests::freePort);
    }

    @TestConfiguration
    static class CaptureTestConfiguration {

        @Bean
        RecordingOutbox recordingOutbox(DataSource dataSource) {
            return new RecordingOutbox(dataSource);
        }

        @Bean
        ShopperContext shopperContext() {
            return new ShopperContext();
        }
    }

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired JdbcTemplate jdbc;
    @Autowired RecordingOutbox outbox;
    @Autowired ShopperContext shoppers;
    @Autowired ShopizerCapture capture;
    @Autowired CartService carts;
    @Autowired CustomerService customers;
    @Autowired EntityManager em;
    @Autowired PlatformTransactionManager transactions;

    // ---- carts -------------------------------------------------------------------------------

    @Test
    void cartChangesAreEventsOfTheirCartAndVisitor() throws Exception {
        long coffee = productId("COF001");
        long other = productId("COF002");
        String visitor = "v-" + UUID.randomUUID();
        String code = as(visitor, () -> newCart("COF001", 2)).get("code").asText();
        as(visitor, () -> setQuantity(code, "COF002", 1));
        as(visitor, () -> setQuantity(code, "COF001", 5));
        as(visitor, () -> setQuantity(code, "COF001", 5)); // the same quantity again: nothing changed
        as(visitor, () -> setQuantity(code, "COF002", 0));
        as(visitor, () -> setQuantity(code, "COF001", 0));

        List<TrackedEvent> events = eventsOfCart(code);
        assertThat(events).extracting(TrackedEvent::type).containsExactly(EventType.CART_ITEM_ADDED,
                EventType.CART_ITEM_ADDED, EventType.CART_QUANTITY_CHANGED, EventType.CART_ITEM_REMOVED,
                EventType.CART_ITEM_REMOVED, EventType.CART_EMPTIED);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.source()).isEqualTo(EventSource.STORE);
            assertThat(e.shopper().visitorId()).isEqualTo(visitor);
            assertThat(e.shopper().customerId()).isNull();
            assertThat(e.shopper().email()).isNull();
        });
        assertThat(events.get(0).properties()).containsExactly(Map.entry("product_id", coffee),
                Map.entry("sku", "COF001"), Map.entry("quantity", 2L));
        assertThat(events.get(1).properties()).containsExactly(Map.entry("product_id", other),
                Map.entry("sku", "COF002"), Map.entry("quantity", 1L));
        assertThat(events.get(2).properties()).containsExactly(Map.entry("product_id", coffee),
                Map.entry("sku", "COF001"), Map.entry("quantity", 5L), Map.entry("previous_quantity", 2L));
        assertThat(events.get(3).properties()).containsEntry("sku", "COF002").containsEntry("quantity", 1L);
        assertThat(events.get(4).properties()).containsEntry("sku", "COF001").containsEntry("quantity", 5L);
        assertThat(events.get(5).properties()).isEmpty();
    }

    @Test
    void readingACartIsNoEvent() throws Exception {
        String code = newCart("COF003", 1).get("code").asText();
        setQuantity(code, "COF003", 3);
        int before = outbox.appended().size();

        call(get("/api/v1/cart/" + code + "?store=DEFAULT&lang=en"), null, null).andExpect(status().isOk());
        call(get("/api/v1/cart/" + code + "/total"), null, null).andExpect(status().isOk());
        call(get("/api/v1/cart/" + code + "?lang=vi"), null, null).andExpect(status().isOk());
        // a write through the service that changes nothing a shopper did (same quantity, date bumped)
        carts.setQuantity(code, "COF003", 3, java.util.Locale.ENGLISH);

        assertThat(outbox.appended().subList(before, outbox.appended().size())).isEmpty();
        assertThat(eventsOfCart(code)).extracting(TrackedEvent::type)
                .containsExactly(EventType.CART_ITEM_ADDED, EventType.CART_QUANTITY_CHANGED);
    }

    // ---- checkout ----------------------------------------------------------------------------

    @Test
    void guestCheckoutPlacesAnOrderWithItsVerifiedEmailAndConvertsTheCart() throws Exception {
        java.time.Instant started = java.time.Instant.now();
        String visitor = "v-" + UUID.randomUUID();
        JsonNode cart = as(visitor, () -> newCart("COF004", 2));
        String code = cart.get("code").asText();
        as(visitor, () -> setQuantity(code, "COF005", 1));
        BigDecimal total = json.readTree(call(get("/api/v1/cart/" + code), null, null).andReturn().getResponse()
                .getContentAsString()).get("total").decimalValue();
        String email = unique("Guest");

        // a refused payment: the store's transaction rolls back, no event
        as(visitor, () -> call(post("/api/v1/cart/" + code + "/checkout"), null, guestBody(email, "0.01"))
                .andExpect(status().isBadRequest()));
        assertThat(eventsOfCart(code)).extracting(TrackedEvent::type)
                .containsExactly(EventType.CART_ITEM_ADDED, EventType.CART_ITEM_ADDED);

        JsonNode order = as(visitor, () -> read(call(post("/api/v1/cart/" + code + "/checkout?store=DEFAULT&lang=en"),
                null, guestBody(email, total.toPlainString())).andExpect(status().isOk())));
        long orderId = order.get("id").asLong();

        List<TrackedEvent> events = eventsOfCart(code);
        assertThat(events).extracting(TrackedEvent::type).containsExactly(EventType.CART_ITEM_ADDED,
                EventType.CART_ITEM_ADDED, EventType.ORDER_PLACED, EventType.CART_CONVERTED);
        TrackedEvent placed = events.get(2);
        assertThat(placed.shopper().email()).isEqualTo(email.toLowerCase());
        assertThat(placed.shopper().emailVerified()).isTrue();
        assertThat(placed.shopper().customerId()).as("a guest's CUSTOMER row is no identity").isNull();
        assertThat(placed.shopper().visitorId()).isEqualTo(visitor);
        assertThat(placed.property("order_id")).isEqualTo(orderId);
        assertThat((BigDecimal) placed.property("value")).isEqualByComparingTo(total);
        assertThat(placed.property("currency")).isEqualTo(jdbc.queryForObject(
                "select c.CURRENCY_CODE from ORDERS o join CURRENCY c on c.CURRENCY_ID = o.CURRENCY_ID where o.ORDER_ID = ?",
                String.class, orderId));
        assertThat(placed.property("status")).isEqualTo("ORDERED");
        assertThat(placed.property("guest")).isEqualTo(true);
        // DATE_PURCHASED is a DATE column: the event keeps the time of day the store set on the entity
        assertThat(placed.occurredAt()).isBetween(started, java.time.Instant.now());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) placed.property("items");
        assertThat(items).extracting(i -> i.get("sku"), i -> i.get("quantity"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("COF004", 2L),
                        org.assertj.core.groups.Tuple.tuple("COF005", 1L));
        assertThat(items).allSatisfy(i -> {
            assertThat((String) i.get("name")).isNotBlank();
            assertThat((BigDecimal) i.get("price")).isPositive();
            // the line keeps only the SKU: the product and its category are looked up, for segments
            assertThat(i.get("product_id")).isEqualTo(jdbc.queryForObject("select PRODUCT_ID from PRODUCT where SKU = ?",
                    Long.class, i.get("sku")));
            assertThat(i.get("category")).isEqualTo(jdbc.queryForObject("select c.CODE from PRODUCT_CATEGORY pc join"
                    + " CATEGORY c on c.CATEGORY_ID = pc.CATEGORY_ID join PRODUCT p on p.PRODUCT_ID = pc.PRODUCT_ID"
                    + " where p.SKU = ? order by c.CATEGORY_ID limit 1", String.class, i.get("sku")));
        });
        // the relay hands the order over to the event log, off the shopper's request
        long deadline = System.currentTimeMillis() + 15_000;
        while (!outbox.logged(placed.id()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(outbox.logged(placed.id())).as("order_placed in rmk_event").isTrue();
        TrackedEvent converted = events.get(3);
        assertThat(converted.properties()).containsExactly(Map.entry("order_id", orderId));
        assertThat(converted.shopper().email()).isEqualTo(email.toLowerCase());
        assertThat(converted.shopper().visitorId()).isEqualTo(visitor);
        // the guest's CUSTOMER row is no event of its own
        assertThat(outbox.committed()).filteredOn(e -> e.type() == EventType.CUSTOMER_REGISTERED)
                .noneMatch(e -> email.equalsIgnoreCase(e.shopper().email()));
    }

    @Test
    void theBackOfficeChangingAnOrdersStatusIsAnEventWithoutTheClerksVisitor() throws Exception {
        String code = newCart("COF003", 1).get("code").asText();
        BigDecimal total = read(call(get("/api/v1/cart/" + code), null, null)).get("total").decimalValue();
        String email = unique("Status");
        long orderId = read(call(post("/api/v1/cart/" + code + "/checkout"), null, guestBody(email, total.toPlainString()))
                .andExpect(status().isOk())).get("id").asLong();
        as("v-clerk", () -> new TransactionTemplate(transactions).execute(tx -> {
            com.salesmanager.core.model.order.Order order = em.find(com.salesmanager.core.model.order.Order.class, orderId);
            order.setStatus(com.salesmanager.core.model.order.orderstatus.OrderStatus.PROCESSED);
            return null;
        }));
        as("v-clerk", () -> new TransactionTemplate(transactions).execute(tx -> {
            com.salesmanager.core.model.order.Order order = em.find(com.salesmanager.core.model.order.Order.class, orderId);
            order.setLastModified(new java.util.Date()); // not a status change
            return null;
        }));

        List<TrackedEvent> events = eventsOfCart(code);
        assertThat(events).extracting(TrackedEvent::type).containsExactly(EventType.CART_ITEM_ADDED,
                EventType.ORDER_PLACED, EventType.CART_CONVERTED, EventType.ORDER_STATUS_CHANGED);
        TrackedEvent changed = events.get(3);
        assertThat(changed.properties()).containsExactly(Map.entry("order_id", orderId), Map.entry("status", "PROCESSED"),
                Map.entry("previous_status", "ORDERED"));
        assertThat(changed.shopper().email()).isEqualTo(email.toLowerCase());
        assertThat(changed.shopper().visitorId()).isNull();
    }

    @Test
    void aRolledBackStoreTransactionLeavesNoEvent() throws Exception {
        String code = newCart("COF001", 1).get("code").asText();
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            carts.setQuantity(code, "COF001", 4, java.util.Locale.ENGLISH);
            carts.setQuantity(code, "COF002", 1, java.util.Locale.ENGLISH);
            em.flush(); // the listeners saw the changes...
            tx.setRollbackOnly(); // ...which never happened
        });
        setQuantity(code, "COF001", 2); // the next transaction of the store is captured as usual

        assertThat(eventsOfCart(code)).extracting(TrackedEvent::type)
                .containsExactly(EventType.CART_ITEM_ADDED, EventType.CART_QUANTITY_CHANGED);
        assertThat(eventsOfCart(code).get(1).properties()).containsEntry("quantity", 2L).containsEntry("previous_quantity", 1L);
    }

    @Test
    void aFailingOutboxNeverFailsTheStore() throws Exception {
        String code = newCart("COF001", 1).get("code").asText();
        long lost = (Long) capture.status().get("lost");
        outbox.failing = true;
        try {
            setQuantity(code, "COF001", 2);
        } finally {
            outbox.failing = false;
        }
        assertThat(jdbc.queryForObject("select i.QUANTITY from SHOPPING_CART_ITEM i join SHOPPING_CART c"
                + " on c.SHP_CART_ID = i.SHP_CART_ID where c.SHP_CART_CODE = ?", Integer.class, code)).isEqualTo(2);
        assertThat((Long) capture.status().get("lost")).isEqualTo(lost + 1);
        assertThat(eventsOfCart(code)).extracting(TrackedEvent::type).containsExactly(EventType.CART_ITEM_ADDED);
    }

    // ---- customers ---------------------------------------------------------------------------

    @Test
    void registrationIsACustomerWithAVerifiedEmail() throws Exception {
        String email = unique("Lan");
        String visitor = "v-" + UUID.randomUUID();
        JsonNode auth = as(visitor, () -> register(email));
        long customerId = auth.get("id").asLong();

        List<TrackedEvent> events = eventsOf(e -> Objects.equals(e.shopper().customerId(), customerId));
        assertThat(events).extracting(TrackedEvent::type).containsExactly(EventType.CUSTOMER_REGISTERED);
        TrackedEvent registered = events.get(0);
        assertThat(registered.shopper().email()).isEqualTo(email.toLowerCase());
        assertThat(registered.shopper().emailVerified()).isTrue();
        assertThat(registered.shopper().visitorId()).isEqualTo(visitor);
        assertThat(registered.properties()).containsExactly(Map.entry("customer_id", customerId),
                Map.entry("first_name", "Lan"), Map.entry("last_name", "Tran"), Map.entry("gender", "F"),
                Map.entry("language", "en"));

        // a profile change is an event with what changed; saving the same profile again is none
        customers.updateProfile(customerId, "Lan", "Nguyen", "vi", LocalDate.of(1990, 5, 17));
        customers.updateProfile(customerId, "Lan", "Nguyen", "vi", LocalDate.of(1990, 5, 17));
        events = eventsOf(e -> Objects.equals(e.shopper().customerId(), customerId));
        assertThat(events).extracting(TrackedEvent::type)
                .containsExactly(EventType.CUSTOMER_REGISTERED, EventType.CUSTOMER_UPDATED);
        assertThat(events.get(1).properties()).containsEntry("changed", List.of("last_name", "birthday", "language"))
                .containsEntry("last_name", "Nguyen").containsEntry("birthday", "1990-05-17").containsEntry("language", "vi")
                .doesNotContainKey("first_name");
    }

    @Test
    void newsletterOptInIsAnUnverifiedEmail() throws Exception {
        String email = unique("News");
        call(post("/api/v1/newsletter?store=DEFAULT"), null,
                "{\"email\":\"" + email + "\",\"firstName\":\"Mai\",\"lastName\":\"Le\"}").andExpect(status().isOk());
        List<TrackedEvent> events = eventsOf(e -> email.equalsIgnoreCase(e.shopper().email()));
        assertThat(events).extracting(TrackedEvent::type).containsExactly(EventType.NEWSLETTER_OPT_IN);
        assertThat(events.get(0).shopper().emailVerified()).isFalse();
        assertThat(events.get(0).properties()).containsEntry("optin_code", "NEWSLETTER")
                .containsEntry("first_name", "Mai").containsEntry("last_name", "Le");

        customers.setConsent(email, "Mai", "Le", false, false);
        events = eventsOf(e -> email.equalsIgnoreCase(e.shopper().email()));
        assertThat(events).extracting(TrackedEvent::type)
                .containsExactly(EventType.NEWSLETTER_OPT_IN, EventType.NEWSLETTER_OPT_OUT);
        assertThat(events.get(1).properties()).containsEntry("optin_code", "NEWSLETTER");
    }

    @Test
    void guestCartsJoinTheCustomerWhoSignsIn() throws Exception {
        String token = register(unique("Merge")).get("token").asText();
        String first = newCart("COF002", 2).get("code").asText();
        call(get("/api/v1/auth/customer/cart?cart=" + first), token, null).andExpect(status().isOk());
        long customerId = read(call(get("/api/v1/auth/customer/cart"), token, null)).get("customer").asLong();

        List<TrackedEvent> attached = eventsOfCart(first);
        assertThat(attached).extracting(TrackedEvent::type)
                .containsExactly(EventType.CART_ITEM_ADDED, EventType.CART_MERGED);
        assertThat(attached.get(1).properties()).containsEntry("from_cart_code", first).containsEntry("to_cart_code", first);
        assertThat(attached.get(1).shopper().customerId()).isEqualTo(customerId);

        // a second guest cart merges into the customer's: the guest cart is deleted, its items move over
        String second = newCart("COF002", 1).get("code").asText();
        call(get("/api/v1/auth/customer/cart?cart=" + second), token, null).andExpect(status().isOk());
        List<TrackedEvent> merged = eventsOf(e -> first.equals(e.cartCode()));
        assertThat(merged).extracting(TrackedEvent::type).containsExactly(EventType.CART_ITEM_ADDED,
                EventType.CART_MERGED, EventType.CART_MERGED, EventType.CART_QUANTITY_CHANGED);
        assertThat(merged.get(2).properties()).containsEntry("from_cart_code", second).containsEntry("to_cart_code", first);
        assertThat(merged.get(2).shopper().customerId()).isEqualTo(customerId);
        assertThat(merged.get(3).properties()).containsEntry("quantity", 3L).containsEntry("previous_quantity", 2L);
        assertThat(merged.get(3).shopper().customerId()).isEqualTo(customerId);
        assertThat(eventsOfCart(second)).extracting(TrackedEvent::type).containsExactly(EventType.CART_ITEM_ADDED);
    }

    // ---- start -------------------------------------------------------------------------------

    @Test
    void theSeedIsHistoryNotEvents() {
        assertThat(capture.status()).containsEntry("active", true);
        assertThat(jdbc.queryForObject("select count(*) from ORDERS", Long.class)).isPositive();
        assertThat(outbox.committed()).allSatisfy(e -> {
            if (e.shopper().email() != null) {
                assertThat(e.shopper().email()).endsWith(DOMAIN);
            }
        });
    }

    // ---- helpers -----------------------------------------------------------------------------

    private List<TrackedEvent> eventsOfCart(String code) {
        return eventsOf(e -> code.equals(e.cartCode()));
    }

    private List<TrackedEvent> eventsOf(Predicate<TrackedEvent> filter) {
        return outbox.committed().stream().filter(filter).collect(Collectors.toList());
    }

    interface Call<T> {
        T run() throws Exception;
    }

    /** Runs a request as the browser of a visitor, as the plugin's web filter binds it. */
    private <T> T as(String visitor, Call<T> call) throws Exception {
        Object[] result = new Object[1];
        Exception[] failure = new Exception[1];
        shoppers.runAs(visitor, () -> {
            try {
                result[0] = call.run();
            } catch (Exception ex) {
                failure[0] = ex;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    private ResultActions call(MockHttpServletRequestBuilder request, String token, String body) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request);
    }

    private JsonNode read(ResultActions actions) throws Exception {
        return json.readTree(actions.andReturn().getResponse().getContentAsString());
    }

    private long productId(String sku) throws Exception {
        return read(call(get("/api/v2/product/" + sku + "?lang=en"), null, null).andExpect(status().isOk())).get("id").asLong();
    }

    private JsonNode newCart(String sku, int quantity) throws Exception {
        return read(call(post("/api/v1/cart?store=DEFAULT&lang=en"), null,
                "{\"product\":\"" + sku + "\",\"quantity\":" + quantity + "}").andExpect(status().isCreated()));
    }

    private JsonNode setQuantity(String code, String sku, int quantity) throws Exception {
        return read(call(put("/api/v1/cart/" + code), null, "{\"product\":\"" + sku + "\",\"quantity\":" + quantity + "}")
                .andExpect(status().isCreated()));
    }

    private JsonNode register(String email) throws Exception {
        return read(call(post("/api/v1/customer/register?store=DEFAULT"), null,
                "{\"emailAddress\":\"" + email + "\",\"password\":\"secret123\",\"repeatPassword\":\"secret123\","
                        + "\"gender\":\"F\",\"language\":\"en\",\"storeCode\":\"DEFAULT\","
                        + "\"billing\":{\"firstName\":\"Lan\",\"lastName\":\"Tran\",\"country\":\"VN\"}}")
                .andExpect(status().isOk()));
    }

    private static String guestBody(String email, String amount) {
        return "{\"customer\":{\"emailAddress\":\"" + email + "\",\"billing\":{\"firstName\":\"Guest\",\"lastName\":\"Buyer\","
                + "\"address\":\"1 Main St\",\"city\":\"Springfield\",\"postalCode\":\"12345\",\"country\":\"US\"}},"
                + "\"payment\":{\"paymentType\":\"CREDITCARD\",\"transactionType\":\"CAPTURE\",\"paymentModule\":\"stripe\","
                + "\"amount\":\"" + amount + "\"}}";
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + DOMAIN;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
