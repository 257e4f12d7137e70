package org.remarketing.core.segments;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.remarketing.core.contacts.ConsentChannel;
import org.remarketing.core.segments.RuleNode.ConsentCondition;
import org.remarketing.core.segments.RuleNode.EventCondition;
import org.remarketing.core.segments.RuleNode.FieldCondition;
import org.remarketing.core.segments.RuleNode.Group;
import org.remarketing.core.segments.RuleNode.GroupKind;
import org.remarketing.core.segments.RuleNode.SegmentCondition;
import org.remarketing.core.tracking.EventType;

/**
 * Reads a rule's JSON into {@link RuleNode}s, checking every key, name and value against the
 * allow-lists and limits of {@link SegmentRule}; the first problem found is thrown as a
 * {@link RuleException} naming its path.
 */
final class RuleParser {

	private static final ObjectMapper MAPPER = JsonMapper.builder()
		.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	/**
	 * JSON nesting checked on the token stream before any tree is built (so that no input can run
	 * the tree builder deep): an object and its list per group, one group more than allowed (refused
	 * later with its path), then a condition and its value list.
	 */
	private static final int MAX_JSON_NESTING = 2 * (SegmentRule.MAX_DEPTH + 1) + 2;

	private static final List<String> NODE_KEYS = List.of("all", "any", "not", "field", "event", "segment", "consent");

