package org.remarketing.samplestore.cart;

import java.math.BigDecimal;
import java.util.Date;
import java.util.List;

/** A cart with its lines and totals. Shipping is free from {@link #FREE_SHIPPING_FROM}. */
public final class CartView {

    public static final BigDecimal FREE_SHIPPING_FROM = new BigDecimal("50.00");
    public static final BigDecimal SHIPPING_FEE = new BigDecimal("5.00");

    private final long id;
    private final String code;
    private final Long customerId;
    private final Long orderId;
    private final List<CartLine> lines;
    private final Date lastModified;

    CartView(long id, String code, Long customerId, Long orderId, List<CartLine> lines, Date lastModified) {
        this.id = id;
        this.code = code;
        this.customerId = customerId;
        this.orderId = orderId;
        this.lines = List.copyOf(lines);
        this.lastModified = lastModified;
    }

    public long getId() { return id; }
    public String getCode() { return code; }
    public Long getCustomerId() { return customerId; }
    public Long getOrderId() { return orderId; }
    public boolean isOrdered() { return orderId != null; }
    public List<CartLine> getLines() { return lines; }
    public Date getLastModified() { return lastModified; }
    public boolean isEmpty() { return lines.isEmpty(); }

    public int getItemCount() {
        return lines.stream().mapToInt(CartLine::getQuantity).sum();
    }

    public BigDecimal getSubtotal() {
        return lines.stream().map(CartLine::getLineTotal).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
    }

    public BigDecimal getShipping() {
        return isEmpty() || getSubtotal().compareTo(FREE_SHIPPING_FROM) >= 0 ? BigDecimal.ZERO.setScale(2) : SHIPPING_FEE;
    }

    public BigDecimal getTotal() {
        return getSubtotal().add(getShipping());
    }
}
