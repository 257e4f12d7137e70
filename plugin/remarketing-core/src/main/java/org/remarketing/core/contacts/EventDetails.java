package org.remarketing.core.contacts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed, forgiving reads of an event's properties: a value of the wrong type or size reads as
 * absent rather than failing the event, so one odd event never blocks a shopper's stream.
 */
final class EventDetails {

	/** Largest amount a DECIMAL(12,2) column holds. */
	static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999.99");

	private final Map<String, Object> properties;

	EventDetails(Map<String, Object> properties) {
		this.properties = (properties != null) ? properties : Collections.emptyMap();
	}

	Object raw(String key) {
		return this.properties.get(key);
	}

	/** A trimmed, non-empty string of at most {@code max} characters, or null. */
	String code(String key, int max) {
		String value = string(this.properties.get(key));
		return (value == null || value.length() > max) ? null : value;
	}

	/** A trimmed, non-empty string cut to {@code max} characters (names). */
	String text(String key, int max) {
		String value = string(this.properties.get(key));
		return (value == null || value.length() <= max) ? value : value.substring(0, max);
	}

	Long longValue(String key) {
		return toLong(this.properties.get(key));
	}

	/** A non-negative whole number up to {@code max}, or null. */
	Integer count(String key, int max) {
		Long value = toLong(this.properties.get(key));
		return (value == null || value < 0) ? null : (int) Math.min(value, max);
	}

	/** A non-negative amount with two decimals, capped to what the columns hold, or null. */
	BigDecimal amount(String key) {
		return toAmount(this.properties.get(key));
	}

	boolean isTrue(String key) {
		return toBoolean(this.properties.get(key)) == Boolean.TRUE;
	}

	Boolean bool(String key) {
		return toBoolean(this.properties.get(key));
	}

	LocalDate date(String key) {
		String value = string(this.properties.get(key));
		if (value == null) {
			return null;
		}
		try {
			LocalDate date = LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
			return (date.getYear() < 1900 || date.getYear() > 2999) ? null : date;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** The list of maps under {@code key} (order items), each as details of its own. */
	List<EventDetails> items(String key) {
		Object value = this.properties.get(key);
		if (!(value instanceof List)) {
			return Collections.emptyList();
		}
		List<EventDetails> items = new ArrayList<>();
		for (Object item : (List<?>) value) {
			if (item instanceof Map) {
				@SuppressWarnings("unchecked")
				Map<String, Object> map = (Map<String, Object>) item;
				items.add(new EventDetails(map));
			}
		}
		return items;
	}

	static String string(Object value) {
		if (value == null || value instanceof Map || value instanceof List) {
			return null;
		}
		String text = value.toString().trim();
		return text.isEmpty() ? null : text;
	}

	static Long toLong(Object value) {
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			return ((Number) value).longValue();
		}
		if (value instanceof Number) {
			double d = ((Number) value).doubleValue();
			return (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 9e15) ? (long) d : null;
		}
		String text = string(value);
		if (text == null || text.length() > 18) {
			return null;
		}
		try {
			return Long.valueOf(text);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	static BigDecimal toAmount(Object value) {
		BigDecimal amount;
		try {
			if (value instanceof BigDecimal) {
				amount = (BigDecimal) value;
			}
			else if (value instanceof Number) {
				double d = ((Number) value).doubleValue();
				if (!Double.isFinite(d)) {
					return null;
				}
				amount = (value instanceof Double || value instanceof Float) ? BigDecimal.valueOf(d)
						: new BigDecimal(value.toString());
			}
			else {
				String text = string(value);
				if (text == null || text.length() > 30) {
					return null;
				}
				amount = new BigDecimal(text);
			}
		}
		catch (NumberFormatException ex) {
			return null;
		}
		if (amount.signum() < 0) {
			return null;
		}
		return capped(amount);
	}

	static BigDecimal capped(BigDecimal amount) {
		BigDecimal scaled = amount.setScale(2, RoundingMode.HALF_UP);
		return (scaled.compareTo(MAX_AMOUNT) > 0) ? MAX_AMOUNT : scaled;
	}

	static Boolean toBoolean(Object value) {
		if (value instanceof Boolean) {
			return (Boolean) value;
		}
		String text = string(value);
		if (text == null) {
			return null;
		}
		switch (text.toLowerCase(Locale.ROOT)) {
			case "true":
			case "1":
			case "yes":
				return Boolean.TRUE;
			case "false":
			case "0":
			case "no":
				return Boolean.FALSE;
			default:
				return null;
		}
	}

}
