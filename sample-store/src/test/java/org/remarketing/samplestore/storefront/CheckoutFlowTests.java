package org.remarketing.samplestore.storefront;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.remarketing.samplestore.cart.CartService;
import org.remarketing.samplestore.cart.CartView;
import org.remarketing.samplestore.catalog.CatalogService;
import org.remarketing.samplestore.catalog.ProductView;
import org.remarketing.samplestore.customer.CustomerService;
import org.remarketing.samplestore.order.OrderQueries;
import org.remarketing.samplestore.order.OrderSummary;
import org.remarketing.samplestore.store.StoreContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A guest checking out through the three steps. */
class CheckoutFlowTests extends StorefrontTestSupport {

    @Autowired
    MockMvc mvc;

    @Autowired
    CatalogService catalog;

    @Autowired
    CartService carts;

    @Autowired
    OrderQueries orders;

    @Autowired
    CustomerService customers;

    @Test
    void theStepsEndInAnOrderAndTheCartIsOrdered() throws Exception {
        ProductView product = inStock(10);
        MockHttpSession session = new MockHttpSession();
        addToCart(mvc, session, product.getSku(), 2);
        String cartCode = (String) session.getAttribute(ShopperCart.SESSION_KEY);
        CartView cart = carts.find(cartCode, Locale.ENGLISH).orElseThrow();

        // step 1: contact, with the newsletter box unticked by default
        mvc.perform(page("/checkout", session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"checkout-email\"")))
                .andExpect(content().string(containsString("name=\"email\"")))
                .andExpect(content().string(containsString("Email me news and offers")))
                .andExpect(content().string(not(containsString("checked"))));
        mvc.perform(form("/checkout", session, "email", "not-an-email"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Please enter a valid email address")));
        String email = "checkout.guest+" + System.nanoTime() + "@example.com";
        mvc.perform(form("/checkout", session, "email", email, "newsletter", "true"))
                .andExpect(redirectedUrl("/checkout/shipping"));

        // step 2: shipping address
        mvc.perform(page("/checkout/shipping", session)).andExpect(status().isOk())
                .andExpect(content().string(containsString(email)));
        mvc.perform(form("/checkout/shipping", session, "firstName", "Mai", "lastName", "Nguyễn",
                        "address", "12 Lý Thường Kiệt", "city", "Hà Nội", "postalCode", "100000", "country", "VN",
                        "telephone", "+84 24 1234 5678"))
                .andExpect(redirectedUrl("/checkout/payment"));

        // step 3: payment and summary
        mvc.perform(page("/checkout/payment", session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-test=\"place-order\"")))
                .andExpect(content().string(containsString("Cash on delivery")))
                .andExpect(content().string(containsString("Card (demo — no real payment)")))
                .andExpect(content().string(containsString("Lý Thường Kiệt")));
        String confirmation = mvc.perform(form("/checkout/place", session, "paymentMethod", "COD",
                        "amount", cart.getTotal().toPlainString()))
                .andExpect(redirectedUrlPattern("/checkout/confirmation/*"))
                .andReturn().getResponse().getRedirectedUrl();

        List<OrderSummary> placed = orders.latest(0, 20);
        OrderSummary order = placed.stream().filter(o -> email.equals(o.getEmail())).findFirst().orElseThrow();
        assertThat(confirmation).isEqualTo("/checkout/confirmation/" + order.getId());
        assertThat(order.getTotal()).isEqualByComparingTo(cart.getTotal());
        assertThat(order.getLines()).extracting(OrderSummary.Line::getSku).containsExactly(product.getSku());
        assertThat(carts.find(cartCode, Locale.ENGLISH).orElseThrow().isOrdered()).isTrue();
        assertThat(customers.consent(email).isNewsletter()).isTrue();
        assertThat(session.getAttribute(ShopperCart.SESSION_KEY)).isNull();

        mvc.perform(page(confirmation, session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-test=\"order-number\"")))
                .andExpect(content().string(containsString(">" + order.getId() + "<")))
                .andExpect(content().string(containsString("A confirmation email is on its way to")))
                .andExpect(content().string(containsString(email)));
        // someone else's browser does not see it
        mvc.perform(page(confirmation, new MockHttpSession())).andExpect(status().isNotFound());
        // and the cart badge is back to zero
        mvc.perform(page("/", session)).andExpect(content().string(containsString("data-test=\"cart-count\"")))
                .andExpect(content().string(org.hamcrest.Matchers.matchesPattern("(?s).*data-test=\"cart-count\"[^>]*>0<.*")));
    }

    @Test
    void anEmptyShippingStepShowsFieldErrorsInTheShoppersLanguage() throws Exception {
        MockHttpSession session = new MockHttpSession();
        addToCart(mvc, session, inStock(11).getSku(), 1);
        mvc.perform(form("/checkout", session, "email", "empty.step@example.com"));

        String html = mvc.perform(form("/checkout/shipping", session, "firstName", "", "lastName", "",
                        "address", "", "city", "", "postalCode", "", "country", "US"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-test=\"error-summary\"")))
                .andReturn().getResponse().getContentAsString();
        assertThat(html.split("class=\"error-text\"", -1).length - 1).isGreaterThanOrEqualTo(5);
        assertThat(html).contains("Please fill this in.").contains("aria-invalid=\"true\"");

        mvc.perform(form("/checkout/shipping", session, "firstName", "").param("lang", "vi"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Vui lòng điền thông tin này.")));
        mvc.perform(form("/checkout/shipping", session, "firstName", "A", "lastName", "B", "address", "1 Road",
                        "city", "X", "postalCode", "1", "country", "DE").param("lang", "vi"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Chúng tôi giao hàng đến")));
    }

    @Test
    void aSignedInShopperChecksOutWithTheirAccountEmail() throws Exception {
        String email = "member.checkout+" + System.nanoTime() + "@example.com";
        MockHttpSession session = new MockHttpSession();
        mvc.perform(form("/register", session, "email", email, "password", "s3cret-pass", "firstName", "Quang",
                "lastName", "Lê", "language", "en"));
        long customerId = customers.findRegistered(email).orElseThrow().getId();
        addToCart(mvc, session, inStock(13).getSku(), 1);

        mvc.perform(page("/checkout", session))
                .andExpect(content().string(containsString("value=\"" + email + "\"")))
                .andExpect(content().string(containsString("readonly")));
        mvc.perform(form("/checkout", session, "email", "someone.else@example.com"))
                .andExpect(redirectedUrl("/checkout/shipping"));
        mvc.perform(page("/checkout/shipping", session))
                .andExpect(content().string(containsString("value=\"Quang\"")));
        mvc.perform(form("/checkout/shipping", session, "firstName", "Quang", "lastName", "Lê", "address", "1 Main St",
                "city", "Toronto", "postalCode", "M5V 2T6", "country", "CA"));
        mvc.perform(form("/checkout/place", session, "paymentMethod", "CREDITCARD"))
                .andExpect(redirectedUrlPattern("/checkout/confirmation/*"));

        assertThat(orders.ofCustomer(customerId)).hasSize(1)
                .allSatisfy(o -> assertThat(o.getEmail()).isEqualTo(email));
        mvc.perform(page("/account", session))
                .andExpect(content().string(containsString("data-test=\"order-row\"")));
    }

    @Test
    void checkoutWithAnEmptyCartGoesBackToTheCart() throws Exception {
        mvc.perform(page("/checkout", new MockHttpSession())).andExpect(redirectedUrl("/cart"));
        mvc.perform(form("/checkout/place", new MockHttpSession(), "paymentMethod", "COD")).andExpect(redirectedUrl("/cart"));
    }

    @Test
    void stepsCannotBeSkipped() throws Exception {
        MockHttpSession session = new MockHttpSession();
        addToCart(mvc, session, inStock(12).getSku(), 1);
        mvc.perform(page("/checkout/payment", session)).andExpect(redirectedUrl("/checkout"));
        mvc.perform(form("/checkout", session, "email", "skip@example.com"));
        mvc.perform(page("/checkout/payment", session)).andExpect(redirectedUrl("/checkout/shipping"));
    }

    private ProductView inStock(int index) {
        return catalog.all(StoreContext.ENGLISH).stream().filter(p -> p.isInStock() && p.getQuantity() >= 10)
                .skip(index).findFirst().orElseThrow();
    }
}
