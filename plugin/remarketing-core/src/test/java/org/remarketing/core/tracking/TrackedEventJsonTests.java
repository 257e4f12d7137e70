package org.remarketing.core.tracking;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TrackedEventJsonTests {

    private static final Instant AT = Instant.parse("2024-03-05T12:34:56.123456789Z");

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeRoundTripsToAnEqualEvent(EventType type) {
        TrackedEvent event = TrackedEvent.builder(type, EventSource.STORE)
                .occurredAt(AT)
                .shopper(ShopperIds.of("v-1", 42L, "Ana@Example.com", true))
                .cartCode("c0ffee")
                .property("sku", "TEA-1")
                .property("quantity", 2L)
                .property("price", new BigDecimal("12.90"))
                .property("in_stock", true)
                .build();
        TrackedEvent read = TrackedEventJson.fromJson(TrackedEventJson.toJson(event));
        assertThat(read).isEqualTo(event);
        assertThat(read.occurredAt()).isEqualTo(AT);
        assertThat(read.shopper().email()).isEqualTo("ana@example.com");
        assertThat(read.property("price")).isEqualTo(new BigDecimal("12.90"));
        assertThat(TrackedEventJson.fromJson(TrackedEventJson.toJsonBytes(event))).isEqualTo(event);
    }

    @Test
    void unicodeAndNestedPropertiesRoundTrip() {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("city", "Hà Nội");
        address.put("lines", List.of("Phở ✓ 🍜", "\"quoted\" <b>&</b>\n\t\\"));
        address.put("geo", Map.of("lat", new BigDecimal("21.0285"), "zoom", 12L));
        TrackedEvent event = TrackedEvent.builder(EventType.ADD_SHIPPING_INFO, EventSource.BROWSER)
                .occurredAt(AT)
                .shopper(ShopperIds.of("v-ü", null, null, false))
                .property("address", address)
                .property("items", List.of(Map.of("sku", "A", "qty", 1L), Map.of("sku", "Б", "qty", 3L)))
                .property("empty_list", List.of())
                .property("big", new BigInteger("123456789012345678901234567890"))
                .build();
        TrackedEvent read = TrackedEventJson.fromJson(TrackedEventJson.toJson(event));
        assertThat(read).isEqualTo(event);
        assertThat(read.properties()).containsExactlyEntriesOf(event.properties());
    }

    @Test
    void numbersComeBackInOneCanonicalFormWhateverWroteThem() {
        TrackedEvent event = TrackedEvent.builder(EventType.CART_ITEM_ADDED, EventSource.STORE)
                .property("int", 2)
                .property("short", (short) 3)
                .property("double", 12.9d)
                .property("float", 0.1f)
                .property("whole_double", 5.0d)
                .property("scaled", new BigDecimal("1E+3"))
                .build();
        Map<String, Object> read = TrackedEventJson.fromJson(TrackedEventJson.toJson(event)).properties();
        assertThat(read.get("int")).isEqualTo(2L);
        assertThat(read.get("short")).isEqualTo(3L);
        assertThat(read.get("double")).isEqualTo(new BigDecimal("12.9"));
        assertThat(read.get("float")).isEqualTo(new BigDecimal("0.1"));
        assertThat(read.get("whole_double")).isEqualTo(new BigDecimal("5.0"));
        assertThat(read.get("scaled")).isEqualTo(new BigDecimal("1E+3"));
        // A decoded event encodes to the same text: the Kafka and in-process paths agree.
        TrackedEvent decoded = TrackedEventJson.fromJson(TrackedEventJson.toJson(event));
        assertThat(TrackedEventJson.fromJson(TrackedEventJson.toJson(decoded))).isEqualTo(decoded);
    }

    @Test
    void wireFormatIsStable() {
        TrackedEvent event = TrackedEvent.builder(EventType.PRODUCT_VIEW, EventSource.BROWSER)
                .id("5b0e4a52-0d3a-4a52-9a63-3b4d2a1d7c11")
                .occurredAt(Instant.parse("2024-03-05T12:34:56.120Z"))
                .shopper(ShopperIds.of("v-1", null, null, false))
                .property("product_id", 7L)
                .property("price", new BigDecimal("3.50"))
                .build();
        assertThat(TrackedEventJson.toJson(event)).isEqualTo("{\"id\":\"5b0e4a52-0d3a-4a52-9a63-3b4d2a1d7c11\","
                + "\"type\":\"view_item\",\"occurredAt\":\"2024-03-05T12:34:56.120Z\",\"source\":\"BROWSER\","
                + "\"shopper\":{\"visitorId\":\"v-1\",\"customerId\":null,\"email\":null,\"emailVerified\":false},"
                + "\"cartCode\":null,\"properties\":{\"product_id\":7,\"price\":3.50}}");
    }

    @Test
    void readsWhatANewerNodeWritesIgnoringUnknownFields() {
        TrackedEvent read = TrackedEventJson.fromJson("{\"schema\":2,\"id\":\"e-1\",\"type\":\"page_view\","
                + "\"occurredAt\":\"2024-03-05T19:34:56+07:00\",\"source\":\"BROWSER\",\"extra\":{\"a\":[1,2]},"
                + "\"shopper\":{\"visitorId\":\"v\",\"device\":\"x\"}}");
        assertThat(read.id()).isEqualTo("e-1");
        assertThat(read.type()).isEqualTo(EventType.PAGE_VIEW);
        assertThat(read.occurredAt()).isEqualTo(Instant.parse("2024-03-05T12:34:56Z"));
        assertThat(read.shopper()).isEqualTo(ShopperIds.of("v", null, null, false));
        assertThat(read.properties()).isEmpty();
    }

    @Test
    void unreadableTextIsRefusedWithoutQuotingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> TrackedEventJson.fromJson("{\"id\": secret@mail.example"))
                .withMessageStartingWith("Not a tracked event")
                .withMessageNotContaining("secret");
        assertThatIllegalArgumentException().isThrownBy(() -> TrackedEventJson.fromJson(
                "{\"id\":\"e\",\"type\":\"teleported\",\"occurredAt\":\"2024-03-05T12:00:00Z\",\"source\":\"STORE\"}"))
                .withMessageContaining("Unknown event type 'teleported'");
        assertThatIllegalArgumentException().isThrownBy(() -> TrackedEventJson.fromJson("{\"type\":\"page_view\"}"))
                .withMessageContaining("needs an id");
        assertThatIllegalArgumentException().isThrownBy(() -> TrackedEventJson.fromJson("[1]"))
                .withMessageContaining("JSON object");
    }

    @Test
    void refusesNumbersJsonCannotHold() {
        TrackedEvent event = TrackedEvent.builder(EventType.PAGE_LEAVE, EventSource.BROWSER)
                .property("seconds", Double.NaN)
                .build();
        assertThatIllegalArgumentException().isThrownBy(() -> TrackedEventJson.toJson(event))
                .withMessageContaining(event.id());
    }

}
