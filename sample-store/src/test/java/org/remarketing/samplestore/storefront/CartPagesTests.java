package org.remarketing.samplestore.storefront;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.remarketing.samplestore.cart.CartService;
import org.remarketing.samplestore.cart.CartView;
import org.remarketing.samplestore.catalog.CatalogService;
import org.remarketing.samplestore.catalog.ProductView;
import org.remarketing.samplestore.store.StoreContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A guest filling and changing a cart with plain HTML forms. */
class CartPagesTests extends StorefrontTestSupport {

    @Autowired
    MockMvc mvc;

    @Autowired
    CatalogService catalog;

    @Autowired
    CartService carts;

    @Test
    void addToCartThenTheCartPageShowsTheLineAndTotals() throws Exception {
        ProductView product = inStock(0);
        MockHttpSession session = new MockHttpSession();
        mvc.perform(form("/cart/add", session, "sku", product.getSku(), "quantity", "2", "returnTo", "/product/" + product.getSku()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/product/" + product.getSku()))
                .andExpect(flash().attributeExists(CartController.FLASH_SUCCESS))
                .andExpect(header().string("Set-Cookie", containsString(ShopperCart.COOKIE + "=")))
                .andExpect(header().string("Set-Cookie", containsString("HttpOnly")))
                .andExpect(header().string("Set-Cookie", containsString("SameSite=Lax")));

        CartView cart = guestCart(session);
        assertThat(cart.getLines()).hasSize(1);
        String html = mvc.perform(page("/cart", session))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html)
                .contains(HtmlUtils.htmlEscape(product.getName(), "UTF-8"))
                .contains("data-test=\"cart-line\"")
                .contains(money(cart.getTotal()))
                .contains(money(cart.getSubtotal()))
                .containsPattern("data-test=\"cart-count\"[^>]*>2<");
    }

    @Test
    void aReturningGuestFindsTheCartThroughTheCookie() throws Exception {
        ProductView product = inStock(1);
        MockHttpSession session = new MockHttpSession();
        addToCart(mvc, session, product.getSku(), 1);
        String code = guestCart(session).getCode();

        mvc.perform(page("/cart", new MockHttpSession()).cookie(new javax.servlet.http.Cookie(ShopperCart.COOKIE, code)))
                .andExpect(content().string(containsString(HtmlUtils.htmlEscape(product.getName(), "UTF-8"))));
    }

    @Test
    void quantityZeroRemovesTheLine() throws Exception {
        ProductView kept = inStock(2);
        ProductView removed = inStock(3);
        MockHttpSession session = new MockHttpSession();
        addToCart(mvc, session, kept.getSku(), 1);
        addToCart(mvc, session, removed.getSku(), 1);

        MvcResult update = mvc.perform(form("/cart/update", session, "sku", removed.getSku(), "quantity", "0"))
                .andExpect(redirectedUrl("/cart"))
                .andReturn();
        assertThat(guestCart(session).getLines()).extracting(l -> l.getSku()).containsExactly(kept.getSku());
        mvc.perform(after(update, session))
                .andExpect(content().string(containsString("removed from your cart")));

        mvc.perform(form("/cart/remove", session, "sku", kept.getSku())).andExpect(redirectedUrl("/cart"));
        mvc.perform(page("/cart", session))
                .andExpect(content().string(containsString("data-test=\"cart-empty\"")));
    }

    @Test
    void outOfRangeQuantityShowsAnErrorAndLosesNothing() throws Exception {
        ProductView product = inStock(4);
        MockHttpSession session = new MockHttpSession();
        addToCart(mvc, session, product.getSku(), 1);

        for (String wrong : new String[] {"100", "-1", "lots", "1.5"}) {
            MvcResult result = mvc.perform(form("/cart/update", session, "sku", product.getSku(), "quantity", wrong))
                    .andExpect(redirectedUrl("/cart"))
                    .andExpect(flash().attributeExists(CartController.FLASH_ERROR))
                    .andReturn();
            mvc.perform(after(result, session))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("data-test=\"flash-error\"")))
                    .andExpect(content().string(containsString("Please choose a quantity between 1 and 99")))
                    .andExpect(content().string(not(containsString("Exception"))));
            assertThat(guestCart(session).getLines()).hasSize(1);
            assertThat(guestCart(session).getLines().get(0).getQuantity()).isEqualTo(1);
        }
    }

    @Test
    void moreThanTheStockIsRefusedWithAFriendlyMessage() throws Exception {
        ProductView product = inStock(5);
        MockHttpSession session = new MockHttpSession();
        addToCart(mvc, session, product.getSku(), 1);
        int tooMany = Math.min(product.getQuantity() + 1, CartService.MAX_QUANTITY + 1);
        if (tooMany <= CartService.MAX_QUANTITY) {
            mvc.perform(form("/cart/update", session, "sku", product.getSku(), "quantity", String.valueOf(tooMany)))
                    .andExpect(flash().attribute(CartController.FLASH_ERROR, containsString("left in stock")));
        }
        mvc.perform(form("/cart/add", session, "sku", "NO-SUCH-SKU", "quantity", "1"))
                .andExpect(flash().attribute(CartController.FLASH_ERROR, containsString("not available")));
        assertThat(guestCart(session).getLines()).hasSize(1);
    }

    @Test
    void addToCartNeverRedirectsOffSite() throws Exception {
        ProductView product = inStock(6);
        mvc.perform(form("/cart/add", new MockHttpSession(), "sku", product.getSku(), "returnTo", "//evil.example/x"))
                .andExpect(redirectedUrl("/cart"));
        mvc.perform(form("/cart/add", new MockHttpSession(), "sku", product.getSku(), "returnTo", "https://evil.example/"))
                .andExpect(redirectedUrl("/cart"));
    }

    @Test
    void addToCartWithoutCsrfTokenIsRefused() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/cart/add")
                        .param("sku", inStock(0).getSku()))
                .andExpect(status().isForbidden());
    }

    private CartView guestCart(MockHttpSession session) {
        String code = (String) session.getAttribute(ShopperCart.SESSION_KEY);
        assertThat(code).isNotNull();
        return carts.find(code, Locale.ENGLISH).orElseThrow();
    }

    /** Products with plenty of stock, spread so tests do not share lines. */
    private ProductView inStock(int index) {
        return catalog.all(StoreContext.ENGLISH).stream().filter(p -> p.isInStock() && p.getQuantity() >= 10)
                .skip(index).findFirst().orElseThrow();
    }

    private static String money(java.math.BigDecimal amount) {
        return "$" + amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
