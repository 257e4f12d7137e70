package org.remarketing.web.segments;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.remarketing.web.admin.JsonBodies;
import org.remarketing.web.admin.RefusedRequest;

/**
 * Reads the bodies of the segments API ({@link JsonBodies}: JSON objects of a bounded size and
 * depth, no duplicate keys, no field that the request does not take), every value of the expected
 * type and size. Refusals never quote what was sent beyond a plain field name.
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

	private final JsonBodies bodies = new JsonBodies(MAX_BODY_BYTES, MAX_DEPTH);

	/** The body as a JSON object holding only {@code allowed} fields. */
	ObjectNode read(HttpServletRequest request, Set<String> allowed) {
		return this.bodies.read(request, allowed);
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
			return this.bodies.mapper().writeValueAsString(rule);
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
			return this.bodies.mapper().readTree(ruleJson);
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
		return JsonBodies.bool(body, "enabled");
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

	private static String text(ObjectNode body, String field, int max, boolean multiline) {
		return JsonBodies.text(body, field, max, multiline);
	}

}
