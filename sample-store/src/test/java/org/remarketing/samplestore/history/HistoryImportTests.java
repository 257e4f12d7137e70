package org.remarketing.samplestore.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.remarketing.core.shop.HistoryImport;
import org.remarketing.samplestore.cart.CartService;
import org.remarketing.shopizer.ShopizerCapture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.remarketing.samplestore.history.ImportedHistory.await;
import static org.remarketing.samplestore.history.ImportedHistory.awaitImported;
import static org.remarketing.samplestore.history.ImportedHistory.contactOf;
import static org.remarketing.samplestore.history.ImportedHistory.customerId;
import static org.remarketing.samplestore.history.ImportedHistory.outbox;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The sample store with its seed (and a little life after it: an open cart, a guest's order, a
 * refund, a newsletter-only subscriber) before the plugin captures anything: once the store is
 * ready, the history import alone makes the contacts, exactly as the store's tables tell them;
 * running it again changes nothing; a cart changed live afterwards is not counted twice.
 */
@Import(HistoryImportTests.StoreLife.class)
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:history;MODE=MySQL;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1",
        "sample.mail.embedded=false"})
@AutoConfigureMockMvc
// what the automatic run did is checked first, the live changes and the runs that follow after
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HistoryImportTests extends HistoryTestSupport {

    static final String SHOPPER = "shopper@example.com";
    static final String GUEST = "gus.guest@history.test";
    static final String READER = "rita.reader@history.test";

    /** Imported, never a @TestConfiguration: stores started by other tests scan this package. */
    static class StoreLife {

        @Bean
        BeforeThePlugin storeLifeBeforeThePlugin() {
            return new BeforeThePlugin(store -> {
                JdbcTemplate jdbc = store.getBean(JdbcTemplate.class);
                long emma = customerId(jdbc, SHOPPER);
                BeforeThePlugin.openCart(store, emma, "COF001", 2, "KIT003", 1);
                BeforeThePlugin.order(store, null, GUEST, "HOM002", 1);
                jdbc.update("UPDATE ORDERS SET ORDER_STATUS = 'REFUNDED', LAST_MODIFIED = CURRENT_TIMESTAMP"
                        + " WHERE ORDER_ID = (SELECT MIN(ORDER_ID) FROM ORDERS WHERE CUSTOMER_ID = ?)", emma);
                store.getBean(org.remarketing.samplestore.customer.CustomerService.class)
                        .subscribeNewsletter(READER, "Rita", "Reader");
            });
        }
    }

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired JdbcTemplate jdbc;
    @Autowired HistoryImport historyImport;
    @Autowired ShopizerCapture capture;
    @Autowired CartService carts;

    @BeforeEach
    void imported() {
        awaitImported(historyImport, jdbc);
    }

    @Test
    @Order(1)
    void everySeededShopperIsOneContactWithTheOrdersAndDetailsOfTheStoresRows() {
        ImportedHistory.assertContactsMatchTheStore(jdbc);

        Map<String, Object> emma = contactOf(jdbc, customerId(jdbc, SHOPPER));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rmk_contact_order WHERE contact_id = ? AND status = 'REFUNDED'"
                + " AND counted = FALSE", Long.class, emma.get("id"))).as("the refunded order, taken out").isEqualTo(1);

        Map<String, Object> guest = jdbc.queryForMap("SELECT * FROM rmk_contact WHERE email = ?", GUEST);
        Map<String, Object> order = jdbc.queryForMap("SELECT ORDER_TOTAL, CUSTOMER_ID FROM ORDERS WHERE CUSTOMER_EMAIL_ADDRESS = ?", GUEST);
        assertThat(guest.get("customer_id")).as("a guest's anonymous CUSTOMER row is no identity").isNull();
        assertThat(((Number) guest.get("orders_count")).intValue()).isEqualTo(1);
        assertThat((BigDecimal) guest.get("total_spent")).isEqualByComparingTo((BigDecimal) order.get("ORDER_TOTAL"));

        Map<String, Object> reader = jdbc.queryForMap("SELECT * FROM rmk_contact WHERE email = ?", READER);
        assertThat(reader.get("customer_id")).isNull();
        assertThat(jdbc.queryForObject("SELECT granted FROM rmk_consent WHERE contact_id = ? AND channel = 'EMAIL'",
                Boolean.class, reader.get("id"))).as("the newsletter-only subscriber's consent").isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rmk_contact_identity WHERE identity_value = ? AND verified = FALSE",
                Long.class, READER)).as("an email typed in a form stays a claim").isEqualTo(1);

        assertThat(jdbc.queryForList("SELECT DISTINCT source FROM rmk_event WHERE event_type <> 'cart_item_added'"
                + " AND event_type <> 'cart_quantity_changed'", String.class))
                .as("no order, customer or opt-in was captured: it is all history").containsExactly("import");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rmk_event WHERE event_type = 'order_placed'", Long.class))
                .isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM ORDERS", Long.class));
    }

    @Test
    @Order(2)
    void theStatusTellsWhatWasImported() throws Exception {
        JsonNode status = json.readTree(mvc.perform(get("/api/v1/private/remarketing/import")
                        .header("Authorization", "Bearer " + adminToken()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(status.get("state").asText()).isEqualTo("completed");
        assertThat(status.get("automatic").asBoolean()).isTrue();
        assertThat(Instant.parse(status.get("boundary").asText())).isEqualTo(capture.startedAt());
        assertThat(status.get("orders").get("read").asLong()).isEqualTo(count("ORDERS"))
                .isEqualTo(status.get("orders").get("of").asLong());
        assertThat(status.get("customers").get("read").asLong()).isEqualTo(count("CUSTOMER"));
        assertThat(status.get("customers").get("skipped").asLong()).as("the guest's anonymous row")
                .isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM CUSTOMER WHERE CUSTOMER_NICK IS NULL", Long.class));
        assertThat(status.get("optins").get("events").asLong()).isEqualTo(count("CUSTOMER_OPTIN"));
        assertThat(status.get("carts").get("events").asLong()).isEqualTo(2);
        assertThat(status.get("events").asLong())
                .isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM rmk_event WHERE source = 'import'", Long.class));

        JsonNode all = json.readTree(mvc.perform(get("/api/v1/private/remarketing/status")
                        .header("Authorization", "Bearer " + adminToken()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(all.get("import").get("state").asText()).isEqualTo("completed");
        mvc.perform(post("/api/v1/private/remarketing/import")).andExpect(status().isUnauthorized());
    }

    @Test
    @Order(3)
    void anOpenCartFromBeforeThePluginIsTheCustomersCartAndALiveChangeAddsToItOnce() {
        long emma = customerId(jdbc, SHOPPER);
        String code = openCartCode(emma);
        assertThat(contactOf(jdbc, emma).get("cart_code")).isEqualTo(code);
        assertThat(profileCart(emma)).isEqualTo(storeCart(code)).containsOnlyKeys("COF001", "KIT003");

        carts.add(code, "CAR002", 1, Locale.ENGLISH);
        carts.setQuantity(code, "COF001", 3, Locale.ENGLISH);
        carts.add(code, "KIT003", 1, Locale.ENGLISH);
        await("the live changes applied", () -> outbox(jdbc) == 0);

        assertThat(profileCart(emma)).isEqualTo(storeCart(code))
                .containsEntry("COF001", 3L).containsEntry("KIT003", 2L).containsEntry("CAR002", 1L);
        assertThat(((Number) contactOf(jdbc, emma).get("cart_items")).longValue()).isEqualTo(6);
    }

    @Test
    @Order(4)
    void runningTheImportAgainChangesNothing() throws Exception {
        Map<String, List<Map<String, Object>>> before = plugin();
        Object completed = historyImport.status().get("lastCompletedAt");

        JsonNode accepted = json.readTree(mvc.perform(post("/api/v1/private/remarketing/import")
                        .header("Authorization", "Bearer " + adminToken()).contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString());
        assertThat(accepted.has("state")).isTrue();
        await("the second run completed", () -> !historyImport.isRunning()
                && !Objects.equals(completed, historyImport.status().get("lastCompletedAt")) && outbox(jdbc) == 0);

        assertThat(historyImport.status().get("state")).isEqualTo("completed");
        assertThat(plugin()).isEqualTo(before);
    }

    @Test
    @Order(5)
    void aRunStoppedMidwayGoesOnFromItsLastPage() {
        Map<String, List<Map<String, Object>>> before = plugin();
        long after = jdbc.queryForList("SELECT ORDER_ID FROM ORDERS ORDER BY ORDER_ID", Long.class).get(39);
        // what a run killed after its page of orders up to that id leaves behind: a checkpoint, no completion
        jdbc.update("DELETE FROM rmk_setting WHERE setting_key = 'history-import.completed'");
        jdbc.update("INSERT INTO rmk_setting (setting_key, setting_value, updated_at) VALUES"
                + " ('history-import.checkpoint', ?, CURRENT_TIMESTAMP)", "phase=orders;after=" + after + ";");
        assertThat(historyImport.status().get("state")).isEqualTo("interrupted");

        assertThat(historyImport.start()).isTrue();
        awaitImported(historyImport, jdbc);

        Map<String, Object> status = historyImport.status();
        assertThat(phase(status, "carts").get("read")).isEqualTo(0L);
        assertThat(phase(status, "customers").get("read")).isEqualTo(0L);
        assertThat(phase(status, "orders").get("read")).as("only the orders after the checkpoint")
                .isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM ORDERS WHERE ORDER_ID > ?", Long.class, after));
        assertThat(plugin()).isEqualTo(before);
    }

    // ---- helpers -------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Map<String, Object> phase(Map<String, Object> status, String name) {
        return (Map<String, Object>) status.get(name);
    }

    private String openCartCode(long customer) {
        return jdbc.queryForObject("SELECT SHP_CART_CODE FROM SHOPPING_CART WHERE CUSTOMER_ID = ? AND ORDER_ID IS NULL",
                String.class, customer);
    }

    private Map<String, Long> storeCart(String code) {
        Map<String, Long> lines = new LinkedHashMap<>();
        jdbc.query("SELECT i.SKU, i.QUANTITY FROM SHOPPING_CART_ITEM i JOIN SHOPPING_CART c ON c.SHP_CART_ID = i.SHP_CART_ID"
                + " WHERE c.SHP_CART_CODE = ? ORDER BY i.SKU", (row) -> { lines.put(row.getString(1), row.getLong(2)); }, code);
        return lines;
    }

    private Map<String, Long> profileCart(long customer) {
        Map<String, Long> lines = new LinkedHashMap<>();
        jdbc.query("SELECT sku, cart_quantity FROM rmk_contact_product WHERE contact_id = ? AND cart_quantity > 0"
                + " ORDER BY sku", (row) -> { lines.put(row.getString(1), row.getLong(2)); }, contactOf(jdbc, customer).get("id"));
        return lines;
    }

    /** Everything the plugin knows of contacts, and the event log's ids. */
    private Map<String, List<Map<String, Object>>> plugin() {
        Map<String, List<Map<String, Object>>> all = new LinkedHashMap<>();
        all.put("contacts", jdbc.queryForList("SELECT * FROM rmk_contact ORDER BY id"));
        all.put("identities", jdbc.queryForList("SELECT * FROM rmk_contact_identity ORDER BY kind, identity_value"));
        all.put("products", jdbc.queryForList("SELECT * FROM rmk_contact_product ORDER BY contact_id, product_id"));
        all.put("categories", jdbc.queryForList("SELECT * FROM rmk_contact_category ORDER BY contact_id, category_code"));
        all.put("orders", jdbc.queryForList("SELECT * FROM rmk_contact_order ORDER BY order_id"));
        all.put("consent", jdbc.queryForList("SELECT * FROM rmk_consent ORDER BY id"));
        all.put("events", jdbc.queryForList("SELECT event_id, contact_id FROM rmk_event ORDER BY event_id"));
        return all;
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }

    private String adminToken() throws Exception {
        return json.readTree(mvc.perform(post("/api/v1/private/login").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"admin@shopizer.com\",\"password\":\"password\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).get("token").asText();
    }
}
