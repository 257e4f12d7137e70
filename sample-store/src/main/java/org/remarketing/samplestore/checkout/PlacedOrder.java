package org.remarketing.samplestore.checkout;

import java.math.BigDecimal;

/** The outcome of a checkout. */
public final class PlacedOrder {

    private final long orderId;
    private final long customerId;
    private final String cartCode;
    private final BigDecimal total;

    PlacedOrder(long orderId, long customerId, String cartCode, BigDecimal total) {
        this.orderId = orderId;
        this.customerId = customerId;
        this.cartCode = cartCode;
        this.total = total;
    }

    public long getOrderId() { return orderId; }
    public long getCustomerId() { return customerId; }
    public String getCartCode() { return cartCode; }
    public BigDecimal getTotal() { return total; }
}
