package org.remarketing.samplestore.checkout;

import java.math.BigDecimal;

import javax.validation.Valid;
import javax.validation.constraints.DecimalMin;
import javax.validation.constraints.Email;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotNull;
import javax.validation.constraints.Size;

import org.remarketing.samplestore.customer.Address;

/** What the checkout needs: who orders, where it goes, how it is paid. */
public class CheckoutRequest {

    @NotBlank @Email @Size(max = 96)
    private String email;
    @NotNull @Valid
    private Address billing;
    /** Same as billing when absent. */
    @Valid
    private Address delivery;
    /** Simulated payment: CREDITCARD (default) or COD. */
    private String paymentMethod = "CREDITCARD";
    /** When given (the REST API requires it, as Shopizer does) it must equal the cart's total. */
    @DecimalMin("0.00")
    private BigDecimal amount;
    /** The shopper ticked "email me news and offers". */
    private boolean newsletter;

    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public Address getBilling() { return billing; }
    public void setBilling(Address billing) { this.billing = billing; }
    public Address getDelivery() { return delivery; }
    public void setDelivery(Address delivery) { this.delivery = delivery; }
    public String getPaymentMethod() { return paymentMethod; }
    public void setPaymentMethod(String paymentMethod) { this.paymentMethod = paymentMethod; }
    public BigDecimal getAmount() { return amount; }
    public void setAmount(BigDecimal amount) { this.amount = amount; }
    public boolean isNewsletter() { return newsletter; }
    public void setNewsletter(boolean newsletter) { this.newsletter = newsletter; }
}
