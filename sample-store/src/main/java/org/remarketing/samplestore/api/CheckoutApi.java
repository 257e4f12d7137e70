package org.remarketing.samplestore.api;

import java.math.BigDecimal;
import java.util.Locale;

import javax.servlet.http.HttpServletRequest;
import javax.validation.Valid;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.remarketing.samplestore.checkout.PlacedOrder;
import org.remarketing.samplestore.security.ShopperPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shopizer's checkouts: guest ({@code POST /api/v1/cart/{code}/checkout}, body with "customer" and "payment")
 * and signed in ({@code POST /api/v1/auth/cart/{code}/checkout}, body with "payment"). Both answer 200 with the
 * order echoed back with its "id", as Shopizer does; payment.amount must equal the cart's total.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = "application/json")
public class CheckoutApi {

    private final ApiCheckout checkout;

    CheckoutApi(ApiCheckout checkout) {
        this.checkout = checkout;
    }

    @PostMapping("/cart/{code}/checkout")
    public Confirmation guest(@PathVariable String code, @Valid @RequestBody Requests.Checkout body,
                              @RequestParam(required = false) String store,
                              @RequestParam(required = false) String lang,
                              HttpServletRequest request) {
        Locale locale = StoreParams.locale(store, lang);
        if (body.customer == null) {
            throw ApiException.badRequest("Invalid request: customer must not be null");
        }
        PlacedOrder order = checkout.guest(code, body, request.getRemoteAddr(), locale);
        return new Confirmation(order, body);
    }

    @PostMapping("/auth/cart/{code}/checkout")
    public Confirmation signedIn(@PathVariable String code, @Valid @RequestBody Requests.Checkout body,
                                 @AuthenticationPrincipal ShopperPrincipal shopper,
                                 @RequestParam(required = false) String store,
                                 @RequestParam(required = false) String lang,
                                 HttpServletRequest request) {
        Locale locale = StoreParams.locale(store, lang);
        PlacedOrder order = checkout.signedIn(code, body, shopper.getCustomerId(), request.getRemoteAddr(), locale);
        return new Confirmation(order, body);
    }

    /** Shopizer's PersistableOrderApi as its checkout answers it: the order with its id; no card data. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Confirmation {
        public final long id;
        public final long customerId;
        public final String shoppingCartCode;
        public final String currency;
        public final PaymentEcho payment;
        public final CustomerEcho customer;

        Confirmation(PlacedOrder order, Requests.Checkout body) {
            this.id = order.getOrderId();
            this.customerId = order.getCustomerId();
            this.shoppingCartCode = order.getCartCode();
            this.currency = body.currency;
            this.payment = new PaymentEcho(body.payment, order.getTotal());
            this.customer = body.customer == null ? null : new CustomerEcho(order.getCustomerId(), body.customer.emailAddress);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class PaymentEcho {
        public final String paymentType;
        public final String transactionType;
        public final String paymentModule;
        public final String paymentToken;
        public final BigDecimal amount;

        PaymentEcho(Requests.Payment payment, BigDecimal amount) {
            this.paymentType = payment.paymentType == null ? "CREDITCARD" : payment.paymentType;
            this.transactionType = payment.transactionType;
            this.paymentModule = payment.paymentModule;
            this.paymentToken = payment.paymentToken == null ? null : "***";
            this.amount = amount;
        }
    }

    public static final class CustomerEcho {
        public final long id;
        public final String emailAddress;

        CustomerEcho(long id, String emailAddress) {
            this.id = id;
            this.emailAddress = emailAddress;
        }
    }
}
