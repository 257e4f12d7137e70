package org.remarketing.web.segments;

import org.springframework.http.HttpStatus;

/** What the segments API refuses, with the status and the sentence it answers. */
final class RefusedRequest extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final HttpStatus status;

	RefusedRequest(HttpStatus status, String message) {
		super(message, null, false, false);
		this.status = status;
	}

	static RefusedRequest badRequest(String message) {
		return new RefusedRequest(HttpStatus.BAD_REQUEST, message);
	}

	static RefusedRequest conflict(String message) {
		return new RefusedRequest(HttpStatus.CONFLICT, message);
	}

	HttpStatus status() {
		return this.status;
	}

}
