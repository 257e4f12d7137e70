package org.remarketing.core.channels.email;

import java.util.Optional;

/** One product of a recovered cart: the store's product id and/or SKU, and a quantity of at least 1. */
public final class RecoveryLine {

	private final Long productId;

	private final String sku;

	private final int quantity;

	RecoveryLine(Long productId, String sku, int quantity) {
		this.productId = productId;
		this.sku = sku;
		this.quantity = quantity;
	}

	public Optional<Long> productId() {
		return Optional.ofNullable(this.productId);
	}

	public Optional<String> sku() {
		return Optional.ofNullable(this.sku);
	}

	public int quantity() {
		return this.quantity;
	}

	@Override
	public String toString() {
		return this.quantity + " x " + ((this.sku != null) ? this.sku : "#" + this.productId);
	}

}
