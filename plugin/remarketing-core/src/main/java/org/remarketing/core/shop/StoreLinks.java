package org.remarketing.core.shop;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Absolute links into the storefront, for emails: a product's page, a product image, the store's
 * logo. Each is a pattern with placeholders, a path on the storefront's base URL or an absolute
 * {@code http(s)://} URL of its own (images served by another host than the storefront, a CDN).
 * Values put into a pattern are percent-encoded, so a SKU or a file name can never add a path
 * segment or a query parameter.
 */
public final class StoreLinks {

	/** Placeholders of the product page pattern. */
	public static final List<String> PRODUCT_PLACEHOLDERS = List.of("sku", "id", "slug");

	/** Placeholders of the product image pattern. */
	public static final List<String> IMAGE_PLACEHOLDERS = List.of("store", "sku", "file");

	/** Placeholders of the logo pattern. */
	public static final List<String> LOGO_PLACEHOLDERS = List.of("store", "file");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)\\}");

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private final String url;

	private final String productPath;

	private final String imagePath;

	private final String logoPath;

	/**
	 * @param url the storefront's public base URL, {@code http(s)://host[:port][/path]}
	 * @param productPath pattern of a product's page, with {@code {sku}}, {@code {id}} or {@code {slug}}
	 * @param imagePath pattern of a product image, with {@code {store}}, {@code {sku}} and {@code {file}}
	 * @param logoPath pattern of the store's logo, with {@code {store}} and {@code {file}}
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public StoreLinks(String url, String productPath, String imagePath, String logoPath) {
		String problem = checkBaseUrl(url);
		if (problem == null) {
			problem = checkPattern(productPath, PRODUCT_PLACEHOLDERS);
		}
		if (problem == null) {
			problem = checkPattern(imagePath, IMAGE_PLACEHOLDERS);
		}
		if (problem == null) {
			problem = checkPattern(logoPath, LOGO_PLACEHOLDERS);
		}
		if (problem != null) {
			throw new IllegalArgumentException(problem);
		}
		this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
		this.productPath = productPath;
		this.imagePath = imagePath;
		this.logoPath = logoPath;
	}

	/**
	 * What is wrong with a storefront base URL, or null when it is fine.
	 */
	public static String checkBaseUrl(String url) {
		if (url == null || !(url.startsWith("http://") || url.startsWith("https://")) || url.contains("{")
				|| url.contains("?") || url.contains("#") || url.chars().anyMatch(Character::isWhitespace)) {
			return "'" + url + "' is not a storefront base URL: write it as http(s)://host[:port][/path], such as"
					+ " https://shop.example.com";
		}
		return null;
	}

	/**
	 * What is wrong with a link pattern, or null when it is fine: it must be a path starting with
	 * {@code /} or an http(s) URL, and use only the given placeholders.
	 */
	public static String checkPattern(String pattern, List<String> placeholders) {
		if (pattern == null || !(pattern.startsWith("/") || pattern.startsWith("http://") || pattern.startsWith("https://"))
				|| pattern.chars().anyMatch(Character::isWhitespace)) {
			return "'" + pattern + "' is not a link pattern: write a path starting with '/' or an http(s):// URL";
		}
		Matcher matcher = PLACEHOLDER.matcher(pattern);
		while (matcher.find()) {
			if (!placeholders.contains(matcher.group(1))) {
				return "'" + pattern + "' has an unknown placeholder {" + matcher.group(1) + "}; use "
						+ placeholders.stream().map((p) -> "{" + p + "}").collect(Collectors.joining(", "));
			}
		}
		String rest = matcher.replaceAll("");
		if (rest.contains("{") || rest.contains("}")) {
			return "'" + pattern + "' has an unclosed placeholder";
		}
		return null;
	}

	/** The storefront's base URL, without a trailing slash. */
	public String url() {
		return this.url;
	}

	/**
	 * The absolute URL of a product's page.
	 * @param slug the product's search-engine name in the email's language; the SKU stands in when null
	 */
	public String product(long id, String sku, String slug) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("sku", sku);
		values.put("id", Long.toString(id));
		values.put("slug", (slug == null || slug.isBlank()) ? sku : slug);
		return absolute(expand(this.productPath, values));
	}

	/** The absolute URL of a product image file; null without a file. */
	public String image(String storeCode, String sku, String file) {
		if (file == null || file.isBlank()) {
			return null;
		}
		Map<String, String> values = new LinkedHashMap<>();
		values.put("store", storeCode);
		values.put("sku", sku);
		values.put("file", file);
		return absolute(expand(this.imagePath, values));
	}

	/** The absolute URL of the store's logo file; null without a file. */
	public String logo(String storeCode, String file) {
		if (file == null || file.isBlank()) {
			return null;
		}
		Map<String, String> values = new LinkedHashMap<>();
		values.put("store", storeCode);
		values.put("file", file);
		return absolute(expand(this.logoPath, values));
	}

	private String absolute(String path) {
		return path.startsWith("/") ? this.url + path : path;
	}

	private static String expand(String pattern, Map<String, String> values) {
		Matcher matcher = PLACEHOLDER.matcher(pattern);
		StringBuilder expanded = new StringBuilder();
		int last = 0;
		while (matcher.find()) {
			expanded.append(pattern, last, matcher.start());
			expanded.append(encode(Objects.toString(values.get(matcher.group(1)), "")));
			last = matcher.end();
		}
		return expanded.append(pattern, last, pattern.length()).toString();
	}

	/**
	 * Percent-encodes everything but RFC 3986's unreserved characters (UTF-8), and the dots of a
	 * value that is only dots ("." and ".." would move up the path).
	 */
	static String encode(String value) {
		if (value.equals(".") || value.equals("..")) {
			return value.replace(".", "%2E");
		}
		StringBuilder encoded = new StringBuilder(value.length());
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xFF;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~') {
				encoded.append((char) c);
			}
			else {
				encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
			}
		}
		return encoded.toString();
	}

	@Override
	public String toString() {
		return "StoreLinks[" + this.url + " " + Arrays.asList(this.productPath, this.imagePath, this.logoPath) + "]";
	}

}
