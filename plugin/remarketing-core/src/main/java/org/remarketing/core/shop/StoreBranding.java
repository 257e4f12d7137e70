package org.remarketing.core.shop;

import java.util.Objects;

/**
 * The store as its emails present it: its name, storefront, postal address (the footer that
 * marketing law asks for), logo and currency.
 */
public final class StoreBranding {

	private final String name;

	private final String url;

	private final String address;

	private final String logoUrl;

	private final String currency;

	public StoreBranding(String name, String url, String address, String logoUrl, String currency) {
		this.name = name;
		this.url = Objects.requireNonNull(url, "url");
		this.address = address;
		this.logoUrl = logoUrl;
		this.currency = currency;
	}

	/** The store's name; null when the store is unknown. */
	public String name() {
		return this.name;
	}

	/** The storefront's public base URL, without a trailing slash. */
	public String url() {
		return this.url;
	}

	/** The postal address on one line, e.g. "1200 NW Marshall Street, Portland, OR 97209, United States"; null when unknown. */
	public String address() {
		return this.address;
	}

	/** Absolute URL of the store's logo; null when it has none. */
	public String logoUrl() {
		return this.logoUrl;
	}

	/** ISO 4217 code of the store's currency, e.g. {@code USD}; null when unknown. */
	public String currency() {
		return this.currency;
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof StoreBranding)) {
			return false;
		}
		StoreBranding that = (StoreBranding) other;
		return Objects.equals(this.name, that.name) && this.url.equals(that.url)
				&& Objects.equals(this.address, that.address) && Objects.equals(this.logoUrl, that.logoUrl)
				&& Objects.equals(this.currency, that.currency);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.name, this.url, this.address, this.logoUrl, this.currency);
	}

	@Override
	public String toString() {
		return "StoreBranding[" + this.name + " " + this.url + "]";
	}

}
