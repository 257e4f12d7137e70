package org.remarketing.core.tracking;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one wire format of a {@link TrackedEvent}: in the outbox, on the Kafka topic and in the
 * event log. Stable field names, unknown fields ignored when reading (a newer node may add some):
 *
 * <pre>
 * {"id":"…uuid…","type":"cart_item_added","occurredAt":"2024-03-05T12:34:56.123456Z","source":"STORE",
 *  "shopper":{"visitorId":"v-1","customerId":42,"email":"a@b.example","emailVerified":true},
 *  "cartCode":"c0ffee","properties":{"sku":"TEA-1","quantity":2,"price":12.90}}
 * </pre>
 *
 * <p>{@code type} is the {@linkplain EventType#wireName() wire name}; {@code occurredAt} ISO-8601 in
 * UTC; absent shopper ids and cart code are written as {@code null}.
 *
 * <p><b>Numbers</b> stay JSON numbers and are read back in one canonical form, whatever Java type
 * wrote them: integral numbers as {@link Long} ({@link BigInteger} beyond), all others as
 * {@link BigDecimal} with the digits written (a price {@code new BigDecimal("12.90")} comes back
 * equal, scale included; a {@code double 12.9} comes back as {@code BigDecimal 12.9}). So an event
 * built with {@code Long} and {@code BigDecimal} properties round-trips to an equal event, and every
 * consumer (in-process or Kafka) sees the same types. Read numbers through {@link Number}.
 * Nested objects come back as {@link LinkedHashMap}, arrays as {@link ArrayList}.
 *
 * <p>Holds a private {@link ObjectMapper} (never a bean: a host backs off from its own when one
 * exists). Thread-safe.
 */
public final class TrackedEventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .registerModule(new SimpleModule("remarketing-tracked-event")
                    .addSerializer(TrackedEvent.class, new Serializer())
                    .addDeserializer(TrackedEvent.class, new Deserializer()));

    private TrackedEventJson() {
    }

    public static String toJson(TrackedEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        }
        catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("Event " + event.id() + " cannot be written as JSON: " + ex.getOriginalMessage(), ex);
        }
    }

    /** UTF-8 bytes, for byte-oriented transports (Kafka). */
    public static byte[] toJsonBytes(TrackedEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        }
        catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("Event " + event.id() + " cannot be written as JSON: " + ex.getOriginalMessage(), ex);
        }
    }

    /**
     * @throws IllegalArgumentException if the text is not an event (malformed JSON, unknown type,
     *     missing id); the message never quotes the payload
     */
    public static TrackedEvent fromJson(String json) {
        try {
            return MAPPER.readValue(json, TrackedEvent.class);
        }
        catch (IOException ex) {
            throw unreadable(ex);
        }
    }

    public static TrackedEvent fromJson(byte[] json) {
        try {
            return MAPPER.readValue(json, TrackedEvent.class);
        }
        catch (IOException ex) {
            throw unreadable(ex);
        }
    }

    private static IllegalArgumentException unreadable(IOException ex) {
        // Never the parser's own message: it quotes the payload, which holds what shoppers typed.
        String where = "";
        if (ex instanceof JsonProcessingException && ((JsonProcessingException) ex).getLocation() != null) {
            where = " (line " + ((JsonProcessingException) ex).getLocation().getLineNr() + ", column "
                    + ((JsonProcessingException) ex).getLocation().getColumnNr() + ")";
        }
        String reason = (ex instanceof JsonParseException) ? "malformed JSON" : ex.getClass().getSimpleName();
        return new IllegalArgumentException("Not a tracked event: " + reason + where);
    }

    private static final class Serializer extends StdSerializer<TrackedEvent> {

        Serializer() {
            super(TrackedEvent.class);
        }

        @Override
        public void serialize(TrackedEvent event, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("id", event.id());
            gen.writeStringField("type", event.type().wireName());
            gen.writeStringField("occurredAt", event.occurredAt().toString());
            gen.writeStringField("source", event.source().name());
            ShopperIds shopper = event.shopper();
            gen.writeObjectFieldStart("shopper");
            gen.writeStringField("visitorId", shopper.visitorId());
            gen.writeFieldName("customerId");
            if (shopper.customerId() == null) {
                gen.writeNull();
            }
            else {
                gen.writeNumber(shopper.customerId());
            }
            gen.writeStringField("email", shopper.email());
            gen.writeBooleanField("emailVerified", shopper.emailVerified());
            gen.writeEndObject();
            gen.writeStringField("cartCode", event.cartCode());
            gen.writeFieldName("properties");
            gen.writeStartObject();
            for (Map.Entry<String, Object> property : event.properties().entrySet()) {
                gen.writeFieldName(property.getKey());
                writeValue(gen, property.getValue(), provider);
            }
            gen.writeEndObject();
            gen.writeEndObject();
        }

        private static void writeValue(JsonGenerator gen, Object value, SerializerProvider provider) throws IOException {
            // The common types directly, the rest (dates, enums…) through the private mapper.
            if (value == null) {
                gen.writeNull();
            }
            else if (value instanceof String) {
                gen.writeString((String) value);
            }
            else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                gen.writeNumber(((Number) value).longValue());
            }
            else if (value instanceof BigDecimal) {
                gen.writeNumber((BigDecimal) value);
            }
            else if (value instanceof Double || value instanceof Float) {
                double number = ((Number) value).doubleValue();
                if (Double.isNaN(number) || Double.isInfinite(number)) {
                    throw new JsonGenerationExceptionNoPayload("a property is " + number + ", which JSON cannot hold");
                }
                // Float's own digits (0.1f is 0.1, not 0.10000000149011612)
                gen.writeNumber(value instanceof Float ? new BigDecimal(value.toString()) : BigDecimal.valueOf(number));
            }
            else if (value instanceof BigInteger) {
                gen.writeNumber((BigInteger) value);
            }
            else if (value instanceof Boolean) {
                gen.writeBoolean((Boolean) value);
            }
            else if (value instanceof Map) {
                gen.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    gen.writeFieldName(String.valueOf(entry.getKey()));
                    writeValue(gen, entry.getValue(), provider);
                }
                gen.writeEndObject();
            }
            else if (value instanceof Iterable) {
                gen.writeStartArray();
                for (Object item : (Iterable<?>) value) {
                    writeValue(gen, item, provider);
                }
                gen.writeEndArray();
            }
            else {
                provider.defaultSerializeValue(value, gen);
            }
        }

    }

    private static final class JsonGenerationExceptionNoPayload extends IOException {

        private static final long serialVersionUID = 1L;

        JsonGenerationExceptionNoPayload(String message) {
            super(message);
        }

    }

    private static final class Deserializer extends StdDeserializer<TrackedEvent> {

        Deserializer() {
            super(TrackedEvent.class);
        }

        @Override
        public TrackedEvent deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw invalid("an event is a JSON object");
            }
            String id = null;
            String type = null;
            String occurredAt = null;
            String source = null;
            ShopperIds shopper = ShopperIds.none();
            String cartCode = null;
            Map<String, Object> properties = null;
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                JsonToken token = p.nextToken();
                switch (field) {
                    case "id":
                        id = text(p, ctxt, field);
                        break;
                    case "type":
                        type = text(p, ctxt, field);
                        break;
                    case "occurredAt":
                        occurredAt = text(p, ctxt, field);
                        break;
                    case "source":
                        source = text(p, ctxt, field);
                        break;
                    case "shopper":
                        shopper = (token == JsonToken.VALUE_NULL) ? ShopperIds.none() : shopper(p, ctxt);
                        break;
                    case "cartCode":
                        cartCode = text(p, ctxt, field);
                        break;
                    case "properties":
                        if (token == JsonToken.START_OBJECT) {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> read = (Map<String, Object>) readValue(p, ctxt);
                            properties = read;
                        }
                        else if (token != JsonToken.VALUE_NULL) {
                            throw invalid("properties must be an object");
                        }
                        break;
                    default:
                        p.skipChildren();
                }
            }
            if (id == null || type == null || source == null) {
                throw invalid("an event needs an id, a type and a source");
            }
            String typeName = type;
            EventType eventType = EventType.fromWireName(type)
                    .orElseThrow(() -> new IllegalArgumentException("Unknown event type '" + abbreviate(typeName) + "'"));
            EventSource eventSource;
            try {
                eventSource = EventSource.valueOf(source);
            }
            catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("Unknown event source '" + abbreviate(source) + "'");
            }
            TrackedEvent.Builder builder = TrackedEvent.builder(eventType, eventSource)
                    .id(id)
                    .occurredAt(instant(occurredAt))
                    .shopper(shopper)
                    .cartCode(cartCode);
            if (properties != null) {
                builder.properties(properties);
            }
            return builder.build();
        }

        private static ShopperIds shopper(JsonParser p, DeserializationContext ctxt) throws IOException {
            String visitorId = null;
            Long customerId = null;
            String email = null;
            boolean verified = false;
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                JsonToken token = p.nextToken();
                switch (field) {
                    case "visitorId":
                        visitorId = text(p, ctxt, field);
                        break;
                    case "customerId":
                        if (token == JsonToken.VALUE_NUMBER_INT) {
                            customerId = p.getLongValue();
                        }
                        else if (token == JsonToken.VALUE_STRING) {
                            customerId = Long.valueOf(p.getText());
                        }
                        else if (token != JsonToken.VALUE_NULL) {
                            throw invalid("customerId must be a number");
                        }
                        break;
                    case "email":
                        email = text(p, ctxt, field);
                        break;
                    case "emailVerified":
                        verified = token == JsonToken.VALUE_TRUE;
                        break;
                    default:
                        p.skipChildren();
                }
            }
            return ShopperIds.of(visitorId, customerId, email, verified);
        }

        private static String text(JsonParser p, DeserializationContext ctxt, String field) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (token == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            throw invalid(field + " must be a string");
        }

        private static Object readValue(JsonParser p, DeserializationContext ctxt) throws IOException {
            switch (p.currentToken()) {
                case START_OBJECT: {
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                        p.nextToken();
                        map.put(field, readValue(p, ctxt));
                    }
                    return map;
                }
                case START_ARRAY: {
                    List<Object> list = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        list.add(readValue(p, ctxt));
                    }
                    return list;
                }
                case VALUE_STRING:
                    return p.getText();
                case VALUE_NUMBER_INT:
                    return (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) ? p.getBigIntegerValue() : (Object) p.getLongValue();
                case VALUE_NUMBER_FLOAT:
                    return p.getDecimalValue();
                case VALUE_TRUE:
                    return Boolean.TRUE;
                case VALUE_FALSE:
                    return Boolean.FALSE;
                case VALUE_NULL:
                    return null;
                default:
                    throw invalid("unexpected " + p.currentToken());
            }
        }

        private static Instant instant(String text) {
            if (text == null) {
                throw new IllegalArgumentException("an event needs occurredAt");
            }
            try {
                return Instant.parse(text);
            }
            catch (DateTimeParseException ex) {
                try {
                    return OffsetDateTime.parse(text).toInstant();
                }
                catch (DateTimeParseException again) {
                    throw new IllegalArgumentException("occurredAt is not an ISO-8601 instant: '" + abbreviate(text) + "'");
                }
            }
        }

        private static IllegalArgumentException invalid(String reason) {
            return new IllegalArgumentException("Not a tracked event: " + reason);
        }

        private static String abbreviate(String text) {
            return text.length() <= 40 ? text : text.substring(0, 40) + "…";
        }

    }

}
