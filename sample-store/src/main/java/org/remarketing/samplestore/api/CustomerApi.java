package org.remarketing.samplestore.api;

import javax.validation.Valid;

import com.salesmanager.core.model.customer.Customer;

import org.remarketing.samplestore.customer.CustomerService;
import org.remarketing.samplestore.customer.Registration;
import org.remarketing.samplestore.security.JwtService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Shopizer's customer registration, customer sign-in and newsletter opt-in. */
@RestController
@RequestMapping(value = "/api/v1", produces = "application/json")
public class CustomerApi {

    private final CustomerService customers;
    private final JwtService jwt;

    CustomerApi(CustomerService customers, JwtService jwt) {
        this.customers = customers;
        this.jwt = jwt;
    }

    /** Registers, then signs in: 200 with {"id","token"}, as Shopizer answers. */
    @PostMapping("/customer/register")
    public Json.AuthenticationResponse register(@Valid @RequestBody Requests.Customer body,
                                                @RequestParam(required = false) String store,
                                                @RequestParam(required = false) String lang) {
        StoreParams.locale(store, lang);
        if (body.password == null || body.password.length() < 6) {
            throw ApiException.badRequest("Invalid request: password size must be between 6 and 100");
        }
        if (!body.password.equals(body.repeatPassword)) {
            throw ApiException.badRequest("Invalid request: password and repeatPassword do not match");
        }
        if (body.storeCode != null && !body.storeCode.isEmpty() && !"DEFAULT".equalsIgnoreCase(body.storeCode)) {
            throw ApiException.notFound("No store with this code");
        }
        Registration form = new Registration();
        form.setEmail(body.emailAddress.trim());
        form.setPassword(body.password);
        form.setFirstName(body.billing.firstName.trim());
        form.setLastName(body.billing.lastName.trim());
        form.setGender(body.gender);
        form.setLanguage("vi".equalsIgnoreCase(body.language) ? "vi" : "en");
        form.setCountry(body.billing.country.toUpperCase(java.util.Locale.ROOT));
        Customer customer = customers.register(form);
        return new Json.AuthenticationResponse(customer.getId(), jwt.issue(customer.getId(), JwtService.CUSTOMER));
    }

    @PostMapping("/customer/login")
    public Json.AuthenticationResponse login(@Valid @RequestBody Requests.Login login) {
        return customers.authenticate(login.username.trim(), login.password)
                .map(c -> new Json.AuthenticationResponse(c.getId(), jwt.issue(c.getId(), JwtService.CUSTOMER)))
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Bad credentials"));
    }

    /** A NEWSLETTER opt-in (a CUSTOMER_OPTIN row) for an email, account or not. */
    @PostMapping("/newsletter")
    public ResponseEntity<Void> newsletter(@Valid @RequestBody Requests.Newsletter body,
                                           @RequestParam(required = false) String store) {
        StoreParams.locale(store, null);
        customers.subscribeNewsletter(body.email.trim(), body.firstName, body.lastName);
        return ResponseEntity.status(HttpStatus.OK).build();
    }
}
