package org.remarketing.samplestore.catalog;

import java.math.BigDecimal;

/** A product as the storefront and the REST API show it, in one language. */
public final class ProductView {

    private final long id;
    private final String sku;
    private final String name;
    private final String description;
    private final String slug;
    private final BigDecimal price;
    private final String imageUrl;
    private final String categoryCode;
    private final int quantity;
    private final boolean available;

    ProductView(long id, String sku, String name, String description, String slug, BigDecimal price,
                String imageUrl, String categoryCode, int quantity, boolean available) {
        this.id = id;
        this.sku = sku;
        this.name = name;
        this.description = description;
        this.slug = slug;
        this.price = price;
        this.imageUrl = imageUrl;
        this.categoryCode = categoryCode;
        this.quantity = quantity;
        this.available = available;
    }

    public long getId() { return id; }
    public String getSku() { return sku; }
    public String getName() { return name; }
    public String getDescription() { return description; }
    public String getSlug() { return slug; }
    public BigDecimal getPrice() { return price; }
    /** Shopizer's image path: /static/products/{store}/{sku}/SMALL/{file}; null without an image. */
    public String getImageUrl() { return imageUrl; }
    public String getCategoryCode() { return categoryCode; }
    public int getQuantity() { return quantity; }
    public boolean isAvailable() { return available; }
    public boolean isInStock() { return available && quantity > 0; }
}
