package org.remarketing.web.admin;

import org.springframework.http.HttpStatus;

/**
 * What an admin API refuses, with the status and the sentence it answers (a controller's
 * {@code @ExceptionHandler} turns it into {@link AdminApi#error}). Carries no stack trace: it is an
 * answer, not a failure.
 */
public class RefusedRequest extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final HttpStatus status;

	private final String field;

	public RefusedRequest(HttpStatus status, String message) {
		this(status, null, message);
	}

	private RefusedRequest(HttpStatus status, String field, String message) {
		super(message, null, false, false);
		this.status = status;
		this.field = field;
	}

	public static RefusedRequest badRequest(String message) {
		return new RefusedRequest(HttpStatus.BAD_REQUEST, message);
	}

	/** A 400 about one value of the body, named as the client sent it (e.g. {@code steps[1].template}). */
	public static RefusedRequest invalid(String field, String message) {
		return new RefusedRequest(HttpStatus.BAD_REQUEST, field, message);
	}

	public static RefusedRequest conflict(String message) {
		return new RefusedRequest(HttpStatus.CONFLICT, message);
	}

	public static RefusedRequest notFound(String message) {
		return new RefusedRequest(HttpStatus.NOT_FOUND, message);
	}

	public HttpStatus status() {
		return this.status;
	}

	/** The value of the body that is wrong, or null. */
	public String field() {
		return this.field;
	}

}
