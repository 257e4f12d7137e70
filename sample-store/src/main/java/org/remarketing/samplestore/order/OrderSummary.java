package org.remarketing.samplestore.order;

import java.math.BigDecimal;
import java.util.Date;
import java.util.List;

/** An order as lists show it: who, when, how much, and its lines. */
public final class OrderSummary {

    private final long id;
    private final Date datePurchased;
    private final String status;
    private final Long customerId;
    private final String email;
    private final String customerName;
    private final BigDecimal total;
    private final List<Line> lines;

    OrderSummary(long id, Date datePurchased, String status, Long customerId, String email, String customerName,
                 BigDecimal total, List<Line> lines) {
        this.id = id;
        this.datePurchased = datePurchased;
        this.status = status;
        this.customerId = customerId;
        this.email = email;
        this.customerName = customerName;
        this.total = total;
        this.lines = List.copyOf(lines);
    }

    public long getId() { return id; }
    public Date getDatePurchased() { return datePurchased; }
    public String getStatus() { return status; }
    public Long getCustomerId() { return customerId; }
    public String getEmail() { return email; }
    public String getCustomerName() { return customerName; }
    public BigDecimal getTotal() { return total; }
    public List<Line> getLines() { return lines; }

    public int getItemCount() {
        return lines.stream().mapToInt(Line::getQuantity).sum();
    }

    /** One ORDER_PRODUCT row. */
    public static final class Line {
        private final String sku;
        private final String name;
        private final int quantity;
        private final BigDecimal price;

        Line(String sku, String name, int quantity, BigDecimal price) {
            this.sku = sku;
            this.name = name;
            this.quantity = quantity;
            this.price = price;
        }

        public String getSku() { return sku; }
        public String getName() { return name; }
        public int getQuantity() { return quantity; }
        public BigDecimal getPrice() { return price; }
    }
}
