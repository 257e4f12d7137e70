package org.remarketing.core.shop;

import java.time.Instant;
import java.util.Map;

/**
 * The store catalog's newest product per category: when a product of each category was last made
 * available. Read by the segments sweep for "new products for past buyers".
 */
@FunctionalInterface
public interface CatalogNews {

	/** Category code → when its newest available product became available; categories without products left out. */
	Map<String, Instant> newestProductPerCategory();

}
