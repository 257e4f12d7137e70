package org.remarketing.web.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * What the admin API's controllers share: answers that no one caches (they hold personal data),
 * errors as {@code {"message": "..."}}, and the checks of ids and paging parameters.
 */
public final class AdminApi {

	private AdminApi() {
	}

	public static ResponseEntity<Map<String, Object>> ok(Map<String, Object> body) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
	}

	public static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
		return error(status, message, null);
	}

	/** An error about one value of a request's body: {@code {"message": "...", "field": "steps[1].template"}}. */
	public static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message, String field) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("message", message);
		if (field != null) {
			body.put("field", field);
		}
		return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_JSON)
			.body(body);
	}

	/** A path's id: digits only, at most 18 of them; null otherwise. */
	public static Long id(String value) {
		return (digits(value) && value.length() <= 18) ? Long.valueOf(value) : null;
	}

	/** The parameter as a whole number in [min, max], the default when absent, or null when invalid. */
	public static Integer number(String value, int defaultValue, int min, int max) {
		if (value == null || value.isEmpty()) {
			return defaultValue;
		}
		if (value.length() > 9 || !digits(value)) {
			return null;
		}
		int number = Integer.parseInt(value);
		return (number < min || number > max) ? null : number;
	}

	private static boolean digits(String value) {
		return value != null && !value.isEmpty() && value.chars().allMatch((c) -> c >= '0' && c <= '9');
	}

}
