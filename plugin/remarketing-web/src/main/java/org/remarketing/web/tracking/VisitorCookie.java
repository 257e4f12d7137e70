package org.remarketing.web.tracking;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.util.StringUtils;

/**
 * The first-party visitor cookie {@code rmk_vid}: 128 random bits, base64url. HttpOnly (no script
 * reads it, ours included), SameSite=Lax, Secure on HTTPS, kept 13 months and never extended:
 * a returning visitor keeps the cookie's first expiry.
 */
public final class VisitorCookie {

	public static final String NAME = "rmk_vid";

	/** 13 months of 30.5 days. */
	static final Duration MAX_AGE = Duration.ofDays(396);

	// 16 bytes base64url without padding: exactly 22 characters of the URL-safe alphabet.
	private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{22}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private VisitorCookie() {
	}

	/** The visitor id of the request's cookie, or null when absent or not one we could have issued. */
	public static String read(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return null;
		}
		for (Cookie cookie : cookies) {
			if (NAME.equals(cookie.getName()) && isValid(cookie.getValue())) {
				return cookie.getValue();
			}
		}
		return null;
	}

	static boolean isValid(String value) {
		return value != null && FORMAT.matcher(value).matches();
	}

	static String newVisitorId() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static void write(HttpServletRequest request, HttpServletResponse response, String visitorId) {
		response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, visitorId, MAX_AGE).toString());
	}

	static void clear(HttpServletRequest request, HttpServletResponse response) {
		response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, "", Duration.ZERO).toString());
	}

	private static ResponseCookie cookie(HttpServletRequest request, String value, Duration maxAge) {
		String path = StringUtils.hasLength(request.getContextPath()) ? request.getContextPath() : "/";
		return ResponseCookie.from(NAME, value)
			.path(path)
			.maxAge(maxAge)
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Lax")
			.build();
	}

}
