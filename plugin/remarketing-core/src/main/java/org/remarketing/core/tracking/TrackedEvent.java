package org.remarketing.core.tracking;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One thing a shopper did, as the plugin records it. Immutable. The {@link #id()} makes
 * processing idempotent end to end: an event delivered twice (outbox retry, Kafka redelivery)
 * is applied once.
 *
 * <p>{@link #properties()} holds the event's details under snake_case keys shared by every
 * source (product_id, sku, quantity, price, value, currency, order_id, status, url, referrer,
 * utm_source…, seconds, query, category, step…); values are strings, numbers, booleans, or
 * lists/maps of those, so they serialise to JSON as they are.
 */
public final class TrackedEvent {

    private final String id;
    private final EventType type;
    private final Instant occurredAt;
    private final EventSource source;
    private final ShopperIds shopper;
    private final String cartCode;
    private final Map<String, Object> properties;

    private TrackedEvent(Builder b) {
        this.id = b.id == null ? UUID.randomUUID().toString() : b.id;
        this.type = Objects.requireNonNull(b.type, "type");
        this.occurredAt = b.occurredAt == null ? Instant.now() : b.occurredAt;
        this.source = Objects.requireNonNull(b.source, "source");
        this.shopper = b.shopper == null ? ShopperIds.none() : b.shopper;
        this.cartCode = b.cartCode;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
    }

    public static Builder builder(EventType type, EventSource source) {
        return new Builder(type, source);
    }

    /** A UUID, unique per event across sources and nodes. */
    public String id() { return id; }
    public EventType type() { return type; }
    /** When it happened in the store or the browser (not when the plugin received it). */
    public Instant occurredAt() { return occurredAt; }
    public EventSource source() { return source; }
    public ShopperIds shopper() { return shopper; }
    /** The store's SHP_CART_CODE for cart and checkout events; never proof of who the shopper is. */
    public String cartCode() { return cartCode; }
    public Map<String, Object> properties() { return properties; }

    public Object property(String key) {
        return properties.get(key);
    }

    public Builder toBuilder() {
        Builder b = new Builder(type, source);
        b.id = id;
        b.occurredAt = occurredAt;
        b.shopper = shopper;
        b.cartCode = cartCode;
        b.properties.putAll(properties);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TrackedEvent)) {
            return false;
        }
        TrackedEvent other = (TrackedEvent) o;
        return id.equals(other.id) && type == other.type && occurredAt.equals(other.occurredAt)
                && source == other.source && shopper.equals(other.shopper) && Objects.equals(cartCode, other.cartCode)
                && properties.equals(other.properties);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        // details can hold what a shopper typed: ids and type only
        return "TrackedEvent[" + type.wireName() + " " + id + " " + source + " " + shopper + "]";
    }

    public static final class Builder {
        private String id;
        private final EventType type;
        private Instant occurredAt;
        private final EventSource source;
        private ShopperIds shopper;
        private String cartCode;
        private final Map<String, Object> properties = new LinkedHashMap<>();

        private Builder(EventType type, EventSource source) {
            this.type = type;
            this.source = source;
        }

        public Builder id(String id) { this.id = id; return this; }
        public Builder occurredAt(Instant occurredAt) { this.occurredAt = occurredAt; return this; }
        public Builder shopper(ShopperIds shopper) { this.shopper = shopper; return this; }
        public Builder cartCode(String cartCode) { this.cartCode = cartCode; return this; }

        /** Adds a detail; null values are left out. */
        public Builder property(String key, Object value) {
            if (value != null) {
                properties.put(key, value);
            }
            return this;
        }

        public Builder properties(Map<String, ?> values) {
            values.forEach(this::property);
            return this;
        }

        public TrackedEvent build() {
            return new TrackedEvent(this);
        }
    }
}
