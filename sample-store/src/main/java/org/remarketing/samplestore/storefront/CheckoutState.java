package org.remarketing.samplestore.storefront;

import java.io.Serializable;

import org.remarketing.samplestore.customer.Address;

/** What the shopper has entered so far in the checkout steps; lives in the HTTP session. */
class CheckoutState implements Serializable {

    private static final long serialVersionUID = 1L;

    static final String SESSION_KEY = "storefront.checkout";

    private String email;
    private boolean newsletter;
    private String firstName;
    private String lastName;
    private String address;
    private String city;
    private String postalCode;
    private String country;
    private String telephone;
    private String paymentMethod = "CREDITCARD";

    boolean hasContact() {
        return email != null;
    }

    boolean hasAddress() {
        return firstName != null;
    }

    void setContact(String email, boolean newsletter) {
        this.email = email.trim();
        this.newsletter = newsletter;
    }

    void setAddress(Address a) {
        firstName = a.getFirstName().trim();
        lastName = a.getLastName().trim();
        address = trim(a.getAddress());
        city = trim(a.getCity());
        postalCode = trim(a.getPostalCode());
        country = a.getCountry().toUpperCase(java.util.Locale.ROOT);
        telephone = trim(a.getTelephone());
    }

    Address toAddress() {
        Address a = new Address();
        a.setFirstName(firstName);
        a.setLastName(lastName);
        a.setAddress(address);
        a.setCity(city);
        a.setPostalCode(postalCode);
        if (country != null) {
            a.setCountry(country);
        }
        a.setTelephone(telephone);
        return a;
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public String getEmail() { return email; }
    public boolean isNewsletter() { return newsletter; }
    public String getPaymentMethod() { return paymentMethod; }
    void setPaymentMethod(String paymentMethod) { this.paymentMethod = paymentMethod; }
    public String getFirstName() { return firstName; }
    public String getLastName() { return lastName; }
    public String getAddress() { return address; }
    public String getCity() { return city; }
    public String getPostalCode() { return postalCode; }
    public String getCountry() { return country; }
    public String getTelephone() { return telephone; }
}
