package org.remarketing.core.channels.email;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Formats prices in the store's currency the way the contact's locale writes them ("$12.50"
 * in English, "1.250.000 ₫" in Vietnamese), exactly as {@link NumberFormat#getCurrencyInstance}
 * does with the currency's own number of decimals, rounding half up. Thread-safe.
 * <p>
 * {@code DecimalFormat} is slow (and not thread-safe), and every email formats several prices:
 * the pieces of the locale's format (prefix, separators, digits, suffix) are read once from a
 * {@code DecimalFormat}'s own output, and amounts are then written directly. If the output of
 * a probe amount differs from {@code DecimalFormat}'s, a copy of the latter formats instead.
 */
final class Prices {

	private static final int MAX_CACHED = 256;

	private static final Map<String, Prices> CACHE = new ConcurrentHashMap<>();

	/** Groups of 3, 6 and 7 integer digits, so any grouping size up to 6 shows a separator. */
	private static final BigDecimal PROBE = new BigDecimal("1234567.891");

	private final NumberFormat prototype;

	private final int digits;

	private final String prefix;

	private final String suffix;

	private final char zero;

	private final int groupingSize;

	private final char groupingSeparator;

	private final char decimalSeparator;

	private final boolean direct;

	private Prices(NumberFormat prototype, int digits) {
		this.prototype = prototype;
		this.digits = digits;
		DecimalFormat decimal = (prototype instanceof DecimalFormat) ? (DecimalFormat) prototype
				: new DecimalFormat("#");
		this.prefix = decimal.getPositivePrefix();
		this.suffix = decimal.getPositiveSuffix();
		this.groupingSize = (decimal.isGroupingUsed() && decimal.getGroupingSize() > 0) ? decimal.getGroupingSize() : 0;
		String probe = prototype.format(PROBE);
		String body = (probe.startsWith(this.prefix) && probe.endsWith(this.suffix)
				&& probe.length() > this.prefix.length() + this.suffix.length())
						? probe.substring(this.prefix.length(), probe.length() - this.suffix.length()) : "";
		int integerDigits = 7;
		int firstGroup = (this.groupingSize == 0) ? 0 : (integerDigits % this.groupingSize == 0) ? this.groupingSize
				: integerDigits % this.groupingSize;
		this.zero = body.isEmpty() ? '0' : (char) (body.charAt(0) - 1);
		this.groupingSeparator = (this.groupingSize > 0 && body.length() > firstGroup) ? body.charAt(firstGroup) : ',';
		this.decimalSeparator = (digits > 0 && body.length() > digits) ? body.charAt(body.length() - digits - 1) : '.';
		this.direct = prototype instanceof DecimalFormat && decimal.getMinimumIntegerDigits() <= 1 && !body.isEmpty()
				&& probe.equals(formatDirectly(PROBE));
	}

	static Prices of(Locale locale, Currency currency) {
		String key = locale.toLanguageTag() + '|' + currency.getCurrencyCode();
		Prices prices = CACHE.get(key);
		if (prices == null) {
			prices = create(locale, currency);
			if (CACHE.size() < MAX_CACHED) {
				CACHE.putIfAbsent(key, prices);
			}
		}
		return prices;
	}

	/** Whether amounts are written without a {@code DecimalFormat} (the fast path). */
	boolean writesDirectly() {
		return this.direct;
	}

	String format(BigDecimal amount) {
		if (this.direct && amount.signum() >= 0) {
			String formatted = formatDirectly(amount);
			if (formatted != null) {
				return formatted;
			}
		}
		return ((NumberFormat) this.prototype.clone()).format(amount);
	}

	/** The amount written with the locale's pieces; null if it is too large for a long. */
	private String formatDirectly(BigDecimal amount) {
		BigDecimal scaled = amount.setScale(this.digits, RoundingMode.HALF_UP);
		if (scaled.precision() > 18) {
			return null;
		}
		long units = scaled.unscaledValue().longValue();
		char[] chars = new char[40];
		int at = chars.length;
		for (int i = 0; i < this.digits; i++) {
			chars[--at] = (char) (this.zero + (int) (units % 10));
			units /= 10;
		}
		if (this.digits > 0) {
			chars[--at] = this.decimalSeparator;
		}
		int written = 0;
		do {
			if (this.groupingSize > 0 && written > 0 && written % this.groupingSize == 0) {
				chars[--at] = this.groupingSeparator;
			}
			chars[--at] = (char) (this.zero + (int) (units % 10));
			units /= 10;
			written++;
		}
		while (units > 0);
		return new StringBuilder(this.prefix.length() + (chars.length - at) + this.suffix.length()).append(this.prefix)
			.append(chars, at, chars.length - at)
			.append(this.suffix)
			.toString();
	}

	private static Prices create(Locale locale, Currency currency) {
		NumberFormat format = NumberFormat.getCurrencyInstance(locale);
		format.setCurrency(currency);
		// setCurrency keeps the locale's own currency's decimals (2 for "vi" alone, 0 for vi-VN even in USD).
		int digits = Math.max(currency.getDefaultFractionDigits(), 0);
		format.setMinimumFractionDigits(digits);
		format.setMaximumFractionDigits(digits);
		format.setRoundingMode(RoundingMode.HALF_UP);
		return new Prices(format, digits);
	}

}
