package org.remarketing.core.channels.email;

import java.math.BigDecimal;

/**
 * A product as an email shows it: a cart line (quantity above 0) or a product to look at
 * (quantity 0). Immutable; built with {@link #builder()}.
 */
public final class ProductLine {

	private final long id;

	private final String sku;

	private final String name;

	private final String variant;

	private final int quantity;

	private final BigDecimal price;

	private final String imageUrl;

	private final String url;

	private ProductLine(Builder builder) {
		if (builder.quantity < 0) {
			throw new IllegalArgumentException("quantity must be 0 (not a cart line) or more");
		}
		if (builder.price != null && builder.price.signum() < 0) {
			throw new IllegalArgumentException("price must not be negative");
		}
		this.id = builder.id;
		this.sku = builder.sku;
		this.name = StoreBrand.requireText(builder.name, "name");
		this.variant = builder.variant;
		this.quantity = builder.quantity;
		this.price = builder.price;
		this.imageUrl = builder.imageUrl;
		this.url = builder.url;
	}

	public static Builder builder() {
		return new Builder();
	}

	public long id() {
		return this.id;
	}

	/** Nullable. */
	public String sku() {
		return this.sku;
	}

	public String name() {
		return this.name;
	}

	/** The chosen options, e.g. "500 g, whole beans"; nullable. */
	public String variant() {
		return this.variant;
	}

	/** How many are in the cart; 0 when the product is not a cart line. */
	public int quantity() {
		return this.quantity;
	}

	/** The unit price in the store's currency; nullable. */
	public BigDecimal price() {
		return this.price;
	}

	/** Nullable. */
	public String imageUrl() {
		return this.imageUrl;
	}

	/** The product page, already a tracked click URL; nullable. */
	public String url() {
		return this.url;
	}

	/**
	 * Builds a {@link ProductLine}; {@code name} is required, {@code quantity} defaults to 0.
	 */
	public static final class Builder {

		private long id;

		private String sku;

		private String name;

		private String variant;

		private int quantity;

		private BigDecimal price;

		private String imageUrl;

		private String url;

		private Builder() {
		}

		public Builder id(long id) {
			this.id = id;
			return this;
		}

		public Builder sku(String sku) {
			this.sku = sku;
			return this;
		}

		public Builder name(String name) {
			this.name = name;
			return this;
		}

		public Builder variant(String variant) {
			this.variant = variant;
			return this;
		}

		public Builder quantity(int quantity) {
			this.quantity = quantity;
			return this;
		}

		public Builder price(BigDecimal price) {
			this.price = price;
			return this;
		}

		public Builder imageUrl(String imageUrl) {
			this.imageUrl = imageUrl;
			return this;
		}

		public Builder url(String url) {
			this.url = url;
			return this;
		}

		public ProductLine build() {
			return new ProductLine(this);
		}

	}

}