	private static final Pattern LANGUAGE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,7}");

	private static final Pattern SEGMENT_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

	private static final int MAX_CATEGORY = 100;

	private static final long MAX_WHOLE = 1_000_000_000L;

	private static final BigDecimal MAX_AMOUNT = BigDecimal.valueOf(1_000_000_000_000L);

	private static final int MAX_TIME_DAYS = 3650;

	private static final int MAX_BIRTHDAY_DAYS = 365;

	private static final int MAX_EVENT_DAYS = 365;

	private static final int MAX_EVENT_COUNT = 1000;

	private int conditions;

	private RuleParser() {
	}

	static RuleNode parse(String json) {
		if (json == null || json.isBlank()) {
			throw new RuleException("", "is empty; a rule is a JSON object such as {\"all\": [...]}");
		}
		if (json.length() > SegmentRule.MAX_JSON_BYTES
				|| json.getBytes(StandardCharsets.UTF_8).length > SegmentRule.MAX_JSON_BYTES) {
			throw new RuleException("", "is larger than " + SegmentRule.MAX_JSON_BYTES + " bytes (16 KB)");
		}
		return new RuleParser().node(read(json), "", 1);
	}

	private static JsonNode read(String json) {
		try {
			try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
				int depth = 0;
				for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
					if (token.isStructStart() && ++depth > MAX_JSON_NESTING) {
						throw new RuleException("", "is nested too deeply; groups nest at most " + SegmentRule.MAX_DEPTH
								+ " deep");
					}
					if (token.isStructEnd()) {
						depth--;
					}
				}
			}
			return MAPPER.readTree(json);
		}
		catch (JsonProcessingException ex) {
			JsonLocation at = ex.getLocation();
			String where = (at != null) ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")" : "";
			throw new RuleException("", "is not valid JSON" + where + ": " + shorten(ex.getOriginalMessage(), 120));
		}
		catch (IOException ex) {
			throw new RuleException("", "could not be read: " + shorten(ex.getMessage(), 120));
		}
	}

	private RuleNode node(JsonNode node, String path, int depth) {
		if (!node.isObject()) {
			throw new RuleException(path, "must be an object: a group {\"all\": [...]}, {\"any\": [...]} or {\"not\": {...}},"
					+ " or a condition with \"field\", \"event\", \"segment\" or \"consent\"; not " + show(node));
		}
		String kind = null;
		for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
			String name = names.next();
			if (NODE_KEYS.contains(name)) {
				if (kind != null) {
					throw new RuleException(path, "has both '" + kind + "' and '" + name
							+ "'; an object is either one group or one condition");
				}
				kind = name;
			}
		}
		if (kind == null) {
			String found = node.fieldNames().hasNext() ? "; found " + quote(node.fieldNames().next()) : "";
			throw new RuleException(path, "needs one of the keys " + String.join(", ", NODE_KEYS) + found);
		}
		switch (kind) {
			case "all":
				return group(node, path, depth, GroupKind.ALL);
			case "any":
				return group(node, path, depth, GroupKind.ANY);
			case "not":
				return group(node, path, depth, GroupKind.NOT);
			case "field":
				return field(node, path);
			case "event":
				return event(node, path);
			case "segment":
				return segment(node, path);
			default:
				return consent(node, path);
		}
	}

	private Group group(JsonNode node, String path, int depth, GroupKind kind) {
		onlyKeys(node, path, "a group", kind.key());
		if (depth > SegmentRule.MAX_DEPTH) {
			throw new RuleException(path, "groups nest at most " + SegmentRule.MAX_DEPTH + " deep");
		}
		String at = join(path, kind.key());
		JsonNode value = node.get(kind.key());
		if (kind == GroupKind.NOT) {
			if (!value.isObject()) {
				throw new RuleException(at, "takes one group or condition (an object), not " + show(value));
			}
			return new Group(kind, List.of(node(value, at, depth + 1)));
		}
		if (!value.isArray() || value.size() == 0) {
			throw new RuleException(at, "takes a non-empty list of groups and conditions, not " + show(value));
		}
		List<RuleNode> children = new ArrayList<>();
		for (int i = 0; i < value.size(); i++) {
			children.add(node(value.get(i), at + "[" + i + "]", depth + 1));
		}
		return new Group(kind, children);
	}

	private FieldCondition field(JsonNode node, String path) {
		onlyKeys(node, path, "a field condition", "field", "op", "value");
		counted(path);
		String name = text(required(node, path, "field"), join(path, "field"), "field");
		RuleField field = RuleField.fromWireName(name)
			.orElseThrow(() -> new RuleException(join(path, "field"), quote(name) + " is not a field (use "
					+ names(Arrays.stream(RuleField.values()).map(RuleField::wireName)) + ")"));
		String opName = text(required(node, path, "op"), join(path, "op"), "op");
		List<RuleOperator> allowed = field.kind().operators();
		RuleOperator op = RuleOperator.fromWireName(opName)
			.filter(allowed::contains)
			.orElseThrow(() -> new RuleException(join(path, "op"), quote(opName) + " is not an operator of "
					+ field.wireName() + " (use " + names(allowed.stream().map(RuleOperator::wireName)) + ")"));
		JsonNode value = required(node, path, "value");
		String at = join(path, "value");
		String who = field.wireName() + " " + op.wireName();
		switch (field.kind()) {
			case WHOLE:
				return new FieldCondition(field, op, whole(value, at, who, 0, MAX_WHOLE));
			case AMOUNT:
				return new FieldCondition(field, op, amount(value, at, who));
			case CODE:
				boolean list = op == RuleOperator.IN || op == RuleOperator.NOT_IN;
				if (list != value.isArray()) {
					throw new RuleException(at, list ? who + " takes a list of values such as [\"a\", \"b\"], not " + show(value)
							: who + " takes one value, not " + show(value) + "; use in or not_in for a list");
				}
				return new FieldCondition(field, op, list ? list(value, at, (item, itemAt) -> code(field, item, itemAt))
						: code(field, value, at));
			case PRESENCE:
				return new FieldCondition(field, op, bool(value, at, who));
			case TIME:
				return new FieldCondition(field, op, whole(value, at, who + " (days)", 1, MAX_TIME_DAYS));
			default:
				return new FieldCondition(field, op, whole(value, at, who + " (days)", 0, MAX_BIRTHDAY_DAYS));
		}
	}

	private EventCondition event(JsonNode node, String path) {
		onlyKeys(node, path, "an event condition", "event", "product_id", "category", "min", "days");
		counted(path);
		JsonNode event = node.get("event");
		String at = join(path, "event");
		List<EventType> types = event.isArray() ? list(event, at, RuleParser::eventType)
				: List.of(eventType(event, at));
		Long productId = node.has("product_id")
				? whole(node.get("product_id"), join(path, "product_id"), "product_id", 1, Long.MAX_VALUE) : null;
		String category = null;
		if (node.has("category")) {
			category = text(node.get("category"), join(path, "category"), "category");
			if (category.isEmpty() || category.length() > MAX_CATEGORY) {
				throw new RuleException(join(path, "category"), "takes a category code of 1 to " + MAX_CATEGORY
						+ " characters");
			}
		}
		int min = node.has("min") ? (int) whole(node.get("min"), join(path, "min"), "min", 1, MAX_EVENT_COUNT) : 1;
		int days = (int) whole(required(node, path, "days"), join(path, "days"), "days", 1, MAX_EVENT_DAYS);
		return new EventCondition(types, productId, category, min, days);
	}

	private static EventType eventType(JsonNode value, String at) {
		String name = text(value, at, "event");
		if (name.startsWith("email_") && EventType.fromWireName(name).isEmpty()) {
			throw new RuleException(at, quote(name) + " is not recorded yet: email opens and clicks come with email"
					+ " campaigns (events now: " + eventNames() + ")");
		}
		return EventType.fromWireName(name)
			.orElseThrow(() -> new RuleException(at, quote(name) + " is not an event type (use " + eventNames() + ")"));
	}

	private SegmentCondition segment(JsonNode node, String path) {
		onlyKeys(node, path, "a segment condition", "segment", "member");
		counted(path);
		String at = join(path, "segment");
		String code = text(node.get("segment"), at, "segment");
		if (!SEGMENT_CODE.matcher(code).matches()) {
			throw new RuleException(at, quote(code) + " is not a segment code (1 to 64 letters, digits, '_', '-' or '.',"
					+ " starting with a letter or digit)");
		}
		boolean member = !node.has("member") || bool(node.get("member"), join(path, "member"), "member");
		return new SegmentCondition(code, member);
	}

	private ConsentCondition consent(JsonNode node, String path) {
		onlyKeys(node, path, "a consent condition", "consent", "granted");
		counted(path);
		String at = join(path, "consent");
		String name = text(node.get("consent"), at, "consent");
		ConsentChannel channel = ConsentChannel.parse(name)
			.orElseThrow(() -> new RuleException(at, quote(name) + " is not a consent channel (use "
					+ names(Arrays.stream(ConsentChannel.values()).map((c) -> c.name().toLowerCase(Locale.ROOT))) + ")"));
		boolean granted = !node.has("granted") || bool(node.get("granted"), join(path, "granted"), "granted");
		return new ConsentCondition(channel, granted);
	}

	private static String code(RuleField field, JsonNode value, String at) {
		String code = text(value, at, field.wireName()).toLowerCase(Locale.ROOT);
		if (field.codes().isEmpty()) {
			if (!LANGUAGE.matcher(code).matches()) {
				throw new RuleException(at, quote(code) + " is not a language code (1 to 8 letters, digits, '-' or '_',"
						+ " such as vi, en, pt-br)");
			}
		}
		else if (!field.codes().contains(code)) {
			throw new RuleException(at, quote(code) + " is not a value of " + field.wireName() + " (use "
					+ names(field.codes().stream()) + ")");
		}
		return code;
	}

	private void counted(String path) {
		if (++this.conditions > SegmentRule.MAX_CONDITIONS) {
			throw new RuleException(path, "is condition number " + this.conditions + "; a rule has at most "
					+ SegmentRule.MAX_CONDITIONS + " conditions");
		}
	}

	private static void onlyKeys(JsonNode node, String path, String what, String... keys) {
		List<String> allowed = Arrays.asList(keys);
		for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
			String name = names.next();
			if (!allowed.contains(name)) {
				throw new RuleException(path, "unknown key " + quote(name) + " in " + what + " (allowed: "
						+ String.join(", ", allowed) + ")");
			}
		}
	}

	private static JsonNode required(JsonNode node, String path, String key) {
		JsonNode value = node.get(key);
		if (value == null) {
			throw new RuleException(join(path, key), "is missing");
		}
		return value;
	}

	private static String text(JsonNode value, String at, String who) {
		if (!value.isTextual()) {
			throw new RuleException(at, who + " takes text, not " + show(value));
		}
		String text = value.textValue();
		int length = text.codePointCount(0, text.length());
		if (length > SegmentRule.MAX_STRING) {
			throw new RuleException(at, "is " + length + " characters long; at most " + SegmentRule.MAX_STRING);
		}
		if (text.chars().anyMatch(Character::isISOControl)) {
			throw new RuleException(at, who + " takes text without control characters (tabs, line breaks, NUL)");
		}
		return text;
	}

	private static long whole(JsonNode value, String at, String who, long min, long max) {
		BigDecimal number = value.isNumber() ? value.decimalValue() : null;
		if (number == null || number.compareTo(BigDecimal.valueOf(min)) < 0
				|| number.compareTo(BigDecimal.valueOf(max)) > 0
				|| (number.signum() != 0 && number.stripTrailingZeros().scale() > 0)) {
			throw new RuleException(at, who + " takes a whole number from " + min + " to " + max + ", not " + show(value));
		}
		return number.longValueExact();
	}

	private static BigDecimal amount(JsonNode value, String at, String who) {
		BigDecimal number = value.isNumber() ? value.decimalValue() : null;
		if (number == null || number.signum() < 0 || number.compareTo(MAX_AMOUNT) > 0) {
			throw new RuleException(at, who + " takes an amount from 0 to " + MAX_AMOUNT + ", not " + show(value));
		}
		return (number.scale() < 0) ? number.setScale(0) : number; // 50, not 5E+1 as the tree keeps it
	}

	private static boolean bool(JsonNode value, String at, String who) {
		if (!value.isBoolean()) {
			throw new RuleException(at, who + " takes true or false, not " + show(value));
		}
		return value.booleanValue();
	}

	/** A list of 1 to {@link SegmentRule#MAX_LIST} items, read one by one, repeats dropped. */
	private static <T> List<T> list(JsonNode value, String at, BiFunction<JsonNode, String, T> item) {
		if (!value.isArray() || value.size() == 0 || value.size() > SegmentRule.MAX_LIST) {
			throw new RuleException(at, "takes a list of 1 to " + SegmentRule.MAX_LIST + " values, not " + show(value));
		}
		Set<T> items = new LinkedHashSet<>();
		for (int i = 0; i < value.size(); i++) {
			items.add(item.apply(value.get(i), at + "[" + i + "]"));
		}
		return new ArrayList<>(items);
	}

	private static String join(String path, String key) {
		return path.isEmpty() ? key : path + "." + key;
	}

	private static String eventNames() {
		return names(Arrays.stream(EventType.values()).map(EventType::wireName));
	}

	private static String names(Stream<String> names) {
		return names.collect(Collectors.joining(", "));
	}

	/** What the admin wrote, shortened, for a message. */
	private static String show(JsonNode value) {
		if (value.isTextual()) {
			return quote(value.textValue());
		}
		if (value.isNumber() || value.isBoolean() || value.isNull()) {
			return shorten(value.asText(), 40);
		}
		return value.isArray() ? "a list" : "an object";
	}

	private static String quote(String text) {
		return "'" + shorten(text, 40) + "'";
	}

	private static String shorten(String text, int max) {
		if (text == null) {
			return "";
		}
		return (text.codePointCount(0, text.length()) <= max) ? text
				: text.substring(0, text.offsetByCodePoints(0, max)) + "…";
	}

}
