package org.remarketing.web.tracking;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.remarketing.core.tracking.EventType;

/**
 * Reads and validates what tracker.js (or anything else) posts: a single event object or
 * {@code {"consent":…, "dnt":…, "events":[…]}}. All or nothing: the first invalid event rejects
 * the request, with a reason that names its index and field.
 */
final class BrowserEventReader {

	static final int MAX_BODY_BYTES = 32 * 1024;

	static final int MAX_EVENTS = 50;

	static final int MAX_URL_LENGTH = 2048;

	static final int MAX_TEXT_LENGTH = 256;

	static final int MAX_PROPERTIES = 30;

	static final int MAX_LIST_ITEMS = 50;

	static final Duration MAX_FUTURE = Duration.ofMinutes(5);

	static final Duration MAX_AGE = Duration.ofHours(24);

	private static final int MAX_DEPTH = 5;

	private static final BigDecimal MAX_NUMBER = new BigDecimal("1e12");

	private static final Pattern PROPERTY_KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");

	private static final Pattern EMAIL = Pattern.compile("[^\\s@<>\"]+@[^\\s@<>\"]+\\.[^\\s@<>\"]+");

	/** Properties that carry a number, even when a page wrote them as text ("12.50"). */
	private static final Set<String> NUMERIC = Set.of("price", "value", "quantity", "seconds", "result_count",
			"item_count", "tax", "shipping", "discount");

	/** Who a shopper is comes from the cookie and the store, never from what a browser claims. */
	private static final Set<String> RESERVED = Set.of("customer_id", "visitor_id", "cart_code", "order_id",
			"user_id", "contact_id");

