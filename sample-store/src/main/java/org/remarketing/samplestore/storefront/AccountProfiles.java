package org.remarketing.samplestore.storefront;

import java.time.ZoneId;
import java.util.Optional;

import org.remarketing.samplestore.customer.CustomerService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads a customer into the profile form inside a transaction (their language is a lazy association). */
@Component
class AccountProfiles {

    private final CustomerService customers;

    AccountProfiles(CustomerService customers) {
        this.customers = customers;
    }

    @Transactional(readOnly = true)
    public Optional<ProfileForm> profileOf(long customerId) {
        return customers.find(customerId).map(customer -> {
            ProfileForm profile = new ProfileForm();
            if (customer.getBilling() != null) {
                profile.setFirstName(customer.getBilling().getFirstName());
                profile.setLastName(customer.getBilling().getLastName());
            }
            profile.setLanguage(customer.getDefaultLanguage() == null ? "en" : customer.getDefaultLanguage().getCode());
            profile.setDateOfBirth(customer.getDateOfBirth() == null ? null
                    : java.time.Instant.ofEpochMilli(customer.getDateOfBirth().getTime()).atZone(ZoneId.systemDefault()).toLocalDate());
            return profile;
        });
    }
}
