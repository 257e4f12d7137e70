package org.remarketing.samplestore.segments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remarketing.core.segments.SegmentEngine;
import org.remarketing.core.shop.HistoryImport;
import org.remarketing.samplestore.seed.Shopper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.remarketing.samplestore.history.ImportedHistory.await;
import static org.remarketing.samplestore.history.ImportedHistory.awaitImported;
import static org.remarketing.samplestore.history.ImportedHistory.outbox;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Issue 4's "done when" on the sample store: after the seed's history is imported, every built-in
 * segment holds the shoppers a person reading the store's own tables would put there (computed
 * here from ORDERS and CUSTOMER, and checked against the cast's kinds); and a guest who leaves a
 * cart enters "Abandoned cart" at the sweep after the cut-off and leaves it the moment they order.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:seed-segments;MODE=MySQL;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1",
        "sample.mail.embedded=false"})
@AutoConfigureMockMvc
class SeedSegmentsTests {

    @Autowired JdbcTemplate jdbc;
    @Autowired HistoryImport historyImport;
    @Autowired SegmentEngine segments;
    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;

    @BeforeEach
    void imported() {
        awaitImported(historyImport, jdbc);
    }

    @Test
    void everyBuiltInSegmentHoldsTheShoppersTheStoresTablesSayBelongThere() {
        LocalDate today = LocalDate.now(ZoneId.systemDefault());
        Set<String> oneTimeQuiet = new TreeSet<>();
        Set<String> repeat = new TreeSet<>();
        Set<String> lapsed = new TreeSet<>();
        Set<String> vip = new TreeSet<>();
        Set<String> birthday = new TreeSet<>();
        for (Shopper shopper : Shopper.CAST) {
            List<Map<String, Object>> orders = jdbc.queryForList("SELECT o.DATE_PURCHASED, o.ORDER_TOTAL FROM ORDERS o JOIN"
                    + " CUSTOMER c ON c.CUSTOMER_ID = o.CUSTOMER_ID WHERE c.CUSTOMER_EMAIL_ADDRESS = ?"
                    + " AND o.ORDER_STATUS NOT IN ('REFUNDED', 'CANCELED')", shopper.email);
            List<Long> daysAgo = orders.stream()
                    .map((o) -> ChronoUnit.DAYS.between(((java.sql.Date) o.get("DATE_PURCHASED")).toLocalDate(), today))
                    .sorted().collect(Collectors.toList());
            if (daysAgo.size() == 1 && daysAgo.get(0) > 60 && daysAgo.get(0) < 90) {
                oneTimeQuiet.add(shopper.email);
            }
            if (daysAgo.size() >= 2) {
                repeat.add(shopper.email);
            }
            if (!daysAgo.isEmpty() && daysAgo.get(0) > 120) {
                lapsed.add(shopper.email);
            }
            BigDecimal recent = orders.stream()
                    .filter((o) -> ChronoUnit.DAYS.between(((java.sql.Date) o.get("DATE_PURCHASED")).toLocalDate(), today) < 90)
                    .map((o) -> (BigDecimal) o.get("ORDER_TOTAL")).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (recent.compareTo(new BigDecimal("500")) > 0) {
                vip.add(shopper.email);
            }
            if (shopper.birthdayInDays != null) {
                birthday.add(shopper.email);
            }
        }
        // the cast was written for these segments: the tables agree with its kinds
        assertThat(oneTimeQuiet).containsAll(emails(Shopper.Kind.ONE_TIME_DORMANT)).doesNotContainAnyElementsOf(
                emails(Shopper.Kind.REPEAT));
        assertThat(repeat).containsAll(emails(Shopper.Kind.REPEAT)).doesNotContainAnyElementsOf(
                emails(Shopper.Kind.ONE_TIME_RECENT));
        assertThat(lapsed).containsAll(emails(Shopper.Kind.LAPSED));
        assertThat(vip).isNotEmpty().isSubsetOf(emails(Shopper.Kind.VIP, Shopper.Kind.REPEAT, Shopper.Kind.CONSUMABLE));
        assertThat(birthday).isNotEmpty();

        assertThat(members("one-time-quiet")).isEqualTo(oneTimeQuiet);
        assertThat(members("repeat-buyers")).isEqualTo(repeat);
        assertThat(members("lapsed")).isEqualTo(lapsed);
        assertThat(members("vip")).isEqualTo(vip);
        assertThat(members("birthday-soon")).isEqualTo(birthday);
        assertThat(jdbc.queryForList("SELECT stage FROM rmk_contact c WHERE c.email = ?", String.class,
                repeat.iterator().next())).containsExactly("loyal");
    }

