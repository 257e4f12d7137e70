package org.remarketing.samplestore.mail;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

import com.salesmanager.core.model.common.Billing;
import com.salesmanager.core.model.order.Order;
import com.salesmanager.core.model.order.OrderTotal;
import com.salesmanager.core.model.order.orderproduct.OrderProduct;
import org.springframework.context.MessageSource;

/**
 * What the order confirmation shows, copied out of the order's entities while they are
 * loaded, with amounts already formatted for the shopper's locale.
 */
final class OrderConfirmation {

    private static final String TOTAL_CODE_PREFIX = "order.total.";
    private static final String GRAND_TOTAL_CODE = "order.total.total";

    private final long orderId;
    private final String recipient;
    private final String storeName;
    private final String billingName;
    private final String billingFirstName;
    private final List<Item> items;
    private final List<Line> totals;
    private final String grandTotal;

    private OrderConfirmation(long orderId, String recipient, String storeName, String billingName,
            String billingFirstName, List<Item> items, List<Line> totals, String grandTotal) {
        this.orderId = orderId;
        this.recipient = recipient;
        this.storeName = storeName;
        this.billingName = billingName;
        this.billingFirstName = billingFirstName;
        this.items = items;
        this.totals = totals;
        this.grandTotal = grandTotal;
    }

    static OrderConfirmation of(Order order, Locale locale, MessageSource messages) {
        NumberFormat money = moneyFormat(order, locale);

        List<OrderProduct> products = new ArrayList<>(order.getOrderProducts());
        products.sort(Comparator.comparing(OrderProduct::getId, Comparator.nullsLast(Comparator.naturalOrder())));
        List<Item> items = new ArrayList<>();
        for (OrderProduct product : products) {
            BigDecimal unit = product.getOneTimeCharge() == null ? BigDecimal.ZERO : product.getOneTimeCharge();
            BigDecimal line = unit.multiply(BigDecimal.valueOf(product.getProductQuantity()));
            items.add(new Item(product.getProductName(), product.getSku(), product.getProductQuantity(),
                    money.format(unit), money.format(line)));
        }

        List<OrderTotal> orderTotals = new ArrayList<>(order.getOrderTotal());
        orderTotals.sort(Comparator.comparingInt(OrderTotal::getSortOrder));
        List<Line> totals = new ArrayList<>();
        BigDecimal grandTotal = order.getTotal();
        for (OrderTotal total : orderTotals) {
            String code = total.getOrderTotalCode() == null ? "" : total.getOrderTotalCode();
            if (GRAND_TOTAL_CODE.equals(code)) {
                if (grandTotal == null) {
                    grandTotal = total.getValue();
                }
                continue;
            }
            totals.add(new Line(totalLabel(code, total.getTitle(), locale, messages), money.format(total.getValue())));
        }

        Billing billing = order.getBilling();
        String first = billing == null ? null : trim(billing.getFirstName());
        String last = billing == null ? null : trim(billing.getLastName());
        String billingName = String.join(" ", nonEmpty(first, last));
        String storeName = order.getMerchant() == null ? null : trim(order.getMerchant().getStorename());

        return new OrderConfirmation(order.getId(), trim(order.getCustomerEmailAddress()),
                storeName == null || storeName.isEmpty() ? "Sample store" : storeName, billingName,
                first == null ? "" : first, Collections.unmodifiableList(items), Collections.unmodifiableList(totals),
                money.format(grandTotal == null ? BigDecimal.ZERO : grandTotal));
    }

    private static String totalLabel(String code, String title, Locale locale, MessageSource messages) {
        String key = code.startsWith(TOTAL_CODE_PREFIX) ? code.substring(TOTAL_CODE_PREFIX.length()) : code;
        String fallback = title != null && !title.trim().isEmpty() ? title : key;
        return messages.getMessage("mail.total." + key, null, fallback, locale);
    }

    private static NumberFormat moneyFormat(Order order, Locale locale) {
        Currency currency = null;
        if (order.getCurrency() != null) {
            currency = order.getCurrency().getCurrency();
        } else if (order.getMerchant() != null && order.getMerchant().getCurrency() != null) {
            currency = order.getMerchant().getCurrency().getCurrency();
        }
        if (currency == null) {
            NumberFormat plain = NumberFormat.getNumberInstance(locale);
            plain.setMinimumFractionDigits(2);
            plain.setMaximumFractionDigits(2);
            return plain;
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(currency);
        format.setMinimumFractionDigits(currency.getDefaultFractionDigits());
        format.setMaximumFractionDigits(currency.getDefaultFractionDigits());
        return format;
    }

    private static List<String> nonEmpty(String... parts) {
        List<String> kept = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isEmpty()) {
                kept.add(part);
            }
        }
        return kept;
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    public long getOrderId() {
        return orderId;
    }

    /** The order id as shown to the shopper (no digit grouping). */
    public String getOrderNumber() {
        return String.valueOf(orderId);
    }

    /** The shopper's email address; never logged. */
    String recipient() {
        return recipient;
    }

    public String getStoreName() {
        return storeName;
    }

    public String getBillingName() {
        return billingName;
    }

    public String getBillingFirstName() {
        return billingFirstName;
    }

    public List<Item> getItems() {
        return items;
    }

    public List<Line> getTotals() {
        return totals;
    }

    public String getGrandTotal() {
        return grandTotal;
    }

    /** One ordered product. */
    static final class Item {

        private final String name;
        private final String sku;
        private final int quantity;
        private final String unitPrice;
        private final String lineTotal;

        Item(String name, String sku, int quantity, String unitPrice, String lineTotal) {
            this.name = name;
            this.sku = sku;
            this.quantity = quantity;
            this.unitPrice = unitPrice;
            this.lineTotal = lineTotal;
        }

        public String getName() {
            return name;
        }

        public String getSku() {
            return sku;
        }

        public int getQuantity() {
            return quantity;
        }

        public String getUnitPrice() {
            return unitPrice;
        }

        public String getLineTotal() {
            return lineTotal;
        }
    }

    /** A labelled amount such as the subtotal or shipping. */
    static final class Line {

        private final String label;
        private final String amount;

        Line(String label, String amount) {
            this.label = label;
            this.amount = amount;
        }

        public String getLabel() {
            return label;
        }

        public String getAmount() {
            return amount;
        }
    }
}
