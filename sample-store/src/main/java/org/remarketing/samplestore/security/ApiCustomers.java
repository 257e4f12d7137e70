package org.remarketing.samplestore.security;

import java.util.Collections;
import java.util.Optional;

import com.salesmanager.core.model.customer.Customer;

import org.remarketing.samplestore.customer.CustomerService;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/** Customers behind the API's customer tokens (Shopizer's ROLE_AUTH_CUSTOMER). */
@Component
public class ApiCustomers {

    public static final String ROLE_AUTH_CUSTOMER = "ROLE_AUTH_CUSTOMER";

    private final CustomerService customers;

    ApiCustomers(CustomerService customers) {
        this.customers = customers;
    }

    /** An authentication for a registered customer, with a {@link ShopperPrincipal}; empty when gone. */
    public Optional<UsernamePasswordAuthenticationToken> authentication(long customerId) {
        return customers.find(customerId)
                .filter(c -> !c.isAnonymous() && c.getNick() != null)
                .map(c -> new UsernamePasswordAuthenticationToken(principal(c), null,
                        Collections.singletonList(new SimpleGrantedAuthority(ROLE_AUTH_CUSTOMER))));
    }

    static ShopperPrincipal principal(Customer c) {
        return new ShopperPrincipal(c.getId(), c.getEmailAddress(), c.getBilling() == null ? null : c.getBilling().getFirstName());
    }
}
