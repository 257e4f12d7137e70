package org.remarketing.samplestore.storefront;

import javax.validation.constraints.Email;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.Size;

/** Checkout step 1: where the order confirmation goes, and whether the shopper wants news. */
public class ContactForm {

    /** At most what an order can keep (ORDERS.CUSTOMER_EMAIL_ADDRESS). */
    @NotBlank @Email @Size(max = 50)
    private String email;
    /** Unticked unless the shopper ticks it. */
    private boolean newsletter;

    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email == null ? null : email.trim(); }
    public boolean isNewsletter() { return newsletter; }
    public void setNewsletter(boolean newsletter) { this.newsletter = newsletter; }
}
