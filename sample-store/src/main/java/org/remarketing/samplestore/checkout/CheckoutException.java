package org.remarketing.samplestore.checkout;

/** A checkout the store refuses, with a reason the shopper or API client can act on. */
public class CheckoutException extends RuntimeException {

    public enum Reason { AMOUNT_MISMATCH, UNSUPPORTED_PAYMENT, EMAIL_TOO_LONG }

    private final Reason reason;

    public CheckoutException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason getReason() {
        return reason;
    }
}