	private final ObjectMapper mapper = new ObjectMapper(new JsonFactory()
		.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION))
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	BrowserBatch read(byte[] body, Instant now) throws RejectedRequest {
		JsonNode root = parse(body);
		if (!root.isObject()) {
			throw RejectedRequest.badRequest("The body must be an event object or {\"events\":[...]}");
		}
		Boolean consent = optionalBoolean(root, "consent", "");
		boolean doNotTrack = Boolean.TRUE.equals(optionalBoolean(root, "dnt", ""));
		List<BrowserBatch.Event> events = new ArrayList<>();
		JsonNode list = root.get("events");
		if (list != null) {
			if (!list.isArray()) {
				throw RejectedRequest.badRequest("events must be an array");
			}
			if (list.size() > MAX_EVENTS) {
				throw RejectedRequest.badRequest("Too many events: " + list.size() + " (at most " + MAX_EVENTS
						+ " per request)");
			}
			for (int i = 0; i < list.size(); i++) {
				events.add(event(list.get(i), "events[" + i + "]", now));
			}
		}
		else {
			events.add(event(root, "event", now));
		}
		return new BrowserBatch(consent, doNotTrack, Collections.unmodifiableList(events));
	}

	private JsonNode parse(byte[] body) throws RejectedRequest {
		if (body.length == 0) {
			throw RejectedRequest.badRequest("Empty body: send an event object or {\"events\":[...]}");
		}
		// Walk the tokens first (no recursion): a deeply nested body is refused before any tree is built.
		try (JsonParser parser = this.mapper.getFactory().createParser(body)) {
			int depth = 0;
			JsonToken token;
			while ((token = parser.nextToken()) != null) {
				if (token.isStructStart() && ++depth > MAX_DEPTH) {
					throw RejectedRequest.badRequest("Malformed JSON: nested too deeply");
				}
				if (token.isStructEnd()) {
					depth--;
				}
			}
			return this.mapper.readTree(body);
		}
		catch (JsonProcessingException ex) {
			throw RejectedRequest.badRequest("Malformed JSON: " + ex.getOriginalMessage());
		}
		catch (IOException ex) {
			throw RejectedRequest.badRequest("Malformed JSON");
		}
	}

	private BrowserBatch.Event event(JsonNode node, String at, Instant now) throws RejectedRequest {
		if (node == null || !node.isObject()) {
			throw RejectedRequest.badRequest(at + " must be an object");
		}
		JsonNode typeNode = node.get("type");
		if (typeNode == null || !typeNode.isTextual()) {
			throw RejectedRequest.badRequest(at + ".type is required");
		}
		String typeName = typeNode.textValue();
		String shown = typeName.length() > 64 ? typeName.substring(0, 64) + "…" : typeName;
		EventType type = EventType.fromWireName(typeName)
			.orElseThrow(() -> RejectedRequest.badRequest(at + ": unknown event type '" + shown + "'"));
		if (!type.browser()) {
			throw RejectedRequest.badRequest(at + ": event type '" + typeName
					+ "' is recorded by the store itself and cannot be sent from a browser");
		}
		String clientId = optionalText(node, "id", at, 36);
		if (clientId != null && !isUuid(clientId)) {
			throw RejectedRequest.badRequest(at + ".id must be a UUID");
		}
		Instant occurredAt = timestamp(node.get("ts"), at, now);
		String url = optionalText(node, "url", at, MAX_URL_LENGTH);
		String referrer = optionalText(node, "referrer", at, MAX_URL_LENGTH);
		Map<String, Object> properties = properties(node.get("properties"), at + ".properties");
		String email = email(type, properties, at);
		return new BrowserBatch.Event(type, clientId, occurredAt, url, referrer, properties, email);
	}

	private static Instant timestamp(JsonNode ts, String at, Instant now) throws RejectedRequest {
		if (ts == null || ts.isNull()) {
			return now;
		}
		if (!ts.isIntegralNumber() || !ts.canConvertToLong()) {
			throw RejectedRequest.badRequest(at + ".ts must be epoch milliseconds");
		}
		Instant occurredAt = Instant.ofEpochMilli(ts.longValue());
		if (occurredAt.isAfter(now.plus(MAX_FUTURE))) {
			throw RejectedRequest.badRequest(at + ".ts is in the future (more than "
					+ MAX_FUTURE.toMinutes() + " minutes ahead of the server's clock)");
		}
		if (occurredAt.isBefore(now.minus(MAX_AGE))) {
			throw RejectedRequest.badRequest(at + ".ts is older than " + MAX_AGE.toHours() + " hours");
		}
		return occurredAt;
	}

	private static Map<String, Object> properties(JsonNode node, String at) throws RejectedRequest {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (node == null || node.isNull()) {
			return properties;
		}
		if (!node.isObject()) {
			throw RejectedRequest.badRequest(at + " must be an object");
		}
		if (node.size() > MAX_PROPERTIES) {
			throw RejectedRequest.badRequest(at + " has " + node.size() + " keys (at most " + MAX_PROPERTIES + ")");
		}
		for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
			Map.Entry<String, JsonNode> field = it.next();
			String key = field.getKey();
			if (!PROPERTY_KEY.matcher(key).matches()) {
				throw RejectedRequest.badRequest(at + ": '" + (key.length() > 64 ? key.substring(0, 64) + "…" : key)
						+ "' is not a property name (lower-case letters, digits and _)");
			}
			if (RESERVED.contains(key)) {
				throw RejectedRequest.badRequest(at + "." + key + " is not accepted from a browser");
			}
			JsonNode value = field.getValue();
			Object converted;
			if (value.isArray()) {
				if (value.size() > MAX_LIST_ITEMS) {
					throw RejectedRequest.badRequest(at + "." + key + " has more than " + MAX_LIST_ITEMS + " items");
				}
				List<Object> items = new ArrayList<>(value.size());
				for (int i = 0; i < value.size(); i++) {
					items.add(scalar(value.get(i), at + "." + key + "[" + i + "]", false));
				}
				converted = Collections.unmodifiableList(items);
			}
			else {
				converted = scalar(value, at + "." + key, NUMERIC.contains(key));
			}
			if (converted != null) {
				properties.put(key, converted);
			}
		}
		return properties;
	}

	private static Object scalar(JsonNode value, String at, boolean numeric) throws RejectedRequest {
		if (value.isNull()) {
			return null;
		}
		if (value.isBoolean() && !numeric) {
			return value.booleanValue();
		}
		if (value.isTextual() && !numeric) {
			return text(value.textValue(), at, MAX_TEXT_LENGTH);
		}
		BigDecimal number;
		if (value.isNumber()) {
			number = value.decimalValue();
		}
		else if (value.isTextual() && value.textValue().length() <= 32) {
			try {
				number = new BigDecimal(value.textValue().trim());
			}
			catch (NumberFormatException ex) {
				throw RejectedRequest.badRequest(at + " must be a number");
			}
		}
		else if (value.isContainerNode()) {
			throw RejectedRequest.badRequest(at + ": nested objects and lists are not accepted");
		}
		else {
			throw RejectedRequest.badRequest(at + " must be a number");
		}
		if (number.signum() < 0) {
			throw RejectedRequest.badRequest(at + " must not be negative");
		}
		if (number.compareTo(MAX_NUMBER) >= 0) {
			throw RejectedRequest.badRequest(at + " is too large");
		}
		if (value.isIntegralNumber() || number.scale() <= 0) {
			return number.longValueExact();
		}
		return number;
	}

	private static String email(EventType type, Map<String, Object> properties, String at) throws RejectedRequest {
		Object raw = properties.remove("email");
		if (type != EventType.EMAIL_CAPTURED && type != EventType.EMAIL_OPT_OUT) {
			if (raw != null) {
				throw RejectedRequest.badRequest(at + ".properties.email is only accepted with email_captured "
						+ "and email_opt_out");
			}
			return null;
		}
		if (raw == null && type == EventType.EMAIL_OPT_OUT) {
			return null;
		}
		String email = raw instanceof String ? ((String) raw).trim().toLowerCase(Locale.ROOT) : null;
		if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches()) {
			throw RejectedRequest.badRequest(at + ".properties.email must be an email address");
		}
		return email;
	}

	private static Boolean optionalBoolean(JsonNode node, String field, String at) throws RejectedRequest {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isBoolean()) {
			throw RejectedRequest.badRequest(at + field + " must be true or false");
		}
		return value.booleanValue();
	}

	private static String optionalText(JsonNode node, String field, String at, int maxLength) throws RejectedRequest {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isTextual()) {
			throw RejectedRequest.badRequest(at + "." + field + " must be a string");
		}
		return text(value.textValue(), at + "." + field, maxLength);
	}

	private static String text(String value, String at, int maxLength) throws RejectedRequest {
		if (value.length() > maxLength) {
			throw RejectedRequest.badRequest(at + " is longer than " + maxLength + " characters");
		}
		return value;
	}

	private static boolean isUuid(String value) {
		if (value.length() != 36) {
			return false;
		}
		try {
			UUID.fromString(value);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
