package org.remarketing.samplestore.customer;

/** A customer request the store refuses, with a reason the caller can show. */
public class CustomerException extends RuntimeException {

    public enum Reason { EMAIL_TAKEN, UNKNOWN_COUNTRY, NOT_FOUND }

    private final Reason reason;

    public CustomerException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason getReason() {
        return reason;
    }
}
