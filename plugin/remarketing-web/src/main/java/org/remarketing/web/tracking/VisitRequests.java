package org.remarketing.web.tracking;

import java.util.Locale;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServletRequest;

/** What the request itself says about who sends it: bots, prefetches, do-not-track. */
final class VisitRequests {

	private static final Pattern BOT = Pattern.compile("bot|crawl|spider|slurp|headless|preview|"
			+ "facebookexternalhit|mediapartners-google|lighthouse|pingdom|phantomjs|embedly|scrapy|ia_archiver",
			Pattern.CASE_INSENSITIVE);

	private static final String[] PURPOSE_HEADERS = { "Sec-Purpose", "Purpose", "X-Purpose", "X-Moz" };

	private VisitRequests() {
	}

	static boolean isBot(HttpServletRequest request) {
		String agent = request.getHeader("User-Agent");
		return agent != null && BOT.matcher(agent).find();
	}

	/** Speculative loads (prefetch, prerender, link previews): nobody is looking yet. */
	static boolean isPrefetch(HttpServletRequest request) {
		for (String header : PURPOSE_HEADERS) {
			String value = request.getHeader(header);
			if (value != null) {
				String purpose = value.toLowerCase(Locale.ROOT);
				if (purpose.contains("prefetch") || purpose.contains("prerender") || purpose.contains("preview")) {
					return true;
				}
			}
		}
		return false;
	}

	/** Global Privacy Control ({@code Sec-GPC: 1}) or the older {@code DNT: 1}. */
	static boolean asksNotToBeTracked(HttpServletRequest request) {
		return "1".equals(trim(request.getHeader("Sec-GPC"))) || "1".equals(trim(request.getHeader("DNT")));
	}

	/** The client's address as the server sees it (the host decides whether proxies' headers count). */
	static String clientKey(HttpServletRequest request) {
		String address = request.getRemoteAddr();
		if (address == null) {
			return "ip:unknown";
		}
		// One IPv6 subscriber usually holds a whole /64: limit the prefix, not each address in it.
		if (address.indexOf(':') >= 0) {
			String[] groups = expandIpv6(address);
			if (groups != null) {
				return "ip6:" + groups[0] + ":" + groups[1] + ":" + groups[2] + ":" + groups[3];
			}
		}
		return "ip:" + address;
	}

	private static String[] expandIpv6(String address) {
		String plain = address.startsWith("[") ? address.substring(1, address.length() - 1) : address;
		int zone = plain.indexOf('%');
		if (zone >= 0) {
			plain = plain.substring(0, zone);
		}
		String[] groups = new String[8];
		int split = plain.indexOf("::");
		String[] head = split >= 0 ? splitGroups(plain.substring(0, split)) : splitGroups(plain);
		String[] tail = split >= 0 ? splitGroups(plain.substring(split + 2)) : new String[0];
		if (head.length + tail.length > 8 || (split < 0 && head.length != 8)) {
			return null;
		}
		for (int i = 0; i < 8; i++) {
			groups[i] = "0";
		}
		System.arraycopy(head, 0, groups, 0, head.length);
		System.arraycopy(tail, 0, groups, 8 - tail.length, tail.length);
		for (int i = 0; i < 8; i++) {
			groups[i] = groups[i].toLowerCase(Locale.ROOT).replaceFirst("^0+(?=.)", "");
		}
		return groups;
	}

	private static String[] splitGroups(String part) {
		return part.isEmpty() ? new String[0] : part.split(":");
	}

	private static String trim(String value) {
		return value == null ? null : value.trim();
	}

}
