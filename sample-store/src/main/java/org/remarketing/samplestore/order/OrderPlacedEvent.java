package org.remarketing.samplestore.order;

import java.util.Locale;

/**
 * Published by the checkout once an order is saved; listeners that must only act on a
 * committed order use {@code @TransactionalEventListener} (after commit).
 */
public final class OrderPlacedEvent {

    private final long orderId;
    private final Locale locale;

    public OrderPlacedEvent(long orderId, Locale locale) {
        this.orderId = orderId;
        this.locale = locale;
    }

    public long getOrderId() {
        return orderId;
    }

    /** The language the shopper used at checkout (en or vi). */
    public Locale getLocale() {
        return locale;
    }
}
