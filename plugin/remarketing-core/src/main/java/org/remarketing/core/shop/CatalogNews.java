package org.remarketing.core.shop;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * The store catalog's newest product per category: when a product of each category was last made
 * available (read by the segments sweep for "new products for past buyers"), and those products
 * themselves (what the "new-products" journey shows).
 */
@FunctionalInterface
public interface CatalogNews {

	/** Category code → when its newest available product became available; categories without products left out. */
	Map<String, Instant> newestProductPerCategory();

	/**
	 * The available products of these categories made available after {@code since}, newest first,
	 * at most {@code limit}: product id → SKU (null when it has none). None by default.
	 */
	default Map<Long, String> newestProducts(Collection<String> categories, Instant since, int limit) {
		return Map.of();
	}

}
