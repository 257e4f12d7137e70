package org.remarketing.web.admin;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
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
 * Reads the JSON bodies of the admin API: {@code application/json} only (415 otherwise), at most a
 * given size whatever the request declares (413), an object of bounded depth with no duplicate
 * key and no field the request does not take (400). Refusals never quote what was sent beyond a
 * plain field name.
 */
public final class JsonBodies {

	private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_]{1,40}");

	private final ObjectMapper mapper = new ObjectMapper(new JsonFactory()
		.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION))
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	private final int maxBytes;

	private final int maxDepth;

	/**
	 * @param maxBytes the largest body
	 * @param maxDepth how deeply objects and arrays may nest
	 */
	public JsonBodies(int maxBytes, int maxDepth) {
		this.maxBytes = maxBytes;
		this.maxDepth = maxDepth;
	}

	/** The mapper the bodies are read with (strict about duplicates and trailing tokens). */
	public ObjectMapper mapper() {
		return this.mapper;
	}

	/** The body as a JSON object holding only {@code allowed} fields. */
	public ObjectNode read(HttpServletRequest request, Set<String> allowed) {
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

	/**
	 * A text field within its length, null when absent. Single-line fields take no control
	 * characters at all; multi-line ones may hold line breaks and tabs.
	 */
	public static String text(JsonNode body, String field, int max, boolean multiline) {
		return text(body, field, field, max, multiline);
	}

	/** As {@link #text(JsonNode, String, int, boolean)}, naming the value {@code label} in a refusal. */
	public static String text(JsonNode body, String field, String label, int max, boolean multiline) {
		JsonNode node = body.get(field);
		if (node == null) {
			return null;
		}
		if (!node.isTextual()) {
			throw RefusedRequest.invalid(label, label + " must be text.");
		}
		String value = node.textValue();
		if (value.codePointCount(0, value.length()) > max) {
			throw RefusedRequest.invalid(label, label + " must be at most " + max + " characters.");
		}
		boolean control = value.chars().anyMatch((c) -> Character.isISOControl(c)
				&& !(multiline && (c == '\n' || c == '\r' || c == '\t')));
		if (control) {
			throw RefusedRequest.invalid(label, label + " must not contain control characters.");
		}
		return value;
	}

	/** A true/false field, null when absent. */
	public static Boolean bool(JsonNode body, String field) {
		JsonNode node = body.get(field);
		if (node == null) {
			return null;
		}
		if (!node.isBoolean()) {
			throw RefusedRequest.invalid(field, field + " must be true or false.");
		}
		return node.booleanValue();
	}

	/** A whole number field in [{@code min}, {@code max}], null when absent. */
	public static Long whole(JsonNode body, String field, String label, long min, long max) {
		JsonNode node = body.get(field);
		if (node == null) {
			return null;
		}
		if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
			throw RefusedRequest.invalid(label, label + " must be a whole number from " + min + " to " + max + ".");
		}
		return node.longValue();
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
				if (token.isStructStart() && ++depth > this.maxDepth) {
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
	private byte[] readBounded(HttpServletRequest request) {
		if (request.getContentLengthLong() > this.maxBytes) {
			throw tooLarge();
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes(this.maxBytes + 1);
			if (body.length > this.maxBytes) {
				throw tooLarge();
			}
			return body;
		}
		catch (IOException ex) {
			throw RefusedRequest.badRequest("The body could not be read.");
		}
	}

	private RefusedRequest tooLarge() {
		return new RefusedRequest(HttpStatus.PAYLOAD_TOO_LARGE, "The body is too large: at most " + this.maxBytes
				+ " bytes.");
	}

}
