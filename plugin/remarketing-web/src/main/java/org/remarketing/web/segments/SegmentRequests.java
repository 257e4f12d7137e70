package org.remarketing.web.segments;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Reads the bodies of the segments API: JSON objects of a bounded size and depth, no duplicate
 * keys, no field that the request does not take, every value of the expected type and size.
 * Refusals never quote what was sent beyond a plain field name.
 */
final class SegmentRequests {

	/** A rule may be 16 KB on its own; a body holds one rule and a few short fields. */
	static final int MAX_BODY_BYTES = 32 * 1024;

	/** Rules nest groups 5 deep (two JSON levels each); anything much deeper is refused before it is built. */
	static final int MAX_DEPTH = 32;

	static final int MAX_NAME = 200;

	static final int MAX_DESCRIPTION = 2000;

	static final int MAX_SETTINGS = 20;

	/** Lower-case letters, digits and '-', starting with a letter or a digit (rules refer to segments by code). */
	static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_]{1,40}");

	private final ObjectMapper mapper = new ObjectMapper(new JsonFactory()
		.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION))
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	/** The body as a JSON object holding only {@code allowed} fields. */
	ObjectNode read(HttpServletRequest request, Set<String> allowed) {
		checkContentType(request.getContentType());
		ObjectNode body = parse(readBounded(request));
		Iterator<String> names = body.fieldNames();
		while (names.hasNext()) {
			String name = names.next();
			if (!allowed.contains(name)) {
				throw RefusedRequest.badRequest((PLAIN_NAME.matcher(name).matches() ? "Unknown field '" + name + "'"
						: "Unknown field") + " (this request takes " + String.join(", ", new TreeSet<>(allowed)) + ").");
			}
		}
		return body;
	}

	/** The rule as compact JSON, or null when the body has none. */
	String rule(ObjectNode body) {
		JsonNode rule = body.get("rule");
		if (rule == null) {
			return null;
		}
		if (!rule.isObject()) {
			throw RefusedRequest.badRequest("rule must be a JSON object such as {\"all\": [...]}.");
		}
		try {
			return this.mapper.writeValueAsString(rule);
		}
		catch (JsonProcessingException ex) {
			throw RefusedRequest.badRequest("rule could not be read.");
		}
	}

	/** The stored rule as JSON for an answer, or the text itself when it is not JSON. */
	Object ruleView(String ruleJson) {
		if (ruleJson == null) {
			return null;
		}
		try {
			return this.mapper.readTree(ruleJson);
		}
		catch (JsonProcessingException ex) {
			return ruleJson;
		}
	}

	static String code(ObjectNode body) {
		String code = text(body, "code", MAX_NAME, false); // a longer one fails the pattern, which says why
		if (code == null) {
			throw RefusedRequest.badRequest("code is required: lower-case letters, digits and '-', at most 64.");
		}
		if (!CODE.matcher(code).matches()) {
			throw RefusedRequest.badRequest("code must be lower-case letters, digits and '-' (starting with a letter or"
					+ " a digit), at most 64 characters.");
		}
		return code;
	}

	/** The trimmed name, null when absent; never empty. */
	static String name(ObjectNode body) {
		String name = text(body, "name", MAX_NAME, false);
		if (name == null) {
			return null;
		}
		name = name.trim();
		if (name.isEmpty()) {
			throw RefusedRequest.badRequest("name must not be empty.");
		}
		return name;
	}

	/** The trimmed description ("" clears it), null when absent. */
	static String description(ObjectNode body) {
		JsonNode node = body.get("description");
		if (node != null && node.isNull()) {
			return "";
		}
		String description = text(body, "description", MAX_DESCRIPTION, true);
		return (description != null) ? description.trim() : null;
	}

	static Boolean enabled(ObjectNode body) {
		JsonNode node = body.get("enabled");
		if (node == null) {
			return null;
		}
		if (!node.isBoolean()) {
			throw RefusedRequest.badRequest("enabled must be true or false.");
		}
		return node.booleanValue();
	}

	/**
	 * The thresholds as given, null when absent: whole numbers as longs, anything else as it came
	 * (the built-in's own check then says what is wrong with it).
	 */
	static Map<String, Object> settings(ObjectNode body) {
		JsonNode node = body.get("settings");
		if (node == null) {
			return null;
		}
		if (!node.isObject()) {
			throw RefusedRequest.badRequest("settings must be an object of numbers, such as {\"idle_minutes\": 60}.");
		}
		if (node.size() > MAX_SETTINGS) {
			throw RefusedRequest.badRequest("settings has too many entries.");
		}
		Map<String, Object> settings = new LinkedHashMap<>();
		node.fields().forEachRemaining((entry) -> {
			JsonNode value = entry.getValue();
			Object plain;
			if (value.isIntegralNumber() && value.canConvertToLong()) {
				plain = value.longValue();
			}
			else if (value.isNumber()) {
				plain = value.numberValue();
			}
			else {
				plain = value.isTextual() ? value.textValue() : value.toString();
			}
			settings.put(entry.getKey(), plain);
		});
		return settings;
	}

	/**
	 * A text field within its length, null when absent. Names take no control characters at all;
	 * descriptions may hold line breaks and tabs.
	 */
	private static String text(ObjectNode body, String field, int max, boolean multiline) {
		JsonNode node = body.get(field);
		if (node == null) {
			return null;
		}
		if (!node.isTextual()) {
			throw RefusedRequest.badRequest(field + " must be text.");
		}
		String value = node.textValue();
		if (value.codePointCount(0, value.length()) > max) {
			throw RefusedRequest.badRequest(field + " must be at most " + max + " characters.");
		}
		boolean control = value.chars().anyMatch((c) -> Character.isISOControl(c)
				&& !(multiline && (c == '\n' || c == '\r' || c == '\t')));
		if (control) {
			throw RefusedRequest.badRequest(field + " must not contain control characters.");
		}
		return value;
	}

	private ObjectNode parse(byte[] body) {
		if (body.length == 0) {
			throw RefusedRequest.badRequest("The body is empty: send a JSON object.");
		}
		// Walk the tokens first (no recursion): a deeply nested body is refused before any tree is built.
		try (JsonParser parser = this.mapper.getFactory().createParser(body)) {
			int depth = 0;
			JsonToken token;
			while ((token = parser.nextToken()) != null) {
				if (token.isStructStart() && ++depth > MAX_DEPTH) {
					throw RefusedRequest.badRequest("Malformed JSON: nested too deeply.");
				}
				if (token.isStructEnd()) {
					depth--;
				}
			}
			JsonNode root = this.mapper.readTree(body);
			if (root == null || !root.isObject()) {
				throw RefusedRequest.badRequest("The body must be a JSON object.");
			}
			return (ObjectNode) root;
		}
		catch (JsonProcessingException ex) {
			throw RefusedRequest.badRequest((ex.getLocation() != null) ? "Malformed JSON at line "
					+ ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() + "." : "Malformed JSON.");
		}
		catch (IOException ex) {
			throw RefusedRequest.badRequest("Malformed JSON.");
		}
	}

	private static void checkContentType(String contentType) {
		MediaType type = null;
		try {
			type = (contentType != null) ? MediaType.parseMediaType(contentType) : null;
		}
		catch (InvalidMediaTypeException ex) {
			type = null;
		}
		if (type == null || !(type.isCompatibleWith(MediaType.APPLICATION_JSON)
				|| "json".equals(type.getSubtypeSuffix()))) {
			throw new RefusedRequest(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.");
		}
	}

	/** At most the allowed size, whatever the request declares (a chunked body declares nothing). */
	private static byte[] readBounded(HttpServletRequest request) {
		if (request.getContentLengthLong() > MAX_BODY_BYTES) {
			throw tooLarge();
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
			if (body.length > MAX_BODY_BYTES) {
				throw tooLarge();
			}
			return body;
		}
		catch (IOException ex) {
			throw RefusedRequest.badRequest("The body could not be read.");
		}
	}

	private static RefusedRequest tooLarge() {
		return new RefusedRequest(HttpStatus.PAYLOAD_TOO_LARGE, "The body is too large: at most " + MAX_BODY_BYTES
				+ " bytes.");
	}

}
