package org.remarketing.samplestore.customer;

import java.util.Date;

/** A customer as the backoffice lists them. */
public final class CustomerSummary {

    private final long id;
    private final String email;
    private final String firstName;
    private final String lastName;
    private final boolean registered;
    private final String language;
    private final Date dateOfBirth;
    private final long orders;

    CustomerSummary(long id, String email, String firstName, String lastName, boolean registered, String language,
                    Date dateOfBirth, long orders) {
        this.id = id;
        this.email = email;
        this.firstName = firstName;
        this.lastName = lastName;
        this.registered = registered;
        this.language = language;
        this.dateOfBirth = dateOfBirth;
        this.orders = orders;
    }

    public long getId() { return id; }
    public String getEmail() { return email; }
    public String getFirstName() { return firstName; }
    public String getLastName() { return lastName; }
    /** False for the CUSTOMER rows a guest checkout leaves. */
    public boolean isRegistered() { return registered; }
    public String getLanguage() { return language; }
    public Date getDateOfBirth() { return dateOfBirth; }
    public long getOrders() { return orders; }
}
