package org.remarketing.samplestore.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.salesmanager.core.model.catalog.product.Product;
import com.salesmanager.core.model.catalog.product.availability.ProductAvailability;
import com.salesmanager.core.model.catalog.product.description.ProductDescription;
import com.salesmanager.core.model.catalog.product.image.ProductImage;
import com.salesmanager.core.model.catalog.product.price.ProductPrice;
import com.salesmanager.core.model.catalog.product.relationship.ProductRelationship;
import com.salesmanager.core.model.customer.Customer;
import com.salesmanager.core.model.merchant.MerchantStore;
import com.salesmanager.core.model.order.Order;
import com.salesmanager.core.model.order.orderproduct.OrderProduct;
import com.salesmanager.core.model.user.User;

/** What a person checks in the seeded sample store: catalogue, shoppers and their histories. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:seed;MODE=MySQL;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1",
        "spring.jpa.hibernate.ddl-auto=create-drop" })
class SeedLoaderTests {

    @Autowired
    EntityManager em;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    SeedLoader loader;

    private <T> T inTx(java.util.function.Supplier<T> work) {
        return new TransactionTemplate(transactionManager).execute(status -> work.get());
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.systemDefault());
    }

    private static long daysAgo(Date date) {
        LocalDate day = new java.sql.Timestamp(date.getTime()).toLocalDateTime().toLocalDate();
        return ChronoUnit.DAYS.between(day, today());
    }

    @Test
    void storeWithLanguagesCurrencyAndAdmin() {
        inTx(() -> {
            MerchantStore store = em.createQuery("select m from MerchantStore m where m.code = 'DEFAULT'", MerchantStore.class)
                    .getSingleResult();
            assertThat(store.getDefaultLanguage().getCode()).isEqualTo("en");
            assertThat(store.getLanguages()).extracting("code").containsExactlyInAnyOrder("en", "vi");
            assertThat(store.getCurrency().getCode()).isEqualTo("USD");
            assertThat(store.getCountry().getIsoCode()).isEqualTo("US");
            assertThat(em.createQuery("select o.code from Optin o", String.class).getResultList())
                    .containsExactlyInAnyOrder("NEWSLETTER", "PROMOTIONS");
            assertThat(em.createQuery("select g.groupName from Group g", String.class).getResultList())
                    .containsAll(SeedLoader.ADMIN_GROUPS).contains("CUSTOMER");

            User admin = em.createQuery("select u from User u where u.adminName = 'admin@shopizer.com'", User.class)
                    .getSingleResult();
            assertThat(new BCryptPasswordEncoder().matches("password", admin.getAdminPassword())).isTrue();
            assertThat(admin.getGroups()).extracting("groupName").contains("SUPERADMIN");
            return null;
        });
    }

    @Test
    void catalogueHasBilingualProductsWithPriceImageAndRelatedItems() {
        inTx(() -> {
            List<Product> products = em.createQuery("select p from Product p", Product.class).getResultList();
            assertThat(products).hasSizeGreaterThanOrEqualTo(60);
            Set<String> categories = new HashSet<>();
            for (Product p : products) {
                assertThat(p.isAvailable()).as(p.getSku()).isTrue();
                assertThat(p.getCategories()).as(p.getSku()).hasSize(1);
                categories.add(p.getCategories().iterator().next().getCode());

                Map<String, ProductDescription> byLang = p.getDescriptions().stream()
                        .collect(Collectors.toMap(d -> d.getLanguage().getCode(), d -> d));
                assertThat(byLang).as(p.getSku()).containsKeys("en", "vi");
                for (ProductDescription d : byLang.values()) {
                    assertThat(d.getName()).isNotBlank();
                    assertThat(d.getDescription()).isNotBlank();
                    assertThat(d.getSeUrl()).matches("[a-z0-9-]+");
                }

                ProductAvailability availability = p.getAvailabilities().iterator().next();
                assertThat(availability.getProductQuantity()).as(p.getSku()).isPositive();
                ProductPrice price = availability.getPrices().iterator().next();
                assertThat(price.isDefaultPrice()).isTrue();
                assertThat(price.getProductPriceAmount()).as(p.getSku()).isGreaterThan(BigDecimal.ZERO);

                List<ProductImage> images = em.createQuery("select i from ProductImage i where i.product = :p", ProductImage.class)
                        .setParameter("p", p).getResultList();
                assertThat(images).as(p.getSku()).hasSize(1);
                assertThat(images.get(0).isDefaultImage()).isTrue();
                assertThat(images.get(0).getProductImage()).isEqualTo(p.getSku() + ".png");
                assertThat(new ClassPathResource("seed/images/" + p.getSku() + ".png").exists())
                        .as("image of " + p.getSku()).isTrue();

                List<ProductRelationship> related = em.createQuery(
                        "select r from ProductRelationship r where r.product = :p and r.code = 'RELATED_ITEM'", ProductRelationship.class)
                        .setParameter("p", p).getResultList();
                assertThat(related).as(p.getSku()).hasSizeBetween(2, 4);
            }
            assertThat(categories).hasSizeGreaterThanOrEqualTo(6);
            assertThat(em.createQuery("select count(d) from CategoryDescription d where d.language.code = 'vi'", Long.class)
                    .getSingleResult()).isGreaterThanOrEqualTo(6L);
            return null;
        });
        SeedCatalog catalog = SeedCatalog.load();
        assertThat(catalog.products().stream().filter(SeedCatalog.Product::isConsumable).count()).isGreaterThanOrEqualTo(12);
    }

    /** A customer's orders, oldest first, as the remarketing side would read them. */
    static final class History {
        final List<Order> orders = new ArrayList<>();

        long lastDaysAgo() {
            return daysAgo(orders.get(orders.size() - 1).getDatePurchased());
        }

        BigDecimal spent() {
            return orders.stream().map(Order::getTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    @Test
    void shoppersHaveTheHistoriesOfEachGroup() {
        SeedCatalog catalog = SeedCatalog.load();
        inTx(() -> {
            List<Customer> customers = em.createQuery("select c from Customer c", Customer.class).getResultList();
            assertThat(customers).hasSizeGreaterThanOrEqualTo(30);
            assertThat(customers).extracting(c -> c.getDefaultLanguage().getCode()).contains("en", "vi");
            for (Customer c : customers) {
                assertThat(c.getBilling().getFirstName()).isNotBlank();
                assertThat(c.getBilling().getCity()).isNotBlank();
                assertThat(c.getBilling().getTelephone()).isNotBlank();
                assertThat(c.getBilling().getCountry()).isNotNull();
                assertThat(c.getDelivery().getAddress()).isNotBlank();
            }

            List<Order> orders = em.createQuery("select o from Order o order by o.datePurchased", Order.class).getResultList();
            Map<Long, History> histories = new HashMap<>();
            Set<Long> buckets = new HashSet<>();
            for (Order o : orders) {
                long ago = daysAgo(o.getDatePurchased());
                assertThat(ago).isBetween(1L, 180L);
                buckets.add(ago / 30);
                BigDecimal lines = o.getOrderProducts().stream()
                        .map(op -> op.getOneTimeCharge().multiply(BigDecimal.valueOf(op.getProductQuantity())))
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(o.getTotal()).isEqualByComparingTo(lines);
                assertThat(o.getOrderTotal()).extracting("orderTotalCode")
                        .contains("order.total.subtotal", "order.total.total");
                assertThat(o.getOrderHistory()).isNotEmpty();
                histories.computeIfAbsent(o.getCustomerId(), id -> new History()).orders.add(o);
            }
            assertThat(buckets).as("orders spread over the last 180 days").hasSize(6);

            Long convertedCarts = em.createQuery(
                    "select count(c) from ShoppingCart c where c.orderId is not null and c.customerId is not null", Long.class)
                    .getSingleResult();
            assertThat(convertedCarts).isEqualTo((long) orders.size());

            long oneTimeDormant = histories.values().stream()
                    .filter(h -> h.orders.size() == 1 && h.lastDaysAgo() >= 60 && h.lastDaysAgo() <= 90).count();
            long repeat = histories.values().stream().filter(h -> h.orders.size() >= 2 && h.orders.size() <= 6).count();
            long lapsed = histories.values().stream().filter(h -> h.lastDaysAgo() >= 120 && h.lastDaysAgo() <= 180).count();
            long vip = histories.values().stream().filter(h -> h.spent().compareTo(new BigDecimal("1000")) >= 0).count();
            long rebuyers = histories.values().stream().filter(h -> rebuysOnSchedule(h, catalog)).count();
            LocalDate today = today();
            long birthdays = customers.stream().filter(c -> {
                LocalDate dob = new java.sql.Timestamp(c.getDateOfBirth().getTime()).toLocalDateTime().toLocalDate();
                for (int d = 0; d < 7; d++) {
                    LocalDate day = today.plusDays(d);
                    if (day.getMonth() == dob.getMonth() && day.getDayOfMonth() == dob.getDayOfMonth()) {
                        return true;
                    }
                }
                return false;
            }).count();

            assertThat(oneTimeDormant).as("one-time buyers whose only order was 60-90 days ago").isGreaterThanOrEqualTo(3);
            assertThat(repeat).as("repeat buyers").isGreaterThanOrEqualTo(5);
            assertThat(lapsed).as("lapsed customers").isGreaterThanOrEqualTo(3);
            assertThat(vip).as("VIPs").isGreaterThanOrEqualTo(2);
            assertThat(rebuyers).as("consumable re-buyers").isGreaterThanOrEqualTo(3);
            assertThat(birthdays).as("birthdays in the next 7 days").isGreaterThanOrEqualTo(3);
            assertThat(birthdays).as("and others far away").isLessThan(customers.size());

            long consenting = em.createQuery("select count(o) from CustomerOptin o where o.optin.code = 'NEWSLETTER'", Long.class)
                    .getSingleResult();
            assertThat(consenting).isGreaterThan(0L).isLessThan((long) customers.size());

            Customer demo = em.createQuery("select c from Customer c where c.emailAddress = 'shopper@example.com'", Customer.class)
                    .getSingleResult();
            assertThat(new BCryptPasswordEncoder().matches("password", demo.getPassword())).isTrue();
            return null;
        });
    }

    /** Bought the same consumable at least three times, about one usage period apart each time. */
    private static boolean rebuysOnSchedule(History h, SeedCatalog catalog) {
        Map<String, List<Long>> bySku = new TreeMap<>();
        for (Order o : h.orders) {
            for (OrderProduct op : o.getOrderProducts()) {
                bySku.computeIfAbsent(op.getSku(), s -> new ArrayList<>()).add(daysAgo(o.getDatePurchased()));
            }
        }
        for (Map.Entry<String, List<Long>> e : bySku.entrySet()) {
            SeedCatalog.Product p = catalog.product(e.getKey());
            List<Long> days = e.getValue();
            if (!p.isConsumable() || days.size() < 3) {
                continue;
            }
            boolean onSchedule = true;
            for (int i = 1; i < days.size(); i++) {
                long gap = days.get(i - 1) - days.get(i);
                onSchedule &= gap >= p.usageDays * 0.75 && gap <= p.usageDays * 1.25;
            }
            if (onSchedule) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aSecondRunAddsNothing() {
        long[] before = counts();
        assertThat(loader.seed()).isFalse();
        assertThat(counts()).containsExactly(before);
    }

    private long[] counts() {
        return inTx(() -> new long[] {
                em.createQuery("select count(m) from MerchantStore m", Long.class).getSingleResult(),
                em.createQuery("select count(p) from Product p", Long.class).getSingleResult(),
                em.createQuery("select count(c) from Customer c", Long.class).getSingleResult(),
                em.createQuery("select count(o) from Order o", Long.class).getSingleResult(),
                em.createQuery("select count(l) from Language l", Long.class).getSingleResult() });
    }
}
