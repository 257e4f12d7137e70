package org.remarketing.samplestore.cart;

/** A cart request the store refuses, with the reason a shopper or an API client can act on. */
public class CartException extends RuntimeException {

    public enum Reason { CART_NOT_FOUND, UNKNOWN_PRODUCT, INVALID_QUANTITY, ALREADY_ORDERED, OUT_OF_STOCK, EMPTY_CART }

    private final Reason reason;

    public CartException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason getReason() {
        return reason;
    }
}
