package org.remarketing.core.schema;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * How the plugin's tables hold instants: UTC wall-clock values ({@code TIMESTAMP} /
 * {@code DATETIME(6)} without a zone), the same on every node whatever its JVM's or its database
 * session's time zone.
 */
public final class DbTime {

	private DbTime() {
	}

	public static LocalDateTime utc(Instant instant) {
		return (instant != null) ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

	public static Instant instant(LocalDateTime value) {
		return (value != null) ? value.toInstant(ZoneOffset.UTC) : null;
	}

}
