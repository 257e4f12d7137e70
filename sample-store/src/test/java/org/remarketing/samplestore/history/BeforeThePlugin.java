package org.remarketing.samplestore.history;

import java.util.Locale;
import java.util.function.Consumer;

import org.remarketing.samplestore.cart.CartService;
import org.remarketing.samplestore.cart.CartView;
import org.remarketing.samplestore.checkout.CheckoutRequest;
import org.remarketing.samplestore.checkout.CheckoutService;
import org.remarketing.samplestore.checkout.PlacedOrder;
import org.remarketing.samplestore.customer.Address;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;

/**
 * What the store does after its seed and before the plugin captures anything (the application has
 * started, it is not ready yet): history the import must bring, made through the store's own
 * services as a shopper's requests would.
 */
final class BeforeThePlugin implements ApplicationListener<ApplicationStartedEvent> {

    private final Consumer<ApplicationContext> store;

    BeforeThePlugin(Consumer<ApplicationContext> store) {
        this.store = store;
    }

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        store.accept(event.getApplicationContext());
    }

    /** An open cart of a customer with these SKUs and quantities (pairs); returns its code. */
    static String openCart(ApplicationContext store, long customerId, Object... skuQuantities) {
        CartService carts = store.getBean(CartService.class);
        String code = carts.create((String) skuQuantities[0], (Integer) skuQuantities[1], customerId, "127.0.0.1",
                Locale.ENGLISH).getCode();
        for (int i = 2; i < skuQuantities.length; i += 2) {
            carts.add(code, (String) skuQuantities[i], (Integer) skuQuantities[i + 1], Locale.ENGLISH);
        }
        return code;
    }

    /** An order of one product, by a signed-in customer or (customerId null) a guest with this email. */
    static PlacedOrder order(ApplicationContext store, Long customerId, String email, String sku, int quantity) {
        CartService carts = store.getBean(CartService.class);
        CartView cart = carts.create(sku, quantity, customerId, "127.0.0.1", Locale.ENGLISH);
        CheckoutRequest request = new CheckoutRequest();
        request.setEmail(email);
        Address billing = new Address();
        billing.setFirstName("Gus");
        billing.setLastName("Guest");
        billing.setCountry("US");
        billing.setCity("Reno");
        request.setBilling(billing);
        request.setAmount(cart.getTotal());
        return store.getBean(CheckoutService.class).checkout(cart.getCode(), request, customerId, "127.0.0.1",
                Locale.ENGLISH);
    }
}
