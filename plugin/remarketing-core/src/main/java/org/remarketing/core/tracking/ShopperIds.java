package org.remarketing.core.tracking;

import java.util.Locale;
import java.util.Objects;

/**
 * The identifiers an event carries about its shopper. Any may be null. An email is
 * {@linkplain #emailVerified() verified} only when the store itself recorded it (registration,
 * order, sign-in); an email a browser typed is a claim that must never join another person's
 * existing profile.
 */
public final class ShopperIds {

    private static final ShopperIds NONE = new ShopperIds(null, null, null, false);

    private final String visitorId;
    private final Long customerId;
    private final String email;
    private final boolean emailVerified;

    private ShopperIds(String visitorId, Long customerId, String email, boolean emailVerified) {
        this.visitorId = visitorId;
        this.customerId = customerId;
        this.email = email == null ? null : email.trim().toLowerCase(Locale.ROOT);
        this.emailVerified = this.email != null && emailVerified;
    }

    public static ShopperIds none() {
        return NONE;
    }

    public static ShopperIds of(String visitorId, Long customerId, String email, boolean emailVerified) {
        return new ShopperIds(visitorId, customerId, email, emailVerified);
    }

    public ShopperIds withVisitor(String visitorId) {
        return new ShopperIds(visitorId, customerId, email, emailVerified);
    }

    /** First-party visitor cookie value, when the shopper's browser has one. */
    public String visitorId() { return visitorId; }

    /** The store's CUSTOMER_ID. */
    public Long customerId() { return customerId; }

    /** Lower-cased. */
    public String email() { return email; }

    public boolean emailVerified() { return emailVerified; }

    public boolean isEmpty() {
        return visitorId == null && customerId == null && email == null;
    }

    /**
     * The order key: whose events must be applied in the order they were captured. The browser
     * first, {@code v:<visitor id>} when there is one, else {@link #partitionKey()}. A guest's
     * browsing, the email they type, their registration and their order all carry the visitor
     * id, so they stay together (in one Kafka partition, in one run of the in-process processor)
     * and are applied in the order the store committed them; keyed by the strongest identifier
     * instead, the events before and after sign-in would be two streams applied in any order.
     */
    public String streamKey() {
        return visitorId != null ? "v:" + visitorId : partitionKey();
    }

    /**
     * The strongest identifier known at capture time (the outbox's partition column); events are
     * kept in order by {@link #streamKey()}, not by this.
     */
    public String partitionKey() {
        if (customerId != null) {
            return "c:" + customerId;
        }
        if (email != null) {
            return "e:" + email;
        }
        return visitorId == null ? "anonymous" : "v:" + visitorId;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ShopperIds)) {
            return false;
        }
        ShopperIds other = (ShopperIds) o;
        return emailVerified == other.emailVerified && Objects.equals(visitorId, other.visitorId)
                && Objects.equals(customerId, other.customerId) && Objects.equals(email, other.email);
    }

    @Override
    public int hashCode() {
        return Objects.hash(visitorId, customerId, email, emailVerified);
    }

    @Override
    public String toString() {
        // no email: events end up in logs
        return "ShopperIds[visitor=" + visitorId + ", customer=" + customerId + ", email=" + (email == null ? "-" : "***") + "]";
    }
}
