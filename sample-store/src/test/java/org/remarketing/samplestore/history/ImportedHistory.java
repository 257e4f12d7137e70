package org.remarketing.samplestore.history;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.remarketing.core.shop.HistoryImport;
import org.remarketing.samplestore.seed.Shopper;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the history import must have made of the seeded store: each seeded shopper one contact
 * whose profile says what the store's own rows say. Expected values come from the store's tables
 * (ORDERS, ORDER_PRODUCT, CUSTOMER) and the seed's cast, never from the plugin.
 */
public final class ImportedHistory {

    private ImportedHistory() {
    }

    /** Waits until a run has completed and every event it wrote has been applied. */
    public static void awaitImported(HistoryImport historyImport, JdbcTemplate jdbc) {
        await("the history import completed and the outbox drained", () -> !historyImport.isRunning()
                && "completed".equals(historyImport.status().get("state")) && outbox(jdbc) == 0);
    }

    public static long outbox(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM rmk_outbox", Long.class);
    }

    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
    }

    /** The one live contact of a store customer (merged contacts left out). */
    public static Map<String, Object> contactOf(JdbcTemplate jdbc, long customerId) {
        List<Map<String, Object>> contacts = jdbc.queryForList(
                "SELECT * FROM rmk_contact WHERE customer_id = ? AND merged_into IS NULL", customerId);
        assertThat(contacts).as("contacts of customer %s", customerId).hasSize(1);
        return contacts.get(0);
    }

    public static long customerId(JdbcTemplate jdbc, String email) {
        return jdbc.queryForObject("SELECT CUSTOMER_ID FROM CUSTOMER WHERE CUSTOMER_EMAIL_ADDRESS = ?", Long.class, email);
    }

    /** Every seeded shopper is exactly one contact, with the orders, spending, dates, details and consent of the store's rows. */
    public static void assertContactsMatchTheStore(JdbcTemplate jdbc) {
        LocalDate today = LocalDate.now();
        for (Shopper shopper : Shopper.CAST) {
            long customer = customerId(jdbc, shopper.email);
            Map<String, Object> contact = contactOf(jdbc, customer);
            String who = shopper.email;

            // a refund or cancellation takes the order out of the count and the spending, not out of the dates
            Map<String, Object> orders = jdbc.queryForMap("SELECT SUM(CASE WHEN ORDER_STATUS IN ('REFUNDED', 'CANCELED')"
                    + " THEN 0 ELSE 1 END) AS N, SUM(CASE WHEN ORDER_STATUS IN ('REFUNDED', 'CANCELED') THEN 0"
                    + " ELSE ORDER_TOTAL END) AS SPENT, MIN(DATE_PURCHASED) AS FIRST_DAY, MAX(DATE_PURCHASED) AS LAST_DAY"
                    + " FROM ORDERS WHERE CUSTOMER_ID = ?", customer);
            assertThat(((Number) contact.get("orders_count")).longValue()).as("%s orders", who)
                    .isEqualTo(((Number) orders.get("N")).longValue());
            assertThat((BigDecimal) contact.get("total_spent")).as("%s spent", who)
                    .isEqualByComparingTo(new BigDecimal(orders.get("SPENT").toString()));
            assertThat(utc(contact.get("last_order_at"))).as("%s last order", who).isEqualTo(startOfDay(orders.get("LAST_DAY")));
            assertThat(utc(contact.get("first_order_at"))).as("%s first order", who).isEqualTo(startOfDay(orders.get("FIRST_DAY")));

            assertThat(contact.get("email")).as("%s email", who).isEqualTo(shopper.email);
            assertThat(contact.get("first_name")).as("%s first name", who).isEqualTo(shopper.firstName);
            assertThat(contact.get("last_name")).as("%s last name", who).isEqualTo(shopper.lastName);
            assertThat(contact.get("language")).as("%s language", who).isEqualTo(shopper.language);
            Timestamp dob = jdbc.queryForObject("SELECT CUSTOMER_DOB FROM CUSTOMER WHERE CUSTOMER_ID = ?", Timestamp.class, customer);
            LocalDate birthday = ((Date) contact.get("birthday")).toLocalDate();
            assertThat(birthday).as("%s birthday", who).isEqualTo(dob.toLocalDateTime().toLocalDate());
            if (shopper.birthdayInDays != null) {
                LocalDate next = today.plusDays(shopper.birthdayInDays);
                assertThat(birthday.getMonth()).as("%s birthday soon", who).isEqualTo(next.getMonth());
                assertThat(birthday.getDayOfMonth()).as("%s birthday soon", who).isEqualTo(next.getDayOfMonth());
            }

            Map<String, Long> bought = new HashMap<>();
            jdbc.query("SELECT op.PRODUCT_SKU, SUM(op.PRODUCT_QUANTITY) FROM ORDER_PRODUCT op JOIN ORDERS o"
                    + " ON o.ORDER_ID = op.ORDER_ID WHERE o.CUSTOMER_ID = ? GROUP BY op.PRODUCT_SKU",
                    (row) -> { bought.put(row.getString(1), row.getLong(2)); }, customer);
            Map<String, Long> profile = new HashMap<>();
            jdbc.query("SELECT sku, bought_count FROM rmk_contact_product WHERE contact_id = ? AND bought_count > 0",
                    (row) -> { profile.put(row.getString(1), row.getLong(2)); }, contact.get("id"));
            assertThat(profile).as("%s products bought", who).isEqualTo(bought);

            List<Boolean> consent = jdbc.queryForList("SELECT granted FROM rmk_consent WHERE contact_id = ?"
                    + " AND channel = 'EMAIL' ORDER BY recorded_at DESC, id DESC", Boolean.class, contact.get("id"));
            if (shopper.newsletter || shopper.promotions) {
                assertThat(consent).as("%s email consent", who).isNotEmpty();
                assertThat(consent.get(0)).as("%s email consent", who).isTrue();
            } else {
                assertThat(consent).as("%s email consent", who).isEmpty();
            }
        }
        long registered = jdbc.queryForObject("SELECT COUNT(*) FROM CUSTOMER WHERE CUSTOMER_NICK IS NOT NULL", Long.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rmk_contact WHERE customer_id IS NOT NULL"
                + " AND merged_into IS NULL", Long.class)).as("one contact per registered customer").isEqualTo(registered);
    }

    /** A DATE of ORDERS as the import dates it: the start of that day in this JVM's zone, as a UTC wall-clock value. */
    private static LocalDateTime startOfDay(Object day) {
        return LocalDateTime.ofInstant(((Date) day).toLocalDate().atStartOfDay(ZoneId.systemDefault()).toInstant(),
                ZoneOffset.UTC);
    }

    private static LocalDateTime utc(Object value) {
        return (value instanceof Timestamp) ? ((Timestamp) value).toLocalDateTime() : (LocalDateTime) value;
    }
}
