package org.remarketing.samplestore.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salesmanager.core.model.common.Billing;
import com.salesmanager.core.model.merchant.MerchantStore;
import com.salesmanager.core.model.order.Order;
import com.salesmanager.core.model.order.OrderTotal;
import com.salesmanager.core.model.order.orderproduct.OrderProduct;
import com.salesmanager.core.model.reference.country.Country;
import com.salesmanager.core.model.reference.currency.Currency;
import com.salesmanager.core.model.reference.language.Language;
import org.junit.jupiter.api.Test;
import org.remarketing.samplestore.order.OrderPlacedEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class OrderConfirmationMailerTests extends MailIntegrationTestSupport {

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactionManager;

    @PersistenceContext
    EntityManager entityManager;

    @Test
    void theShopperReceivesAConfirmationWithItemsTotalsAndBillingOnceTheOrderIsCommitted() throws Exception {
        String email = uniqueEmail("ann");

        long orderId = placeOrder(email, "Ann", "Lee", Locale.ENGLISH);

        Map<String, Object> mail = awaitMailTo(email);
        assertThat(mail.get("subject")).isEqualTo("Your order #" + orderId + " is confirmed");
        assertThat((String) mail.get("html")).contains(
                "Thank you for your order", "Hello Ann,", "Arabica Coffee Beans 1kg", "Ceramic Pour-Over Dripper",
                ">2<", "$24.50", "$49.00", "Subtotal", "$67.00", "Shipping", "$5.00", "$72.00", "Ann Lee",
                "href=\"http://shop.example.test:8080\"");
        assertThat((String) mail.get("text")).contains(
                "Hello Ann,", "Arabica Coffee Beans 1kg × 2", "Ceramic Pour-Over Dripper × 1", "Total: $72.00",
                "Billed to: Ann Lee", "http://shop.example.test:8080");
        assertThat((String) mail.get("raw")).contains("multipart/alternative", "From: Shopizer Sample Store <shop@sample-store.test>");
    }

    @Test
    void aShopperWhoCheckedOutInVietnameseReadsTheConfirmationInVietnamese() throws Exception {
        String email = uniqueEmail("lan");

        long orderId = placeOrder(email, "Lan", "Nguyễn", new Locale("vi"));

        Map<String, Object> mail = awaitMailTo(email);
        assertThat(mail.get("subject")).isEqualTo("Đơn hàng #" + orderId + " của bạn đã được xác nhận");
        assertThat((String) mail.get("html")).contains("Cảm ơn bạn đã đặt hàng", "Xin chào Lan,", "Tổng cộng", "Lan Nguyễn");
        assertThat((String) mail.get("text")).contains("Xin chào Lan,", "Tổng cộng:", "Thông tin thanh toán: Lan Nguyễn");
    }

    @Test
    void noConfirmationIsSentWhenTheCheckoutRollsBack() throws Exception {
        String email = uniqueEmail("rolled.back");

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            long orderId = persistOrder(email, "Rolled", "Back");
            events.publishEvent(new OrderPlacedEvent(orderId, Locale.ENGLISH));
            status.setRollbackOnly();
        });
        // A committed order placed afterwards is mailed; the rolled-back one must not have been.
        String control = uniqueEmail("control");
        placeOrder(control, "Con", "Trol", Locale.ENGLISH);
        awaitMailTo(control);

        assertThat(messages()).extracting(m -> m.get("to")).doesNotContain(email);
    }

    @Test
    void aMissingOrderDoesNotBreakAnything() throws Exception {
        new TransactionTemplate(transactionManager).executeWithoutResult(status ->
                events.publishEvent(new OrderPlacedEvent(987_654_321L, Locale.ENGLISH)));
        // The listener ran after commit on its own thread; the mailer still works afterwards.
        String email = uniqueEmail("after.missing");
        placeOrder(email, "Max", "Mustermann", Locale.ENGLISH);
        awaitMailTo(email);
    }

    /** CUSTOMER_EMAIL_ADDRESS holds 50 characters. */
    private static String uniqueEmail(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** Persists an order and publishes OrderPlacedEvent inside the same transaction, as checkout does. */
    private long placeOrder(String email, String firstName, String lastName, Locale locale) {
        Long id = new TransactionTemplate(transactionManager).execute(status -> {
            long orderId = persistOrder(email, firstName, lastName);
            events.publishEvent(new OrderPlacedEvent(orderId, locale));
            return orderId;
        });
        return id;
    }

    private long persistOrder(String email, String firstName, String lastName) {
        MerchantStore store = store();
        Currency usd = store.getCurrency();

        Order order = new Order();
        order.setMerchant(store);
        order.setCurrency(usd);
        order.setCustomerEmailAddress(email);
        order.setDatePurchased(new Date());
        order.setLastModified(new Date());
        order.setLocale(Locale.ENGLISH);
        order.setTotal(new BigDecimal("72.00"));
        Billing billing = new Billing();
        billing.setFirstName(firstName);
        billing.setLastName(lastName);
        billing.setCountry(store.getCountry());
        order.setBilling(billing);
        order.setOrderProducts(new HashSet<OrderProduct>());
        order.setOrderTotal(new HashSet<OrderTotal>());
        entityManager.persist(order);

        addProduct(order, "COFFEE-1KG", "Arabica Coffee Beans 1kg", 2, "24.50");
        addProduct(order, "DRIPPER", "Ceramic Pour-Over Dripper", 1, "18.00");
        addTotal(order, "order.total.subtotal", "Subtotal", "67.00", 0);
        addTotal(order, "order.total.shipping", "Shipping", "5.00", 100);
        addTotal(order, "order.total.total", "Total", "72.00", 500);
        entityManager.flush();
        return order.getId();
    }

    private void addProduct(Order order, String sku, String name, int quantity, String unitPrice) {
        OrderProduct product = new OrderProduct();
        product.setOrder(order);
        product.setSku(sku);
        product.setProductName(name);
        product.setProductQuantity(quantity);
        product.setOneTimeCharge(new BigDecimal(unitPrice));
        entityManager.persist(product);
        order.getOrderProducts().add(product);
    }

    private void addTotal(Order order, String code, String title, String value, int sortOrder) {
        OrderTotal total = new OrderTotal();
        total.setOrder(order);
        total.setOrderTotalCode(code);
        total.setTitle(title);
        total.setValue(new BigDecimal(value));
        total.setSortOrder(sortOrder);
        entityManager.persist(total);
        order.getOrderTotal().add(total);
    }

    /** The seed's DEFAULT store when there is one; otherwise a minimal one of our own, created once. */
    private MerchantStore store() {
        List<MerchantStore> stores = entityManager
                .createQuery("select s from MerchantStore s where s.code = :code", MerchantStore.class)
                .setParameter("code", MerchantStore.DEFAULT_STORE)
                .getResultList();
        if (!stores.isEmpty() && stores.get(0).getCurrency() != null
                && "USD".equals(stores.get(0).getCurrency().getCode())) {
            return stores.get(0);
        }
        String code = "MAILTEST";
        stores = entityManager.createQuery("select s from MerchantStore s where s.code = :code", MerchantStore.class)
                .setParameter("code", code)
                .getResultList();
        if (!stores.isEmpty()) {
            return stores.get(0);
        }
        MerchantStore store = new MerchantStore();
        store.setCode(code);
        store.setStorename("Sample store");
        store.setStoreEmailAddress("shop@sample-store.test");
        store.setStorephone("+1 555 0100");
        store.setStorecity("Springfield");
        store.setStorepostalcode("12345");
        Language english = language("en");
        store.setDefaultLanguage(english);
        store.setLanguages(new ArrayList<>(Collections.singletonList(english)));
        store.setCountry(country("US"));
        store.setCurrency(currency("USD"));
        entityManager.persist(store);
        return store;
    }

    private Language language(String code) {
        List<Language> found = entityManager.createQuery("select l from Language l where l.code = :code", Language.class)
                .setParameter("code", code).getResultList();
        if (!found.isEmpty()) {
            return found.get(0);
        }
        Language language = new Language(code);
        entityManager.persist(language);
        return language;
    }

    private Country country(String isoCode) {
        List<Country> found = entityManager.createQuery("select c from Country c where c.isoCode = :iso", Country.class)
                .setParameter("iso", isoCode).getResultList();
        if (!found.isEmpty()) {
            return found.get(0);
        }
        Country country = new Country(isoCode);
        entityManager.persist(country);
        return country;
    }

    private Currency currency(String code) {
        java.util.Currency javaCurrency = java.util.Currency.getInstance(code);
        List<Currency> found = entityManager.createQuery("select c from Currency c where c.currency = :currency", Currency.class)
                .setParameter("currency", javaCurrency).getResultList();
        if (!found.isEmpty()) {
            return found.get(0);
        }
        Currency currency = new Currency();
        currency.setCurrency(javaCurrency);
        currency.setName(javaCurrency.getDisplayName(Locale.ENGLISH));
        currency.setSupported(true);
        entityManager.persist(currency);
        return currency;
    }

    private Map<String, Object> awaitMailTo(String email) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            for (Map<String, Object> message : messages()) {
                if (email.equals(message.get("to"))) {
                    return message;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No order confirmation arrived in the mailbox");
    }

    private List<Map<String, Object>> messages() throws Exception {
        String body = mvc.perform(get("/dev/mailbox/messages")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return json.readValue(body, new TypeReference<List<Map<String, Object>>>() { });
    }
}
