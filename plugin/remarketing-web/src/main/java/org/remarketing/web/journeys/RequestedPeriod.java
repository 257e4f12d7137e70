package org.remarketing.web.journeys;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.remarketing.web.admin.RefusedRequest;

/**
 * The period of a request's {@code from} and {@code to}: each a day ({@code 2026-03-01}, in UTC;
 * {@code to} includes its whole day) or an ISO-8601 instant ({@code 2026-03-01T12:00:00Z}); the
 * period runs from {@code from} up to, not including, {@code to}.
 */
final class RequestedPeriod {

	private static final int MAX_LENGTH = 40;

	private final Instant from;

	private final Instant to;

	private RequestedPeriod(Instant from, Instant to) {
		this.from = from;
		this.to = to;
	}

	/** The period asked for, unbounded where an end is absent. */
	static RequestedPeriod parse(String from, String to) {
		return parse(from, to, null, null);
	}

	/**
	 * The period asked for; without {@code to} it ends at {@code defaultTo}, without {@code from} it
	 * is {@code defaultLength} long (either default may be null: no bound).
	 */
	static RequestedPeriod parse(String from, String to, Instant defaultTo, Duration defaultLength) {
		Instant end = blank(to) ? defaultTo : parse("to", to, true);
		Instant start = !blank(from) ? parse("from", from, false)
				: (end != null && defaultLength != null) ? end.minus(defaultLength) : null;
		if (start != null && end != null && !start.isBefore(end)) {
			throw RefusedRequest.badRequest("from must be before to.");
		}
		return new RequestedPeriod(start, end);
	}

	Instant from() {
		return this.from;
	}

	Instant to() {
		return this.to;
	}

	private static Instant parse(String name, String value, boolean end) {
		if (value.length() <= MAX_LENGTH) {
			try {
				if (value.length() == 10) {
					LocalDate day = LocalDate.parse(value);
					return (end ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
				}
				return OffsetDateTime.parse(value).toInstant();
			}
			catch (DateTimeParseException ex) {
				// answered below
			}
		}
		throw RefusedRequest.badRequest(name + " must be a day such as 2026-03-01 or an ISO-8601 instant such as"
				+ " 2026-03-01T12:00:00Z.");
	}

	private static boolean blank(String value) {
		return value == null || value.isEmpty();
	}

}
