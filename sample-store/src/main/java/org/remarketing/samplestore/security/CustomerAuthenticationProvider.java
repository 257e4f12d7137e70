package org.remarketing.samplestore.security;

import java.util.Collections;

import org.remarketing.samplestore.customer.CustomerService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The storefront's form login: a registered customer's email and password, via {@link CustomerService}. */
public class CustomerAuthenticationProvider implements AuthenticationProvider {

    public static final String ROLE_CUSTOMER = "ROLE_CUSTOMER";

    private final CustomerService customers;

    public CustomerAuthenticationProvider(CustomerService customers) {
        this.customers = customers;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String email = authentication.getName();
        Object credentials = authentication.getCredentials();
        String password = credentials == null ? null : credentials.toString();
        if (email == null || password == null || email.length() > 96 || password.length() > 100) {
            throw new BadCredentialsException("Bad credentials");
        }
        return customers.authenticate(email.trim(), password)
                .map(c -> {
                    UsernamePasswordAuthenticationToken result = new UsernamePasswordAuthenticationToken(
                            ApiCustomers.principal(c), null,
                            Collections.singletonList(new SimpleGrantedAuthority(ROLE_CUSTOMER)));
                    result.setDetails(authentication.getDetails());
                    return result;
                })
                .orElseThrow(() -> new BadCredentialsException("Bad credentials"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