    @Test
    void aGuestWhoLeavesACartEntersAbandonedCartAfterTheCutOffAndLeavesWhenTheyOrder() throws Exception {
        String sku = jdbc.queryForObject("SELECT MIN(SKU) FROM PRODUCT", String.class);
        JsonNode cart = call("/api/v1/cart?store=DEFAULT&lang=en", "{\"product\":\"" + sku + "\",\"quantity\":1}", 201);
        String code = cart.get("code").asText();
        await("the cart applied", () -> outbox(jdbc) == 0 && contactOfCart(code) != null);
        long contact = contactOfCart(code);
        segments.sweep();
        assertThat(memberIds("abandoned-cart")).doesNotContain(contact);

        // an hour goes by (the cart's last change and the last sweep move back; the sweep runs every minute)
        jdbc.update("UPDATE rmk_contact SET cart_updated_at = ? WHERE id = ?", utcMinutesAgo(61), contact);
        jdbc.update("UPDATE rmk_segment SET swept_at = ? WHERE code = 'abandoned-cart'", utcMinutesAgo(62));
        segments.sweep();
        assertThat(memberIds("abandoned-cart")).contains(contact);

        String total = cart.get("total").decimalValue().toPlainString();
        call("/api/v1/cart/" + code + "/checkout?store=DEFAULT&lang=en", "{\"customer\":{\"emailAddress\":"
                + "\"abandoner@example.com\",\"billing\":{\"firstName\":\"Lan\",\"lastName\":\"Tran\",\"address\":"
                + "\"1 Hang Bac\",\"city\":\"Ha Noi\",\"postalCode\":\"100000\",\"country\":\"VN\"}},\"payment\":{\"paymentType\":"
                + "\"CREDITCARD\",\"transactionType\":\"CAPTURE\",\"paymentModule\":\"stripe\",\"amount\":\"" + total
                + "\"}}", 200);
        await("the order applied", () -> outbox(jdbc) == 0 && !memberIds("abandoned-cart").contains(contact));
        assertThat(jdbc.queryForList("SELECT c.entered FROM rmk_segment_change c JOIN rmk_segment s ON s.id ="
                + " c.segment_id WHERE s.code = 'abandoned-cart' AND c.contact_id = ? ORDER BY c.id", Boolean.class,
                contact)).containsExactly(true, false);
    }

    private JsonNode call(String path, String body, int expected) throws Exception {
        org.springframework.mock.web.MockHttpServletResponse response = mvc.perform(post(path)
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse();
        String answer = response.getContentAsString();
        assertThat(response.getStatus()).as(answer).isEqualTo(expected);
        return json.readTree(answer);
    }

    private Long contactOfCart(String code) {
        List<Long> ids = jdbc.queryForList("SELECT id FROM rmk_contact WHERE cart_code = ? AND merged_into IS NULL",
                Long.class, code);
        return ids.isEmpty() ? null : ids.get(0);
    }

    private static LocalDateTime utcMinutesAgo(int minutes) {
        return LocalDateTime.now(ZoneOffset.UTC).minusMinutes(minutes);
    }

    private static Set<String> emails(Shopper.Kind... kinds) {
        Set<Shopper.Kind> wanted = Set.of(kinds);
        return Shopper.CAST.stream().filter((s) -> wanted.contains(s.kind)).map((s) -> s.email)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<String> members(String code) {
        return new TreeSet<>(jdbc.queryForList("SELECT c.email FROM rmk_segment_member m JOIN rmk_segment s ON s.id ="
                + " m.segment_id JOIN rmk_contact c ON c.id = m.contact_id WHERE s.code = ?", String.class, code));
    }

    private List<Long> memberIds(String code) {
        return new ArrayList<>(jdbc.queryForList("SELECT m.contact_id FROM rmk_segment_member m JOIN rmk_segment s"
                + " ON s.id = m.segment_id WHERE s.code = ?", Long.class, code));
    }
}
