package org.remarketing.core.contacts;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The channel a visit came from, from its UTM parameters and referrer: a small version of the
 * default channel grouping analytics tools use. Only the channel name is kept in the profile;
 * the raw values stay in the event.
 */
final class TrafficChannel {

	static final String DIRECT = "direct";

	private static final List<String> SEARCH_ENGINES = Arrays.asList("google.", "bing.", "yahoo.", "duckduckgo.",
			"baidu.", "yandex.", "coccoc.", "ecosia.", "naver.", "qwant.");

	private static final List<String> SOCIAL_SITES = Arrays.asList("facebook.", "fb.", "instagram.", "t.co", "twitter.",
			"x.com", "linkedin.", "lnkd.in", "pinterest.", "tiktok.", "youtube.", "reddit.", "zalo.", "threads.net");

	private TrafficChannel() {
	}

	static String of(EventDetails details) {
		String medium = lower(details.code("utm_medium", 200));
		String source = lower(details.code("utm_source", 200));
		if (medium != null) {
			if (medium.equals("email") || medium.equals("e-mail") || medium.equals("newsletter")) {
				return "email";
			}
			if (medium.equals("display") || medium.equals("banner") || medium.equals("cpm")) {
				return "display";
			}
			if (medium.matches("^(cpc|ppc|cpa|cpv|paid.*|retargeting)$")) {
				return "paid";
			}
			if (medium.matches("^(social|social-network|social-media|sm|social network|social media)$")) {
				return "social";
			}
			if (medium.equals("affiliate")) {
				return "affiliate";
			}
			if (medium.equals("organic")) {
				return "organic_search";
			}
			if (medium.equals("referral")) {
				return "referral";
			}
		}
		if (medium != null || source != null) {
			return "campaign";
		}
		String referrer = host(details.code("referrer", 2000));
		if (referrer == null || referrer.equals(host(details.code("url", 2000)))) {
			return DIRECT;
		}
		if (matches(referrer, SEARCH_ENGINES)) {
			return "organic_search";
		}
		if (matches(referrer, SOCIAL_SITES)) {
			return "social";
		}
		return "referral";
	}

	private static boolean matches(String host, List<String> sites) {
		for (String site : sites) {
			if (host.startsWith(site) || host.contains("." + site) || host.equals(site)) {
				return true;
			}
		}
		return false;
	}

	private static String host(String url) {
		if (url == null) {
			return null;
		}
		try {
			String host = URI.create(url).getHost();
			if (host == null) {
				return null;
			}
			host = host.toLowerCase(Locale.ROOT);
			return host.startsWith("www.") ? host.substring(4) : host;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String lower(String value) {
		return (value != null) ? value.toLowerCase(Locale.ROOT) : null;
	}

}
