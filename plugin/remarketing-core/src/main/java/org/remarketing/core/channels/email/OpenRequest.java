package org.remarketing.core.channels.email;

import java.time.Instant;
import java.util.Objects;

/** What a request for a message's open pixel showed: the method, the headers that matter and when it came. */
public final class OpenRequest {

	private final String method;

	private final String userAgent;

	private final String purpose;

	private final Instant at;

	/**
	 * @param method the HTTP method
	 * @param userAgent the {@code User-Agent} header, or null
	 * @param purpose the {@code Purpose}, {@code Sec-Purpose}, {@code X-Purpose} and {@code X-Moz} headers
	 * joined (any may be absent), or null
	 * @param at when the request came
	 */
	public OpenRequest(String method, String userAgent, String purpose, Instant at) {
		this.method = (method != null) ? method : "GET";
		this.userAgent = userAgent;
		this.purpose = purpose;
		this.at = Objects.requireNonNull(at, "at");
	}

	public String method() {
		return this.method;
	}

	public String userAgent() {
		return this.userAgent;
	}

	public String purpose() {
		return this.purpose;
	}

	public Instant at() {
		return this.at;
	}

}
