package org.remarketing.core.channels.email;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * The store's own host, taken from its public base URL: the only host a tracked click may lead
 * to. The URLs a click redirects to are stored when the message is sent, never taken from the
 * request; this check is the second line, against a wrong or tampered stored URL.
 */
public final class StoreOrigin {

	private final String host;

	/** @param storeUrl the store's public base URL, e.g. {@code https://shop.example.com} */
	public StoreOrigin(String storeUrl) {
		String host = hostOf(Objects.requireNonNull(storeUrl, "storeUrl").trim());
		if (host == null) {
			throw new IllegalArgumentException("The store URL must be an absolute http(s) URL such as https://shop.example.com");
		}
		this.host = host;
	}

	/** The store's host, lower case. */
	public String host() {
		return this.host;
	}

	/**
	 * Whether {@code url} is an absolute http(s) URL on the store's host, without user info,
	 * backslashes, whitespace or control characters.
	 */
	public boolean allows(String url) {
		return url != null && this.host.equals(hostOf(url));
	}

	private static String hostOf(String url) {
		if (url.isEmpty() || url.length() > 2000) {
			return null;
		}
		for (int i = 0; i < url.length(); i++) {
			char c = url.charAt(i);
			if (c <= 0x20 || c == 0x7f || c == '\\' || c > 0x7e) {
				return null; // browsers "repair" these in ways URI does not
			}
		}
		try {
			URI uri = new URI(url);
			String scheme = uri.getScheme();
			if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
					|| uri.isOpaque() || uri.getRawUserInfo() != null || uri.getHost() == null
					|| uri.getRawAuthority() == null || uri.getRawAuthority().contains("@")) {
				return null;
			}
			return uri.getHost().toLowerCase(Locale.ROOT);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
