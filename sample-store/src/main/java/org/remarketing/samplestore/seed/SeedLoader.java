package org.remarketing.samplestore.seed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.salesmanager.core.model.catalog.category.Category;
import com.salesmanager.core.model.catalog.category.CategoryDescription;
import com.salesmanager.core.model.catalog.product.Product;
import com.salesmanager.core.model.catalog.product.availability.ProductAvailability;
import com.salesmanager.core.model.catalog.product.description.ProductDescription;
import com.salesmanager.core.model.catalog.product.image.ProductImage;
import com.salesmanager.core.model.catalog.product.price.ProductPrice;
import com.salesmanager.core.model.catalog.product.price.ProductPriceDescription;
import com.salesmanager.core.model.catalog.product.price.ProductPriceType;
import com.salesmanager.core.model.catalog.product.relationship.ProductRelationship;
import com.salesmanager.core.model.catalog.product.type.ProductType;
import com.salesmanager.core.model.merchant.MerchantStore;
import com.salesmanager.core.model.reference.country.Country;
import com.salesmanager.core.model.reference.country.CountryDescription;
import com.salesmanager.core.model.reference.currency.Currency;
import com.salesmanager.core.model.reference.language.Language;
import com.salesmanager.core.model.system.optin.Optin;
import com.salesmanager.core.model.system.optin.OptinType;
import com.salesmanager.core.model.user.Group;
import com.salesmanager.core.model.user.GroupType;
import com.salesmanager.core.model.user.User;

/**
 * Fills an empty database with the sample store on first start: reference data (languages en and
 * vi, USD, a few countries), the store {@code DEFAULT}, opt-ins, admin and customer groups, the admin
 * {@code admin@shopizer.com / password}, the catalogue of {@code seed/catalog.json}, and shoppers
 * with order histories relative to now (see {@link ShopperSeeder}).
 *
 * <p>Runs once all beans exist and before the web server opens (a request must never meet a
 * half-seeded store), in one transaction, and only when no store {@code DEFAULT} exists. Everything goes through Shopizer's entities and the {@link EntityManager}, so it works
 * on every database Hibernate supports. Random choices use a fixed seed: two first starts give
 * the same data, apart from dates, which are computed from the clock. Turn it off with
 * {@code sample.seed.enabled=false}.
 */
@Component
@ConditionalOnProperty(prefix = "sample.seed", name = "enabled", havingValue = "true", matchIfMissing = true)
public class SeedLoader implements SmartInitializingSingleton {

    public static final String STORE_CODE = "DEFAULT";
    public static final String ADMIN_EMAIL = "admin@shopizer.com";
    public static final String DEMO_PASSWORD = "password";
    public static final String RELATED_ITEM = "RELATED_ITEM";
    public static final List<String> ADMIN_GROUPS = Arrays.asList(
            "SUPERADMIN", "ADMIN", "ADMIN_RETAILER", "ADMIN_STORE", "ADMIN_CATALOGUE", "ADMIN_ORDER");
    public static final String CUSTOMER_GROUP = "CUSTOMER";
    static final long RANDOM_SEED = 20240917L;

    private static final Logger log = LoggerFactory.getLogger(SeedLoader.class);

    @PersistenceContext
    private EntityManager em;

    private final TransactionTemplate tx;
    private final Clock clock;

    @Autowired
    public SeedLoader(PlatformTransactionManager transactionManager) {
        this(transactionManager, Clock.systemDefaultZone());
    }

    SeedLoader(PlatformTransactionManager transactionManager, Clock clock) {
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        seed();
    }

