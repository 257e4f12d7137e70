package org.remarketing.core.channels.email;

import java.util.Currency;
import java.util.Objects;

/**
 * The store as its emails present it: name, storefront, postal address and logo, and the
 * currency its prices are in. Immutable; built with {@link #builder()}.
 */
public final class StoreBrand {

	private final String name;

	private final String url;

	private final String address;

	private final String logoUrl;

	private final Currency currency;

	private StoreBrand(Builder builder) {
		this.name = requireText(builder.name, "name");
		this.url = builder.url;
		this.address = builder.address;
		this.logoUrl = builder.logoUrl;
		this.currency = Currency.getInstance(requireText(builder.currency, "currency"));
	}

	public static Builder builder() {
		return new Builder();
	}

	public String name() {
		return this.name;
	}

	/** The storefront's base URL; nullable. */
	public String url() {
		return this.url;
	}

	/** The postal address on one line (marketing email shows it in the footer); nullable. */
	public String address() {
		return this.address;
	}

	/** Nullable; without it the header shows the store's name. */
	public String logoUrl() {
		return this.logoUrl;
	}

	/** The ISO 4217 code of the store's currency, e.g. {@code USD}, {@code VND}. */
	public String currency() {
		return this.currency.getCurrencyCode();
	}

	Currency currencyUnit() {
		return this.currency;
	}

	static String requireText(String value, String field) {
		Objects.requireNonNull(value, field);
		if (value.isBlank()) {
			throw new IllegalArgumentException(field + " must not be blank");
		}
		return value;
	}

	/**
	 * Builds a {@link StoreBrand}; {@code name} and {@code currency} are required.
	 */
	public static final class Builder {

		private String name;

		private String url;

		private String address;

		private String logoUrl;

		private String currency;

		private Builder() {
		}

		public Builder name(String name) {
			this.name = name;
			return this;
		}

		public Builder url(String url) {
			this.url = url;
			return this;
		}

		public Builder address(String address) {
			this.address = address;
			return this;
		}

		public Builder logoUrl(String logoUrl) {
			this.logoUrl = logoUrl;
			return this;
		}

		/** An ISO 4217 code; an unknown code fails at {@link #build()}. */
		public Builder currency(String currency) {
			this.currency = currency;
			return this;
		}

		public StoreBrand build() {
			return new StoreBrand(this);
		}

	}

}
