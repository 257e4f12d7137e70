package org.remarketing.samplestore.api;

import java.math.BigDecimal;

import javax.validation.Valid;
import javax.validation.constraints.DecimalMin;
import javax.validation.constraints.Digits;
import javax.validation.constraints.Email;
import javax.validation.constraints.Max;
import javax.validation.constraints.Min;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotNull;
import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;

import org.remarketing.samplestore.customer.Address;

/** Request bodies of Shopizer's REST API (Persistable*, AuthenticationRequest), validated for size and shape. */
public final class Requests {

    private Requests() {
    }

    /** Shopizer's AuthenticationRequest. */
    public static class Login {
        @NotBlank @Size(max = 100)
        public String username;
        @NotBlank @Size(max = 100)
        public String password;
    }

    /** Shopizer's PersistableShoppingCartItem: {"product":"<sku>","quantity":2}. */
    public static class CartItem {
        @NotBlank @Size(max = 100)
        public String product;
        @NotNull @Min(0) @Max(99)
        public Integer quantity;
        @Size(max = 50)
        public String promoCode;
    }

    /** Shopizer's PersistableAddress (billing, delivery). */
    public static class PersistableAddress {
        @NotBlank @Size(max = 64)
        public String firstName;
        @NotBlank @Size(max = 64)
        public String lastName;
        @Size(max = 256)
        public String address;
        @Size(max = 100)
        public String city;
        @Size(max = 20)
        public String postalCode;
        @NotBlank @Pattern(regexp = "[A-Za-z]{2}", message = "must be a two-letter country code")
        public String country;
        @Size(max = 32)
        public String phone;
        @Size(max = 100)
        public String company;
        @Size(max = 100)
        public String stateProvince;
        @Size(max = 20)
        public String zone;

        public Address toAddress() {
            Address a = new Address();
            a.setFirstName(firstName.trim());
            a.setLastName(lastName.trim());
            a.setAddress(address);
            a.setCity(city);
            a.setPostalCode(postalCode);
            a.setCountry(country.toUpperCase(java.util.Locale.ROOT));
            a.setTelephone(phone);
            return a;
        }
    }

    /** Shopizer's PersistableCustomer (registration, and the guest checkout's customer). */
    public static class Customer {
        @NotBlank @Email @Size(max = 96)
        public String emailAddress;
        @Size(max = 100)
        public String password;
        @Size(max = 100)
        public String repeatPassword;
        @Pattern(regexp = "[MF]?")
        public String gender;
        @Pattern(regexp = "[a-zA-Z]{2}")
        public String language;
        @Size(max = 50)
        public String storeCode;
        @NotNull @Valid
        public PersistableAddress billing;
        @Valid
        public PersistableAddress delivery;
    }

    /** Shopizer's PersistablePayment; no card data is taken. */
    public static class Payment {
        @Size(max = 20)
        public String paymentType;
        @Size(max = 20)
        public String transactionType;
        @Size(max = 50)
        public String paymentModule;
        @Size(max = 200)
        public String paymentToken;
        @NotNull @DecimalMin("0.00") @Digits(integer = 9, fraction = 2)
        public BigDecimal amount;
    }

    /** Shopizer's PersistableAnonymousOrderApi / PersistableOrderApi: the checkout body. */
    public static class Checkout {
        @Valid
        public Customer customer;
        @NotNull @Valid
        public Payment payment;
        @Size(max = 3)
        public String currency;
        @Size(max = 1000)
        public String comments;
    }

    /** Shopizer's PersistableNewsletter / opt-in body. */
    public static class Newsletter {
        @NotBlank @Email @Size(max = 96)
        public String email;
        @Size(max = 64)
        public String firstName;
        @Size(max = 64)
        public String lastName;
    }
}
