package org.remarketing.shopizer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The price Shopizer asks of a shopper today, from a product's price rows (one per availability
 * and price): the default price of the availability for all regions ({@code *}) is preferred,
 * and its special amount replaces it from the special's start date (included) to its end date
 * (excluded), as Shopizer and its storefront count those dates.
 */
final class ShopizerPrices {

	static final String ALL_REGIONS = "*";

	private ShopizerPrices() {
	}

	/** The price to pay today; null when the product has no price row with an amount. */
	static BigDecimal today(List<Row> rows, LocalDate today) {
		Row chosen = null;
		for (Row row : rows) {
			if (row.amount != null && (chosen == null || row.rank() < chosen.rank())) {
				chosen = row;
			}
		}
		if (chosen == null) {
			return null;
		}
		return chosen.specialRuns(today) ? chosen.special : chosen.amount;
	}

	/** One price of one availability of a product, as Shopizer's tables hold it. */
	static final class Row {

		final String region;

		final boolean defaultPrice;

		final BigDecimal amount;

		final BigDecimal special;

		final LocalDate specialStart;

		final LocalDate specialEnd;

		Row(String region, boolean defaultPrice, BigDecimal amount, BigDecimal special, LocalDate specialStart,
				LocalDate specialEnd) {
			this.region = region;
			this.defaultPrice = defaultPrice;
			this.amount = amount;
			this.special = special;
			this.specialStart = specialStart;
			this.specialEnd = specialEnd;
		}

		/** Lower is preferred: the all-regions availability first, then its default price. */
		private int rank() {
			boolean allRegions = this.region == null || ALL_REGIONS.equals(this.region.trim());
			return (allRegions ? 0 : 2) + (this.defaultPrice ? 0 : 1);
		}

		private boolean specialRuns(LocalDate today) {
			return this.special != null && this.special.signum() > 0
					&& (this.specialStart == null || !this.specialStart.isAfter(today))
					&& (this.specialEnd == null || this.specialEnd.isAfter(today));
		}

	}

}
