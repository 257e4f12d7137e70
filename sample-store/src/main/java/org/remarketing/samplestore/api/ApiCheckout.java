package org.remarketing.samplestore.api;

import java.util.Locale;
import java.util.Objects;

import com.salesmanager.core.model.common.Billing;
import com.salesmanager.core.model.customer.Customer;

import org.remarketing.samplestore.cart.CartService;
import org.remarketing.samplestore.checkout.CheckoutRequest;
import org.remarketing.samplestore.checkout.CheckoutService;
import org.remarketing.samplestore.checkout.PlacedOrder;
import org.remarketing.samplestore.customer.Address;
import org.remarketing.samplestore.customer.CustomerService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Maps Shopizer's checkout bodies onto the store's {@link CheckoutService}, in one transaction. */
@Service
public class ApiCheckout {

    private final CheckoutService checkout;
    private final CustomerService customers;
    private final CartService carts;

    ApiCheckout(CheckoutService checkout, CustomerService customers, CartService carts) {
        this.checkout = checkout;
        this.customers = customers;
        this.carts = carts;
    }

    @Transactional
    public PlacedOrder guest(String code, Requests.Checkout body, String ip, Locale locale) {
        CheckoutRequest request = new CheckoutRequest();
        request.setEmail(body.customer.emailAddress.trim());
        request.setBilling(body.customer.billing.toAddress());
        request.setDelivery(body.customer.delivery == null ? null : body.customer.delivery.toAddress());
        request.setPaymentMethod(body.payment.paymentType);
        request.setAmount(body.payment.amount);
        return checkout.checkout(code, request, null, ip, locale);
    }

    /** The signed-in customer checks out their own cart (or a guest cart); the stored billing address is used. */
    @Transactional
    public PlacedOrder signedIn(String code, Requests.Checkout body, long customerId, String ip, Locale locale) {
        Customer customer = customers.find(customerId)
                .orElseThrow(() -> ApiException.notFound("No such customer"));
        carts.find(code, locale)
                .filter(c -> c.getCustomerId() == null || Objects.equals(c.getCustomerId(), customerId))
                .orElseThrow(() -> ApiException.notFound("No ShoppingCart found for this code"));
        CheckoutRequest request = new CheckoutRequest();
        request.setEmail(customer.getEmailAddress());
        Address billing = address(customer.getBilling());
        request.setBilling(billing);
        if (body.customer != null && body.customer.delivery != null) {
            request.setDelivery(body.customer.delivery.toAddress());
        }
        request.setPaymentMethod(body.payment.paymentType);
        request.setAmount(body.payment.amount);
        return checkout.checkout(code, request, customerId, ip, locale);
    }

    private static Address address(Billing b) {
        Address a = new Address();
        if (b != null) {
            a.setFirstName(b.getFirstName());
            a.setLastName(b.getLastName());
            a.setAddress(b.getAddress());
            a.setCity(b.getCity());
            a.setPostalCode(b.getPostalCode());
            a.setTelephone(b.getTelephone());
            a.setCountry(b.getCountry() == null ? "US" : b.getCountry().getIsoCode());
        }
        return a;
    }
}
