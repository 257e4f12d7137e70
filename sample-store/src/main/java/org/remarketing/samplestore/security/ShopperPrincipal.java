package org.remarketing.samplestore.security;

import java.io.Serializable;

/**
 * The signed-in shopper, as storefront controllers receive it through
 * {@code @AuthenticationPrincipal}. Kept small: it lives in the HTTP session.
 */
public final class ShopperPrincipal implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long customerId;
    private final String email;
    private final String firstName;

    public ShopperPrincipal(long customerId, String email, String firstName) {
        this.customerId = customerId;
        this.email = email;
        this.firstName = firstName;
    }

    public long getCustomerId() { return customerId; }
    public String getEmail() { return email; }
    public String getFirstName() { return firstName; }

    @Override
    public String toString() {
        // no email here: principals end up in logs
        return "ShopperPrincipal[" + customerId + "]";
    }
}
