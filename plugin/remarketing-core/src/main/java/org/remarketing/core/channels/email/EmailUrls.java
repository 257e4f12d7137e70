package org.remarketing.core.channels.email;

/**
 * The one rule for links in emails: only absolute {@code http}/{@code https} URLs without
 * whitespace or control characters may become an {@code href} or {@code src};
 * {@code javascript:}, {@code data:} and relative URLs never do.
 */
final class EmailUrls {

	private EmailUrls() {
	}

	static boolean isSafe(String url) {
		if (url == null || !(startsWithIgnoreCase(url, "https://") || startsWithIgnoreCase(url, "http://"))) {
			return false;
		}
		int schemeEnd = url.indexOf("://") + 3;
		if (url.length() == schemeEnd) {
			return false;
		}
		for (int i = 0; i < url.length(); i++) {
			char c = url.charAt(i);
			if (c <= ' ' || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
				return false;
			}
		}
		return true;
	}

	/** The URL if it is safe, else {@code null} (the templates then leave the link out). */
	static String safeOrNull(String url) {
		return isSafe(url) ? url : null;
	}

	/** For the links an email cannot go without: fails early, naming the field (not the value). */
	static String required(String url, String field) {
		if (url == null) {
			throw new IllegalArgumentException(field + " is required");
		}
		if (!isSafe(url)) {
			throw new IllegalArgumentException(
					field + " must be an absolute http or https URL without spaces; check how it is generated");
		}
		return url;
	}

	private static boolean startsWithIgnoreCase(String url, String prefix) {
		return url.regionMatches(true, 0, prefix, 0, prefix.length());
	}

}
