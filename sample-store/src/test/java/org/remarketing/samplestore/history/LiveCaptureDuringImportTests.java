package org.remarketing.samplestore.history;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.remarketing.core.shop.HistoryImport;
import org.remarketing.samplestore.cart.CartService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.remarketing.samplestore.history.ImportedHistory.await;
import static org.remarketing.samplestore.history.ImportedHistory.awaitImported;
import static org.remarketing.samplestore.history.ImportedHistory.contactOf;
import static org.remarketing.samplestore.history.ImportedHistory.customerId;
import static org.remarketing.samplestore.history.ImportedHistory.outbox;

/**
 * The race with live capture, made certain by running the import only after the store changed
 * things live (the automatic run is off here): a cart from before the plugin that a shopper changed
 * since capture started, and an order captured live that the import reads too (as an order whose
 * id comes from an older block of Hibernate's id generator would be). Nothing is lost, nothing is
 * counted twice.
 */
@Import(LiveCaptureDuringImportTests.StoreLife.class)
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:history-race;MODE=MySQL;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1",
        "sample.mail.embedded=false",
        "remarketing.import.enabled=false"})
class LiveCaptureDuringImportTests extends HistoryTestSupport {

    static final String CART_OWNER = "ben.scott@example.com";
    static final String BUYER = "lucas.taylor@example.com";

    /** Imported, never a @TestConfiguration: stores started by other tests scan this package. */
    static class StoreLife {

        @Bean
        BeforeThePlugin storeLifeBeforeThePlugin() {
            return new BeforeThePlugin(store -> BeforeThePlugin.openCart(store,
                    customerId(store.getBean(JdbcTemplate.class), CART_OWNER), "COF004", 1, "CAR005", 1));
        }
    }

    @Autowired ApplicationContext store;
    @Autowired JdbcTemplate jdbc;
    @Autowired HistoryImport historyImport;
    @Autowired CartService carts;

    @Test
    void changesTheStoreMadeLiveBeforeTheImportReachedThemAreNeitherLostNorDoubled() {
        long ben = customerId(jdbc, CART_OWNER);
        long lucas = customerId(jdbc, BUYER);
        String code = jdbc.queryForObject("SELECT SHP_CART_CODE FROM SHOPPING_CART WHERE CUSTOMER_ID = ?"
                + " AND ORDER_ID IS NULL", String.class, ben);
        await("where history ends is kept", () -> historyImport.status().get("boundary") != null && !historyImport.isRunning());
        assertThat(historyImport.status().get("state")).as("no automatic run").isEqualTo("idle");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rmk_contact", Long.class)).isZero();

        carts.add(code, "CAR005", 1, Locale.ENGLISH);
        carts.add(code, "STA002", 2, Locale.ENGLISH);
        long liveOrder = BeforeThePlugin.order(store, lucas, BUYER, "OUT003", 1).getOrderId();
        await("the live changes applied", () -> outbox(jdbc) == 0);
        // the import reads up to the highest order id it saw when capture started: let it see the live order too
        String upTo = jdbc.queryForObject("SELECT setting_value FROM rmk_setting WHERE setting_key = 'history-import.up-to'",
                String.class);
        jdbc.update("UPDATE rmk_setting SET setting_value = ? WHERE setting_key = 'history-import.up-to'",
                upTo.replaceAll("orders=\\d+", "orders=" + liveOrder));

        assertThat(historyImport.start()).isTrue();
        awaitImported(historyImport, jdbc);

        // the cart: its live changes as the store has them, none counted twice; the import left it to capture
        Map<String, Long> storeCart = new LinkedHashMap<>();
        jdbc.query("SELECT SKU, QUANTITY FROM SHOPPING_CART_ITEM i JOIN SHOPPING_CART c ON c.SHP_CART_ID = i.SHP_CART_ID"
                + " WHERE c.SHP_CART_CODE = ? ORDER BY SKU", (row) -> { storeCart.put(row.getString(1), row.getLong(2)); }, code);
        Map<String, Long> profileCart = new LinkedHashMap<>();
        jdbc.query("SELECT sku, cart_quantity FROM rmk_contact_product WHERE contact_id = ? AND cart_quantity > 0"
                + " ORDER BY sku", (row) -> { profileCart.put(row.getString(1), row.getLong(2)); }, contactOf(jdbc, ben).get("id"));
        assertThat(storeCart).containsEntry("COF004", 1L).containsEntry("CAR005", 2L).containsEntry("STA002", 2L);
        assertThat(profileCart).containsEntry("CAR005", 2L).containsEntry("STA002", 2L);
        profileCart.forEach((sku, quantity) -> assertThat(quantity).as(sku).isLessThanOrEqualTo(storeCart.get(sku)));
        @SuppressWarnings("unchecked")
        Map<String, Object> cartPhase = (Map<String, Object>) historyImport.status().get("carts");
        assertThat(cartPhase.get("skipped")).as("the cart left to live capture").isEqualTo(1L);
        assertThat(cartPhase.get("events")).isEqualTo(0L);

        // the order: captured and imported (two events), counted once
        assertThat(jdbc.queryForList("SELECT source FROM rmk_event WHERE event_type = 'order_placed' AND contact_id = ?"
                + " AND payload LIKE ?", String.class, contactOf(jdbc, lucas).get("id"), "%\"order_id\":" + liveOrder + ",%"))
                .containsExactlyInAnyOrder("store", "import");
        Map<String, Object> orders = jdbc.queryForMap("SELECT COUNT(*) AS N, SUM(ORDER_TOTAL) AS SPENT FROM ORDERS"
                + " WHERE CUSTOMER_ID = ?", lucas);
        Map<String, Object> contact = contactOf(jdbc, lucas);
        assertThat(((Number) contact.get("orders_count")).longValue()).isEqualTo(((Number) orders.get("N")).longValue());
        assertThat((BigDecimal) contact.get("total_spent")).isEqualByComparingTo(new BigDecimal(orders.get("SPENT").toString()));
        assertThat(((Number) contactOf(jdbc, ben).get("orders_count")).longValue())
                .isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM ORDERS WHERE CUSTOMER_ID = ?", Long.class, ben));
    }
}
