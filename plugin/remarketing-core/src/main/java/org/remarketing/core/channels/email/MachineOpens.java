package org.remarketing.core.channels.email;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells an open pixel fetched by a machine from one fetched because a person looked at the mail
 * (docs/email-links.md lists the rules). A machine open is recorded as {@code MACHINE_OPEN} and
 * never counts as the message's open: Apple Mail Privacy Protection fetches every image of every
 * mail as it arrives, Gmail and Yahoo fetch through their image proxies, and security scanners
 * fetch everything seconds after delivery. Pure and cheap: no I/O.
 */
public final class MachineOpens {

	/** A fetch this soon after the send is a scanner's or a proxy's prefetch, not a reader. */
	public static final Duration SCANNER_WINDOW = Duration.ofSeconds(10);

	/** Apple Mail Privacy Protection's proxy sends exactly this, with nothing after it. */
	static final String APPLE_PROXY_AGENT = "Mozilla/5.0";

	/** Lower-case fragments of the user agents of image proxies, scanners and HTTP libraries. */
	static final List<String> MACHINE_AGENTS = Arrays.asList(
			// mailbox providers' image proxies
			"googleimageproxy", "ggpht.com", "yahoomailproxy", "yahoo! slurp", "yandex", "mail.ru",
			"outlook-ios-proxy", "ymailproxy", "gmailimageproxy", "proxy",
			// security gateways and link scanners
			"barracuda", "mimecast", "proofpoint", "symantec", "trendmicro", "trend micro", "forcepoint", "sophos",
			"fortinet", "cisco", "ironport", "zscaler", "safelinks", "appriver",
			// robots and libraries
			"bot", "crawler", "spider", "preview", "headless", "python", "curl", "wget", "java/", "okhttp",
			"go-http-client", "libwww", "httpclient", "axios", "node-fetch", "scrapy", "phantomjs");

	private static final List<String> PREFETCH_HINTS = Arrays.asList("prefetch", "preview", "prerender");

	/**
	 * Why the request looks automated, or empty when it looks like a person opening the mail.
	 * @param sentAt when the message was sent (null when unknown: the timing rule is then skipped)
	 */
	public Optional<String> reason(OpenRequest request, Instant sentAt) {
		if ("HEAD".equalsIgnoreCase(request.method())) {
			return Optional.of("head-request");
		}
		String purpose = lower(request.purpose());
		if (PREFETCH_HINTS.stream().anyMatch(purpose::contains)) {
			return Optional.of("prefetch-header");
		}
		String agent = (request.userAgent() != null) ? request.userAgent().trim() : "";
		if (agent.isEmpty()) {
			return Optional.of("no-user-agent");
		}
		if (agent.equals(APPLE_PROXY_AGENT)) {
			return Optional.of("apple-privacy-proxy");
		}
		String lowerAgent = lower(agent);
		for (String fragment : MACHINE_AGENTS) {
			if (lowerAgent.contains(fragment)) {
				return Optional.of("agent:" + fragment);
			}
		}
		if (sentAt != null && request.at().isBefore(sentAt.plus(SCANNER_WINDOW))) {
			return Optional.of("right-after-send");
		}
		return Optional.empty();
	}

	private static String lower(String value) {
		return (value != null) ? value.toLowerCase(Locale.ROOT) : "";
	}

}
