package org.remarketing.web.tracking;

/** Cuts URLs down to what says nothing about a person: the page without its query, a site without its page. */
final class AnonymousUrls {

	private AnonymousUrls() {
	}

	/** The URL without fragment and query, keeping only the utm_* parameters (a campaign, not a person). */
	static String withoutQuery(String url) {
		if (url == null) {
			return null;
		}
		int hash = url.indexOf('#');
		String base = hash >= 0 ? url.substring(0, hash) : url;
		int question = base.indexOf('?');
		if (question < 0) {
			return base;
		}
		StringBuilder kept = new StringBuilder(base.substring(0, question));
		char separator = '?';
		for (String parameter : base.substring(question + 1).split("&")) {
			if (parameter.startsWith("utm_")) {
				kept.append(separator).append(parameter);
				separator = '&';
			}
		}
		return kept.toString();
	}

	/** scheme://host[:port]/ of a URL, or null when it has none. */
	static String origin(String url) {
		if (url == null) {
			return null;
		}
		int scheme = url.indexOf("://");
		if (scheme <= 0) {
			return null;
		}
		int path = url.indexOf('/', scheme + 3);
		int query = url.indexOf('?', scheme + 3);
		int hash = url.indexOf('#', scheme + 3);
		int end = url.length();
		for (int cut : new int[] { path, query, hash }) {
			if (cut >= 0 && cut < end) {
				end = cut;
			}
		}
		String authority = url.substring(scheme + 3, end);
		int at = authority.lastIndexOf('@');
		return url.substring(0, scheme + 3) + (at >= 0 ? authority.substring(at + 1) : authority) + "/";
	}

}
