package org.remarketing.core.shop;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Port toward the store's catalog, read only: what a reminder email shows of the products it
 * names (their current name, price, image and page), the products it suggests beside them, and
 * the store's own brand.
 */
public interface ProductCatalog {

	/**
	 * The products with these ids, in the given language (the store's default language for a
	 * product that has no text in it), in the order of the ids; unknown ids are left out, and an
	 * id given twice is returned once.
	 * @param locale the language wanted; null for the store's default
	 */
	List<CatalogProduct> products(List<Long> ids, Locale locale);

	/**
	 * Up to {@code limit} products to suggest beside a product: the store's related items of
	 * that product first, then the store's featured items; only products the store sells now
	 * ({@link CatalogProduct#available()}), never the product itself nor the excluded ids.
	 * @param exclude ids to leave out, such as the products already in the email
	 */
	List<CatalogProduct> related(long productId, Set<Long> exclude, int limit, Locale locale);

	/** The store's brand for emails; fields the store does not have are null, never the URL. */
	StoreBranding brand();

}