    /** Seeds the store if it does not exist yet; returns whether anything was written. */
    public boolean seed() {
        long started = System.nanoTime();
        Boolean done = tx.execute(status -> {
            if (storeExists()) {
                return false;
            }
            load();
            return true;
        });
        if (Boolean.TRUE.equals(done)) {
            log.info("Seeded the sample store in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
            return true;
        }
        log.debug("Store {} exists, nothing to seed", STORE_CODE);
        return false;
    }

    private boolean storeExists() {
        return em.createQuery("select count(m) from MerchantStore m where m.code = :code", Long.class)
                .setParameter("code", STORE_CODE).getSingleResult() > 0;
    }

    private void load() {
        SeedCatalog catalog = SeedCatalog.load();
        Instant now = clock.instant();
        Random random = new Random(RANDOM_SEED);
        BCryptPasswordEncoder encoder = new BCryptPasswordEncoder();

        Language en = language("en", 0);
        Language vi = language("vi", 1);
        Map<String, Language> languages = new HashMap<>();
        languages.put("en", en);
        languages.put("vi", vi);
        Currency usd = currency("USD", "US Dollar");
        Map<String, Country> countries = new HashMap<>();
        countries.put("US", country("US", en, "United States", vi, "Hoa Kỳ"));
        countries.put("VN", country("VN", en, "Vietnam", vi, "Việt Nam"));
        countries.put("CA", country("CA", en, "Canada", vi, "Canada"));
        countries.put("FR", country("FR", en, "France", vi, "Pháp"));

        MerchantStore store = store(catalog, en, vi, usd, countries.get(catalog.store("country")), now);
        Map<OptinType, Optin> optins = new HashMap<>();
        optins.put(OptinType.NEWSLETTER, optin(store, OptinType.NEWSLETTER, "NEWSLETTER", "Newsletter", now));
        optins.put(OptinType.PROMOTIONS, optin(store, OptinType.PROMOTIONS, "PROMOTIONS", "Promotions and offers", now));

        Map<String, Group> groups = new HashMap<>();
        for (String name : ADMIN_GROUPS) {
            groups.put(name, group(name, GroupType.ADMIN));
        }
        Group customers = group(CUSTOMER_GROUP, GroupType.CUSTOMER);
        admin(store, en, groups.get("SUPERADMIN"), encoder.encode(DEMO_PASSWORD), now);

        Map<String, Product> products = catalog(catalog, store, languages, now);

        new ShopperSeeder(em, catalog, store, languages, countries, usd, customers, optins, products,
                encoder.encode(DEMO_PASSWORD), random, now, clock.getZone()).seed();
    }

    private Language language(String code, int sortOrder) {
        List<Language> found = em.createQuery("select l from Language l where l.code = :code", Language.class)
                .setParameter("code", code).getResultList();
        if (!found.isEmpty()) {
            return found.get(0);
        }
        Language language = new Language(code);
        language.setSortOrder(sortOrder);
        em.persist(language);
        return language;
    }

    private Currency currency(String code, String name) {
        List<Currency> found = em.createQuery("select c from Currency c where c.code = :code", Currency.class)
                .setParameter("code", code).getResultList();
        if (!found.isEmpty()) {
            return found.get(0);
        }
        Currency currency = new Currency();
        currency.setCurrency(java.util.Currency.getInstance(code));
        currency.setName(name);
        currency.setSupported(true);
        em.persist(currency);
        return currency;
    }

    private Country country(String iso, Language en, String enName, Language vi, String viName) {
        List<Country> found = em.createQuery("select c from Country c where c.isoCode = :iso", Country.class)
                .setParameter("iso", iso).getResultList();
        if (!found.isEmpty()) {
            return found.get(0);
        }
        Country country = new Country(iso);
        country.setSupported(true);
        country.setDescriptions(new HashSet<>());
        for (CountryDescription d : Arrays.asList(new CountryDescription(en, enName), new CountryDescription(vi, viName))) {
            d.setCountry(country);
            country.getDescriptions().add(d);
        }
        em.persist(country);
        return country;
    }

    private MerchantStore store(SeedCatalog catalog, Language en, Language vi, Currency usd, Country country, Instant now) {
        MerchantStore store = new MerchantStore();
        store.setCode(STORE_CODE);
        store.setStorename(catalog.store("name"));
        store.setStoreEmailAddress(catalog.store("email"));
        store.setStorephone(catalog.store("phone"));
        store.setStoreaddress(catalog.store("address"));
        store.setStorecity(catalog.store("city"));
        store.setStorestateprovince(catalog.store("state"));
        store.setStorepostalcode(catalog.store("postalCode"));
        store.setCountry(country);
        store.setCurrency(usd);
        store.setDefaultLanguage(en);
        store.setLanguages(new ArrayList<>(Arrays.asList(en, vi)));
        store.setWeightunitcode("LB");
        store.setSeizeunitcode("IN");
        store.setInBusinessSince(Date.from(now.minus(Duration.ofDays(400))));
        store.setRetailer(true);
        store.setStoreTemplate("december");
        store.setDomainName("localhost:8080");
        store.getAuditSection().setDateCreated(Date.from(now));
        em.persist(store);
        return store;
    }

    private Optin optin(MerchantStore store, OptinType type, String code, String description, Instant now) {
        Optin optin = new Optin();
        optin.setMerchant(store);
        optin.setOptinType(type);
        optin.setCode(code);
        optin.setDescription(description);
        optin.setStartDate(Date.from(now.minus(Duration.ofDays(365))));
        em.persist(optin);
        return optin;
    }

    private Group group(String name, GroupType type) {
        Group group = new Group(name);
        group.setGroupType(type);
        em.persist(group);
        return group;
    }

    private void admin(MerchantStore store, Language en, Group superadmin, String passwordHash, Instant now) {
        User admin = new User();
        admin.setAdminName(ADMIN_EMAIL);
        admin.setAdminEmail(ADMIN_EMAIL);
        admin.setAdminPassword(passwordHash);
        admin.setFirstName("Admin");
        admin.setLastName("User");
        admin.setActive(true);
        admin.setMerchantStore(store);
        admin.setDefaultLanguage(en);
        admin.setGroups(new ArrayList<>(Arrays.asList(superadmin)));
        admin.getAuditSection().setDateCreated(Date.from(now));
        em.persist(admin);
    }

    private Map<String, Product> catalog(SeedCatalog catalog, MerchantStore store, Map<String, Language> languages, Instant now) {
        Date available = Date.from(now.minus(Duration.ofDays(365)));
        ProductType general = new ProductType();
        general.setCode("GENERAL");
        general.setAllowAddToCart(true);
        general.setVisible(true);
        general.setMerchantStore(store);
        em.persist(general);

        Map<String, Category> categories = new HashMap<>();
        for (SeedCatalog.Category c : catalog.categories()) {
            Category category = new Category();
            category.setCode(c.code);
            category.setMerchantStore(store);
            category.setSortOrder(c.sortOrder);
            category.setCategoryStatus(true);
            category.setVisible(true);
            category.setFeatured(true);
            category.setDepth(0);
            category.setDescriptions(new HashSet<>());
            for (Map.Entry<String, SeedCatalog.Text> t : c.texts.entrySet()) {
                CategoryDescription d = new CategoryDescription();
                d.setLanguage(languages.get(t.getKey()));
                d.setName(t.getValue().name);
                d.setTitle(t.getValue().name);
                d.setDescription(t.getValue().description);
                d.setSeUrl(SeedCatalog.slug(t.getValue().name));
                d.setMetatagTitle(t.getValue().name);
                d.setCategory(category);
                category.getDescriptions().add(d);
            }
            em.persist(category);
            category.setLineage("/" + category.getId() + "/");
            categories.put(c.code, category);
        }

        Map<String, Product> products = new HashMap<>();
        int sort = 0;
        for (SeedCatalog.Product p : catalog.products()) {
            Product product = new Product();
            product.setSku(p.sku);
            product.setMerchantStore(store);
            product.setAvailable(true);
            product.setDateAvailable(available);
            product.setProductShipeable(true);
            product.setType(general);
            product.setSortOrder(sort++);
            product.setCategories(new HashSet<>(Arrays.asList(categories.get(p.category))));
            product.getAuditSection().setDateCreated(available);

            product.setDescriptions(new HashSet<>());
            for (Map.Entry<String, SeedCatalog.Text> t : p.texts.entrySet()) {
                ProductDescription d = new ProductDescription();
                d.setLanguage(languages.get(t.getKey()));
                d.setName(t.getValue().name);
                d.setTitle(t.getValue().name);
                d.setDescription(t.getValue().description);
                d.setProductHighlight(t.getValue().description);
                d.setSeUrl(SeedCatalog.slug(t.getValue().name));
                d.setMetatagTitle(t.getValue().name);
                d.setMetatagDescription(t.getValue().description);
                d.setProduct(product);
                product.getDescriptions().add(d);
            }

            ProductAvailability availability = new ProductAvailability();
            availability.setProduct(product);
            availability.setMerchantStore(store);
            availability.setProductQuantity(p.stock);
            availability.setProductDateAvailable(available);
            availability.setProductStatus(true);
            availability.setAvailable(true);
            availability.setRegion("*");
            availability.setProductQuantityOrderMin(1);
            availability.setProductQuantityOrderMax(20);

            ProductPrice price = new ProductPrice();
            price.setCode("base");
            price.setProductPriceAmount(p.price);
            price.setProductPriceType(ProductPriceType.ONE_TIME);
            price.setDefaultPrice(true);
            price.setProductAvailability(availability);
            price.setDescriptions(new HashSet<>());
            for (Language language : languages.values()) {
                ProductPriceDescription d = new ProductPriceDescription();
                d.setLanguage(language);
                d.setName("DEFAULT");
                d.setProductPrice(price);
                price.getDescriptions().add(d);
            }
            availability.setPrices(new HashSet<>(Arrays.asList(price)));
            product.setAvailabilities(new HashSet<>(Arrays.asList(availability)));
            em.persist(product);

            ProductImage image = new ProductImage();
            image.setProduct(product);
            image.setProductImage(p.imageFile());
            image.setDefaultImage(true);
            image.setImageType(0);
            image.setSortOrder(0);
            em.persist(image);
            product.setImages(new HashSet<>(Arrays.asList(image)));
            products.put(p.sku, product);
        }

        for (SeedCatalog.Product p : catalog.products()) {
            Product product = products.get(p.sku);
            product.setRelationships(new HashSet<>());
            for (String sku : p.related) {
                ProductRelationship relationship = new ProductRelationship();
                relationship.setStore(store);
                relationship.setProduct(product);
                relationship.setRelatedProduct(products.get(sku));
                relationship.setCode(RELATED_ITEM);
                relationship.setActive(true);
                em.persist(relationship);
                product.getRelationships().add(relationship);
            }
        }
        return products;
    }
}
