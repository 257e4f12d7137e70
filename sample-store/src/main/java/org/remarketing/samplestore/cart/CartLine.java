package org.remarketing.samplestore.cart;

import java.math.BigDecimal;

/** One line of a cart, priced at today's price. */
public final class CartLine {

    private final long itemId;
    private final long productId;
    private final String sku;
    private final String name;
    private final String imageUrl;
    private final int quantity;
    private final BigDecimal unitPrice;

    CartLine(long itemId, long productId, String sku, String name, String imageUrl, int quantity, BigDecimal unitPrice) {
        this.itemId = itemId;
        this.productId = productId;
        this.sku = sku;
        this.name = name;
        this.imageUrl = imageUrl;
        this.quantity = quantity;
        this.unitPrice = unitPrice;
    }

    public long getItemId() { return itemId; }
    public long getProductId() { return productId; }
    public String getSku() { return sku; }
    public String getName() { return name; }
    public String getImageUrl() { return imageUrl; }
    public int getQuantity() { return quantity; }
    public BigDecimal getUnitPrice() { return unitPrice; }
    public BigDecimal getLineTotal() { return unitPrice.multiply(BigDecimal.valueOf(quantity)); }
}
