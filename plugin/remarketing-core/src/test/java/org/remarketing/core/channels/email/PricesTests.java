package org.remarketing.core.channels.email;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PricesTests {

	private static final char NBSP = '\u00a0';

	@Test
	void englishWritesTheSymbolFirstWithTheCurrencysDecimals() {
		assertThat(format(Locale.ENGLISH, "USD", "12.5")).isEqualTo("$12.50");
		assertThat(format(Locale.US, "USD", "1250000")).isEqualTo("$1,250,000.00");
		assertThat(format(Locale.ENGLISH, "EUR", "12.5")).isEqualTo("€12.50");
		assertThat(format(Locale.ENGLISH, "JPY", "1250")).isEqualTo("¥1,250");
	}

	@Test
	void vietnameseWritesDongWithDotsAndNoDecimals() {
		assertThat(format(new Locale("vi", "VN"), "VND", "1250000")).isEqualTo("1.250.000" + NBSP + "₫");
		assertThat(format(new Locale("vi"), "VND", "1250000")).isEqualTo("1.250.000" + NBSP + "₫");
		// A store selling in dollars to a Vietnamese reader: the dollar keeps its cents.
		assertThat(format(new Locale("vi", "VN"), "USD", "12.5")).isEqualTo("12,50" + NBSP + "US$");
	}

	@Test
	void roundsHalfUpToTheCurrencysDecimals() {
		assertThat(format(Locale.ENGLISH, "USD", "0.125")).isEqualTo("$0.13");
		assertThat(format(new Locale("vi"), "VND", "1250000.5")).isEqualTo("1.250.001" + NBSP + "₫");
		assertThat(format(Locale.ENGLISH, "USD", "0")).isEqualTo("$0.00");
	}

	@Test
	void writesWhatNumberFormatWritesForManyLocalesCurrenciesAndAmounts() {
		String[] locales = { "en", "en-US", "en-GB", "en-IN", "vi", "vi-VN", "de-DE", "de-CH", "fr-FR", "es-ES", "pt-BR",
				"ja-JP", "ar-EG", "hi-IN", "th-TH", "zh-CN", "ru-RU", "sv-SE", "nl-NL" };
		String[] currencies = { "USD", "EUR", "VND", "JPY", "GBP", "KWD", "CHF", "INR" };
		String[] amounts = { "0", "0.5", "1", "9.99", "12.345", "999.995", "1000", "1234567.891", "98765432109876.5",
				"123456789012345678901234.5" };
		int checked = 0;
		for (String tag : locales) {
			Locale locale = Locale.forLanguageTag(tag);
			for (String code : currencies) {
				Prices prices = Prices.of(locale, Currency.getInstance(code));
				for (String amount : amounts) {
					assertThat(prices.format(new BigDecimal(amount))).as("%s %s %s", tag, code, amount)
						.isEqualTo(EmailFixtures.referencePrice(locale, code, new BigDecimal(amount)));
					checked++;
				}
			}
		}
		assertThat(checked).isEqualTo(locales.length * currencies.length * amounts.length);
	}

	@Test
	void theShippedLanguagesTakeTheFastPath() {
		assertThat(Prices.of(Locale.ENGLISH, Currency.getInstance("USD")).writesDirectly()).isTrue();
		assertThat(Prices.of(new Locale("vi", "VN"), Currency.getInstance("VND")).writesDirectly()).isTrue();
	}

	private static String format(Locale locale, String currency, String amount) {
		return Prices.of(locale, Currency.getInstance(currency)).format(new BigDecimal(amount));
	}

}
