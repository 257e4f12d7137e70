package org.remarketing.samplestore.catalog;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import com.salesmanager.core.model.catalog.product.Product;
import com.salesmanager.core.model.catalog.product.relationship.ProductRelationship;
import com.salesmanager.core.model.merchant.MerchantStore;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.remarketing.core.shop.CatalogNews;
import org.remarketing.core.shop.CatalogProduct;
import org.remarketing.core.shop.ProductCatalog;
import org.remarketing.core.shop.StoreBranding;
import org.remarketing.samplestore.SampleStoreApplication;
import org.remarketing.samplestore.durability.ChildStore;
import org.remarketing.samplestore.seed.SeedCatalog;
import org.remarketing.samplestore.store.StoreContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin's {@link ProductCatalog} on the running sample store, checked against the seed and
 * against what the store itself shows: its {@link CatalogService} and its pages, fetched over HTTP
 * at the links the catalog gives. One store (and one fresh database) per subclass; tests that
 * change the catalog put it back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProductCatalogTests {

    /** The storefront links the related products' cards on a product page. */
    private static final Pattern CARD_LINK = Pattern.compile("href=\"/product/([^\"]+)\"");

    private final SeedCatalog seed = SeedCatalog.load();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ConfigurableApplicationContext store;

    private ProductCatalog catalog;

    private CatalogService shop;

    private String storefront;

    /** The store's arguments that put it on the subclass's database. */
    protected abstract List<String> databaseArguments() throws Exception;

    protected void dropDatabase() {
    }

    @BeforeAll
    void startStore() throws Exception {
        int port = ChildStore.freePort();
        this.storefront = "http://127.0.0.1:" + port;
        List<String> args = new ArrayList<>(databaseArguments());
        args.add("--server.port=" + port);
        args.add("--remarketing.store.url=" + this.storefront);
        args.add("--sample.mail.embedded=false");
        args.add("--sample.mail.smtp-port=" + ChildStore.freePort());
        args.add("--remarketing.import.enabled=false");
        args.add("--spring.jpa.properties.hibernate.hbm2ddl.halt_on_error=true");
        this.store = new SpringApplicationBuilder(SampleStoreApplication.class).run(args.toArray(new String[0]));
        this.catalog = this.store.getBean(ProductCatalog.class);
        this.shop = this.store.getBean(CatalogService.class);
    }

    @AfterAll
    void stopStore() {
        if (this.store != null) {
            this.store.close();
        }
        dropDatabase();
    }

    @Test
    void productsAreTheStoresInTheOrderAskedWithLinksTheStoreServes() throws Exception {
        List<SeedCatalog.Product> asked = List.of(seedProduct(10), seedProduct(0), seedProduct(33));
        long unknown = this.shop.all(Locale.ENGLISH).stream().mapToLong(ProductView::getId).max().orElseThrow() + 1000;
        List<Long> ids = new ArrayList<>();
        ids.add(id(asked.get(0)));
        ids.add(unknown);
        ids.add(id(asked.get(1)));
        ids.add(id(asked.get(2)));
        ids.add(id(asked.get(0)));

        List<CatalogProduct> products = this.catalog.products(ids, Locale.ENGLISH);

        assertThat(products).extracting(CatalogProduct::sku)
            .containsExactly(asked.get(0).sku, asked.get(1).sku, asked.get(2).sku);
        for (int i = 0; i < asked.size(); i++) {
            SeedCatalog.Product seeded = asked.get(i);
            CatalogProduct product = products.get(i);
            ProductView shown = this.shop.product(seeded.sku, Locale.ENGLISH).orElseThrow();
            assertThat(product.id()).isEqualTo(shown.getId());
            assertThat(product.name()).isEqualTo(seeded.name("en")).isEqualTo(shown.getName());
            assertThat(product.price()).isEqualByComparingTo(seeded.price).isEqualByComparingTo(shown.getPrice());
            // SeedLoader prices the store in US dollars
            assertThat(product.currency()).isEqualTo("USD");
            assertThat(product.available()).isTrue();
            assertThat(product.url()).isEqualTo(this.storefront + "/product/" + seeded.sku);
            assertThat(product.imageUrl()).isEqualTo(this.storefront + shown.getImageUrl());
            HttpResponse<String> page = get(product.url());
            assertThat(page.statusCode()).as(product.url()).isEqualTo(200);
            assertThat(page.body()).contains(shown.getName());
            HttpResponse<String> image = get(product.imageUrl());
            assertThat(image.statusCode()).as(product.imageUrl()).isEqualTo(200);
            assertThat(image.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("image/"));
        }
        assertThat(this.catalog.products(List.of(unknown), Locale.ENGLISH)).isEmpty();
        assertThat(this.catalog.products(List.of(), Locale.ENGLISH)).isEmpty();
    }

    @Test
    void namesAreInTheLanguageAskedElseInTheStoresDefault() {
        SeedCatalog.Product first = seedProduct(1);
        SeedCatalog.Product second = seedProduct(2);
        List<Long> ids = List.of(id(first), id(second));

        assertThat(this.catalog.products(ids, StoreContext.VIETNAMESE)).extracting(CatalogProduct::name)
            .containsExactly(first.name("vi"), second.name("vi"))
            .containsExactly(shownName(first, StoreContext.VIETNAMESE), shownName(second, StoreContext.VIETNAMESE));
        assertThat(this.catalog.products(ids, Locale.FRENCH)).as("a language the store does not speak")
            .extracting(CatalogProduct::name).containsExactly(first.name("en"), second.name("en"));
        assertThat(this.catalog.products(ids, null)).extracting(CatalogProduct::name)
            .containsExactly(first.name("en"), second.name("en"));

        // a product the merchant has not translated yet
        SeedCatalog.Product untranslated = seedProduct(this.seed.products().size() - 1);
        inTransaction((em) -> em.createQuery("delete from ProductDescription d where d.product.id = :id"
                + " and d.language.id = (select l.id from Language l where l.code = 'vi')")
            .setParameter("id", id(untranslated)).executeUpdate());
        assertThat(this.catalog.products(List.of(id(untranslated)), StoreContext.VIETNAMESE))
            .extracting(CatalogProduct::name).containsExactly(untranslated.name("en"))
            .containsExactly(shownName(untranslated, StoreContext.VIETNAMESE));
    }

    @Test
    void aSpecialPriceIsThePriceWhileItRunsOnly() {
        SeedCatalog.Product running = seedProduct(40);
        SeedCatalog.Product ended = seedProduct(41);
        SeedCatalog.Product coming = seedProduct(42);
        LocalDate today = LocalDate.now();
        BigDecimal discount = new BigDecimal("2.00");
        try {
            special(running, running.price.subtract(discount), today.minusDays(1), today.plusDays(10));
            special(ended, ended.price.subtract(discount), today.minusDays(10), today.minusDays(1));
            special(coming, coming.price.subtract(discount), today.plusDays(2), today.plusDays(10));

            List<CatalogProduct> products = this.catalog.products(List.of(id(running), id(ended), id(coming)), Locale.ENGLISH);

            assertThat(products.get(0).price()).isEqualByComparingTo(running.price.subtract(discount));
            assertThat(products.get(1).price()).isEqualByComparingTo(ended.price);
            assertThat(products.get(2).price()).isEqualByComparingTo(coming.price);
            for (CatalogProduct product : products) {
                assertThat(product.price()).as("the price the store's page shows for " + product.sku())
                    .isEqualByComparingTo(this.shop.product(product.sku(), Locale.ENGLISH).orElseThrow().getPrice());
            }
        }
        finally {
            for (SeedCatalog.Product product : List.of(running, ended, coming)) {
                special(product, null, null, null);
            }
        }
    }

    @Test
    void relatedAreTheProductsThePageShowsThatTheStoreSellsThenItsFeaturedItems() throws Exception {
        SeedCatalog.Product product = seedProduct(50);
        long id = id(product);
        Set<String> onPage = relatedOnPage(product.sku);
        assertThat(onPage).as("the page shows the seed's related products").containsExactlyInAnyOrderElementsOf(product.related);

        assertThat(skus(this.catalog.related(id, Set.of(), 4, Locale.ENGLISH))).containsExactlyInAnyOrderElementsOf(onPage)
            .containsExactlyInAnyOrderElementsOf(this.shop.related(id, Locale.ENGLISH).stream()
                .map(ProductView::getSku).collect(Collectors.toList()));
        String first = product.related.get(0);
        assertThat(skus(this.catalog.related(id, Set.of(id(first)), 4, Locale.ENGLISH))).as("excluded")
            .containsExactlyElementsOf(product.related.subList(1, 3));
        assertThat(this.catalog.related(id, Set.of(), 2, Locale.ENGLISH)).hasSize(2);
        assertThat(this.catalog.related(id, Set.of(), 0, Locale.ENGLISH)).isEmpty();
        assertThat(this.catalog.related(id, Set.of(), 4, StoreContext.VIETNAMESE)).extracting(CatalogProduct::name)
            .containsExactlyElementsOf(product.related.stream().map((sku) -> this.seed.product(sku).name("vi"))
                .collect(Collectors.toList()));

        String soldOut = product.related.get(1);
        SeedCatalog.Product featured = seedProduct(60);
        SeedCatalog.Product inactive = seedProduct(61);
        List<Long> added = new ArrayList<>();
        try {
            stock(soldOut, 0);
            added.add(featuredItem(featured, true));
            added.add(featuredItem(product, true));
            added.add(featuredItem(this.seed.product(first), true));
            added.add(featuredItem(inactive, false));

            assertThat(relatedOnPage(product.sku)).as("the page still shows what it cannot sell").contains(soldOut);
            assertThat(skus(this.catalog.related(id, Set.of(), 10, Locale.ENGLISH)))
                .containsExactly(first, product.related.get(2), featured.sku);
            assertThat(skus(this.catalog.related(id, Set.of(), 2, Locale.ENGLISH)))
                .containsExactly(first, product.related.get(2));
            assertThat(this.catalog.products(List.of(id(soldOut)), Locale.ENGLISH)).singleElement()
                .satisfies((p) -> assertThat(p.available()).isFalse());
        }
        finally {
            stock(soldOut, this.seed.product(soldOut).stock);
            inTransaction((em) -> added.forEach((relationship) -> em.remove(em.find(ProductRelationship.class, relationship))));
        }
        assertThat(this.catalog.related(Long.MAX_VALUE, Set.of(), 4, Locale.ENGLISH)).isEmpty();
    }

    @Test
    void theNewestProductsOfACategoryAreItsAvailableOnesMadeAvailableSinceNewestFirst() {
        CatalogNews news = this.store.getBean(CatalogNews.class);
        String category = seedProduct(0).category;
        List<SeedCatalog.Product> ofCategory = this.seed.products().stream().filter((p) -> p.category.equals(category))
            .collect(Collectors.toList());
        assertThat(ofCategory).as("seed products of " + category).hasSizeGreaterThanOrEqualTo(3);
        SeedCatalog.Product newest = ofCategory.get(0);
        SeedCatalog.Product older = ofCategory.get(1);
        SeedCatalog.Product hidden = ofCategory.get(2);
        SeedCatalog.Product elsewhere = this.seed.products().stream().filter((p) -> !p.category.equals(category))
            .findFirst().orElseThrow();
        // Shopizer keeps the day a product becomes available (a DATE): days apart, whatever the hour
        java.time.Instant now = java.time.Instant.now();
        List<SeedCatalog.Product> changed = List.of(newest, older, hidden, elsewhere);
        List<Date> seeded = changed.stream().map(this::dateAvailable).collect(Collectors.toList());
        try {
            available(newest, Date.from(now.minus(Duration.ofDays(1))), true);
            available(older, Date.from(now.minus(Duration.ofDays(3))), true);
            available(hidden, Date.from(now.minus(Duration.ofDays(1))), false);
            available(elsewhere, Date.from(now.minus(Duration.ofDays(2))), true);

            assertThat(news.newestProducts(List.of(category), now.minus(Duration.ofDays(5)), 5))
                .containsExactly(java.util.Map.entry(id(newest), newest.sku), java.util.Map.entry(id(older), older.sku));
            assertThat(news.newestProducts(List.of(category), now.minus(Duration.ofDays(5)), 1)).containsOnlyKeys(id(newest));
            assertThat(news.newestProducts(List.of(category), now.minus(Duration.ofDays(2)), 5)).containsOnlyKeys(id(newest));
            assertThat(news.newestProducts(List.of(category, elsewhere.category), now.minus(Duration.ofDays(5)), 5))
                .containsOnlyKeys(id(newest), id(elsewhere), id(older));
            assertThat(news.newestProducts(List.of("no-such-category"), now.minus(Duration.ofDays(5)), 5)).isEmpty();
        }
        finally {
            for (int i = 0; i < changed.size(); i++) {
                available(changed.get(i), seeded.get(i), true);
            }
        }
    }

    @Test
    void theBrandIsTheSeedStores() throws Exception {
        StoreBranding brand = this.catalog.brand();

        assertThat(brand.name()).isEqualTo(this.seed.store("name"));
        assertThat(brand.url()).isEqualTo(this.storefront);
        // SeedLoader names the seed's country "US" United States in English, the store's language
        assertThat(brand.address()).isEqualTo(this.seed.store("address") + ", " + this.seed.store("city") + ", "
                + this.seed.store("state") + " " + this.seed.store("postalCode") + ", United States");
        assertThat(brand.currency()).isEqualTo("USD");
        assertThat(brand.logoUrl()).as("the seed store has no logo").isNull();
        assertThat(get(brand.url()).statusCode()).isEqualTo(200);
    }

    private SeedCatalog.Product seedProduct(int index) {
        return this.seed.products().get(index);
    }

    private long id(SeedCatalog.Product product) {
        return id(product.sku);
    }

    private long id(String sku) {
        return this.shop.product(sku, Locale.ENGLISH).orElseThrow().getId();
    }

    private String shownName(SeedCatalog.Product product, Locale locale) {
        return this.shop.product(product.sku, locale).orElseThrow().getName();
    }

    private static List<String> skus(List<CatalogProduct> products) {
        return products.stream().map(CatalogProduct::sku).collect(Collectors.toList());
    }

    /** The SKUs of the cards under "You may also like" on the store's product page. */
    private Set<String> relatedOnPage(String sku) throws Exception {
        HttpResponse<String> page = get(this.storefront + "/product/" + sku);
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        int start = html.indexOf("data-test=\"related-products\"");
        assertThat(start).as("related products on the page of " + sku).isPositive();
        Matcher links = CARD_LINK.matcher(html.substring(start, html.indexOf("</section>", start)));
        Set<String> skus = new LinkedHashSet<>();
        while (links.find()) {
            skus.add(links.group(1));
        }
        return skus;
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return this.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Date dateAvailable(SeedCatalog.Product product) {
        List<Date> found = new ArrayList<>();
        inTransaction((em) -> found.add((Date) em.createQuery("select p.dateAvailable from Product p where p.id = :id")
            .setParameter("id", id(product)).getSingleResult()));
        return found.get(0);
    }

    private void available(SeedCatalog.Product product, Date since, boolean available) {
        inTransaction((em) -> em.createQuery("update Product p set p.dateAvailable = :since, p.available = :available"
                + " where p.id = :id")
            .setParameter("since", since)
            .setParameter("available", available)
            .setParameter("id", id(product))
            .executeUpdate());
    }

    private void special(SeedCatalog.Product product, BigDecimal amount, LocalDate start, LocalDate end) {
        inTransaction((em) -> em.createQuery("update ProductPrice p set p.productPriceSpecialAmount = :amount,"
                + " p.productPriceSpecialStartDate = :start, p.productPriceSpecialEndDate = :end"
                + " where p.productAvailability.id in (select a.id from ProductAvailability a where a.product.id = :id)")
            .setParameter("amount", amount)
            .setParameter("start", date(start))
            .setParameter("end", date(end))
            .setParameter("id", id(product))
            .executeUpdate());
    }

    private void stock(String sku, int quantity) {
        long product = id(sku);
        inTransaction((em) -> em.createQuery("update ProductAvailability a set a.productQuantity = :quantity"
                + " where a.product.id = :id").setParameter("quantity", quantity).setParameter("id", product).executeUpdate());
    }

    /** A featured item of the store, as Shopizer's backoffice adds one: a relationship without a product of its own. */
    private long featuredItem(SeedCatalog.Product product, boolean active) {
        long productId = id(product);
        ProductRelationship relationship = new ProductRelationship();
        inTransaction((em) -> {
            relationship.setStore(em.createQuery("select s from MerchantStore s where s.code = :code", MerchantStore.class)
                .setParameter("code", StoreContext.STORE_CODE).getSingleResult());
            relationship.setRelatedProduct(em.find(Product.class, productId));
            relationship.setCode("FEATURED_ITEM");
            relationship.setActive(active);
            em.persist(relationship);
        });
        return relationship.getId();
    }

    private static Date date(LocalDate day) {
        return (day != null) ? Date.from(day.atStartOfDay(ZoneId.systemDefault()).toInstant()) : null;
    }

    private void inTransaction(Consumer<EntityManager> work) {
        EntityManager em = this.store.getBean(EntityManagerFactory.class).createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(em);
            em.getTransaction().commit();
        }
        finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }
}
