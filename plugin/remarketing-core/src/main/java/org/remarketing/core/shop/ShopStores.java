package org.remarketing.core.shop;

import java.util.Optional;

/**
 * Port toward the store's merchant stores.
 */
@FunctionalInterface
public interface ShopStores {

	/** The store the plugin serves by default, if the host's tables are there yet. */
	Optional<StoreSummary> defaultStore();

}
