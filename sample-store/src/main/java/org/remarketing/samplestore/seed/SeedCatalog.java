package org.remarketing.samplestore.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The sample store's catalogue as shipped in {@code classpath:seed/catalog.json}: store details,
 * categories and products with English and Vietnamese texts. Images are at
 * {@code classpath:seed/images/{SKU}.png}.
 */
public final class SeedCatalog {

    public static final String RESOURCE = "seed/catalog.json";
    public static final String IMAGES = "seed/images/";

    private final JsonNode store;
    private final List<Category> categories;
    private final Map<String, Product> products;

    private SeedCatalog(JsonNode root) {
        this.store = root.get("store");
        List<Category> cats = new ArrayList<>();
        for (JsonNode c : root.get("categories")) {
            cats.add(new Category(c));
        }
        this.categories = Collections.unmodifiableList(cats);
        Map<String, Product> prods = new LinkedHashMap<>();
        for (JsonNode p : root.get("products")) {
            Product product = new Product(p);
            prods.put(product.sku, product);
        }
        this.products = Collections.unmodifiableMap(prods);
    }

    public static SeedCatalog load() {
        try (InputStream in = SeedCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The seed catalogue " + RESOURCE + " is missing from the classpath");
            }
            return new SeedCatalog(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    public String store(String field) {
        return store.get(field).asText();
    }

    public List<Category> categories() {
        return categories;
    }

    public List<Product> products() {
        return new ArrayList<>(products.values());
    }

    public Product product(String sku) {
        Product p = products.get(sku);
        if (p == null) {
            throw new IllegalArgumentException("No product " + sku + " in the seed catalogue");
        }
        return p;
    }

    /** A URL slug without diacritics: "Cà phê hạt Arabica 500g" becomes "ca-phe-hat-arabica-500g". */
    public static String slug(String text) {
        String s = text.replace('đ', 'd').replace('Đ', 'D');
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        s = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return s.replaceAll("(^-+|-+$)", "");
    }

    /** Name and description in one language. */
    public static final class Text {
        public final String name;
        public final String description;

        Text(JsonNode node) {
            this.name = node.get("name").asText();
            this.description = node.get("description").asText();
        }
    }

    public static final class Category {
        public final String code;
        public final int sortOrder;
        public final Map<String, Text> texts = new LinkedHashMap<>();

        Category(JsonNode node) {
            this.code = node.get("code").asText();
            this.sortOrder = node.get("sortOrder").asInt();
            texts.put("en", new Text(node.get("en")));
            texts.put("vi", new Text(node.get("vi")));
        }
    }

    public static final class Product {
        public final String sku;
        public final String category;
        public final BigDecimal price;
        public final int stock;
        /** Days one unit lasts for a consumable bought periodically; null for durable goods. */
        public final Integer usageDays;
        public final List<String> related;
        public final Map<String, Text> texts = new LinkedHashMap<>();

        Product(JsonNode node) {
            this.sku = node.get("sku").asText();
            this.category = node.get("category").asText();
            this.price = new BigDecimal(node.get("price").asText()).setScale(2);
            this.stock = node.get("stock").asInt();
            this.usageDays = node.hasNonNull("usageDays") ? node.get("usageDays").asInt() : null;
            List<String> rel = new ArrayList<>();
            node.get("related").forEach(r -> rel.add(r.asText()));
            this.related = Collections.unmodifiableList(rel);
            texts.put("en", new Text(node.get("en")));
            texts.put("vi", new Text(node.get("vi")));
        }

        public boolean isConsumable() {
            return usageDays != null;
        }

        public String name(String lang) {
            return texts.get(lang).name;
        }

        public String imageFile() {
            return sku + ".png";
        }
    }
}
