package org.remarketing.core.tracking;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the plugin records about a shopper. Browser events use GA4's names where GA4 has
 * one, so a store's analytics vocabulary and ours agree. {@link #browser()} says whether
 * tracker.js may send it: a browser can never claim a cart change or an order.
 */
public enum EventType {

    PAGE_VIEW("page_view", true),
    PRODUCT_VIEW("view_item", true),
    CATEGORY_VIEW("view_item_list", true),
    SEARCH("search", true),
    /** Sent when a page is left, with the seconds it was visible. */
    PAGE_LEAVE("page_leave", true),
    BEGIN_CHECKOUT("begin_checkout", true),
    ADD_SHIPPING_INFO("add_shipping_info", true),
    ADD_PAYMENT_INFO("add_payment_info", true),
    /** An email typed at checkout before any order: a claim, not a verified identity. */
    EMAIL_CAPTURED("email_captured", true),
    /** The "don't email me" link beside the checkout email field. */
    EMAIL_OPT_OUT("email_opt_out", true),

    CART_ITEM_ADDED("cart_item_added", false),
    CART_QUANTITY_CHANGED("cart_quantity_changed", false),
    CART_ITEM_REMOVED("cart_item_removed", false),
    CART_EMPTIED("cart_emptied", false),
    /** The store set the cart's order id: the conversion signal. */
    CART_CONVERTED("cart_converted", false),
    /** A guest cart joined a customer's cart at sign-in. */
    CART_MERGED("cart_merged", false),
    ORDER_PLACED("order_placed", false),
    ORDER_STATUS_CHANGED("order_status_changed", false),
    CUSTOMER_REGISTERED("customer_registered", false),
    CUSTOMER_UPDATED("customer_updated", false),
    CUSTOMER_SIGNED_IN("login", false),
    NEWSLETTER_OPT_IN("newsletter_opt_in", false),
    NEWSLETTER_OPT_OUT("newsletter_opt_out", false),

    CONSENT_CHANGED("consent_changed", false);

    private static final Map<String, EventType> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toMap(EventType::wireName, Function.identity()));

    private final String wireName;
    private final boolean browser;

    EventType(String wireName, boolean browser) {
        this.wireName = wireName;
        this.browser = browser;
    }

    /** The name on the wire, in tracker.js, in the event log and in Kafka. */
    public String wireName() {
        return wireName;
    }

    /** Whether tracker.js may send it. */
    public boolean browser() {
        return browser;
    }

    public static Optional<EventType> fromWireName(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }
}
