package org.remarketing.core.shop;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A product as an email shows it, in one language: its name, the price a shopper pays today
 * (the special price while it runs), an image and the page to buy it on, both absolute URLs.
 */
public final class CatalogProduct {

	private final long id;

	private final String sku;

	private final String name;

	private final BigDecimal price;

	private final String currency;

	private final String imageUrl;

	private final String url;

	private final boolean available;

	/**
	 * @param price null when the store has no price for the product
	 * @param currency ISO 4217 code of the price, e.g. {@code USD}
	 * @param imageUrl null when the product has no image
	 * @param available whether the store sells it now (on sale, available from a past date, in stock)
	 */
	public CatalogProduct(long id, String sku, String name, BigDecimal price, String currency, String imageUrl,
			String url, boolean available) {
		this.id = id;
		this.sku = Objects.requireNonNull(sku, "sku");
		this.name = Objects.requireNonNull(name, "name");
		this.price = price;
		this.currency = currency;
		this.imageUrl = imageUrl;
		this.url = Objects.requireNonNull(url, "url");
		this.available = available;
	}

	public long id() {
		return this.id;
	}

	public String sku() {
		return this.sku;
	}

	/** The name in the language asked for, else in the store's default language, else the SKU. */
	public String name() {
		return this.name;
	}

	/** What a shopper pays for one today: the special price while it runs, else the regular price; null if none. */
	public BigDecimal price() {
		return this.price;
	}

	public String currency() {
		return this.currency;
	}

	/** Absolute URL of the product's main image; null without one. */
	public String imageUrl() {
		return this.imageUrl;
	}

	/** Absolute URL of the product's page on the storefront. */
	public String url() {
		return this.url;
	}

	/** Whether the store sells the product now: switched on, available from a past date, in stock. */
	public boolean available() {
		return this.available;
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof CatalogProduct)) {
			return false;
		}
		CatalogProduct that = (CatalogProduct) other;
		return this.id == that.id && this.available == that.available && this.sku.equals(that.sku)
				&& this.name.equals(that.name) && samePrice(this.price, that.price)
				&& Objects.equals(this.currency, that.currency) && Objects.equals(this.imageUrl, that.imageUrl)
				&& this.url.equals(that.url);
	}

	private static boolean samePrice(BigDecimal a, BigDecimal b) {
		return (a == null) ? b == null : b != null && a.compareTo(b) == 0;
	}

	@Override
	public int hashCode() {
		// the price is left out: 9.9 and 9.90 are equal
		return Objects.hash(this.id, this.sku, this.name, this.currency, this.imageUrl, this.url, this.available);
	}

	@Override
	public String toString() {
		return "CatalogProduct[" + this.id + " " + this.sku + " '" + this.name + "' " + this.price + " " + this.currency
				+ (this.available ? "" : " unavailable") + "]";
	}

}
