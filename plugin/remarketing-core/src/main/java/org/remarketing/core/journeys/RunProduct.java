package org.remarketing.core.journeys;

/**
 * A product chosen for a run when the contact entered: the same products appear in every message
 * of the run. {@code quantity} is the cart line's (0 for products looked at or bought).
 */
public final class RunProduct {

	private final long productId;

	private final String sku;

	private final int quantity;

	public RunProduct(long productId, String sku, int quantity) {
		this.productId = productId;
		this.sku = sku;
		this.quantity = quantity;
	}

	public long productId() {
		return this.productId;
	}

	public String sku() {
		return this.sku;
	}

	public int quantity() {
		return this.quantity;
	}

}
