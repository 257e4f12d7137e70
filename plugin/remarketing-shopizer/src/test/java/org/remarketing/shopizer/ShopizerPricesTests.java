package org.remarketing.shopizer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShopizerPricesTests {

	private static final LocalDate TODAY = LocalDate.of(2024, 11, 29);

	@Test
	void theRegularPriceWithoutASpecial() {
		assertThat(ShopizerPrices.today(List.of(price("*", true, "14.90", null, null, null)), TODAY)).isEqualByComparingTo("14.90");
	}

	@Test
	void theSpecialRunsFromItsStartDateUntilTheDayBeforeItsEndDate() {
		assertThat(special(TODAY, TODAY.plusDays(1))).isEqualByComparingTo("9.90");
		assertThat(special(null, TODAY.plusDays(1))).isEqualByComparingTo("9.90");
		assertThat(special(TODAY.minusDays(3), null)).isEqualByComparingTo("9.90");
		assertThat(special(TODAY.plusDays(1), null)).as("not started").isEqualByComparingTo("14.90");
		assertThat(special(TODAY.minusDays(3), TODAY)).as("ended today").isEqualByComparingTo("14.90");
	}

	@Test
	void aZeroSpecialIsNoSpecial() {
		assertThat(ShopizerPrices.today(List.of(price("*", true, "14.90", "0", null, null)), TODAY)).isEqualByComparingTo("14.90");
	}

	@Test
	void theDefaultPriceForAllRegionsIsPreferred() {
		List<ShopizerPrices.Row> rows = List.of(price("CA", true, "20.00", null, null, null),
				price("*", false, "18.00", null, null, null), price("*", true, "16.00", null, null, null));
		assertThat(ShopizerPrices.today(rows, TODAY)).isEqualByComparingTo("16.00");
		assertThat(ShopizerPrices.today(rows.subList(0, 2), TODAY)).isEqualByComparingTo("18.00");
		assertThat(ShopizerPrices.today(rows.subList(0, 1), TODAY)).isEqualByComparingTo("20.00");
	}

	@Test
	void noPriceRowNoPrice() {
		assertThat(ShopizerPrices.today(List.of(), TODAY)).isNull();
		assertThat(ShopizerPrices.today(List.of(price("*", true, null, null, null, null)), TODAY)).isNull();
	}

	private static BigDecimal special(LocalDate start, LocalDate end) {
		return ShopizerPrices.today(List.of(price("*", true, "14.90", "9.90", start, end)), TODAY);
	}

	private static ShopizerPrices.Row price(String region, boolean defaultPrice, String amount, String special,
			LocalDate start, LocalDate end) {
		return new ShopizerPrices.Row(region, defaultPrice, (amount != null) ? new BigDecimal(amount) : null,
				(special != null) ? new BigDecimal(special) : null, start, end);
	}

}
