package org.remarketing.samplestore.storefront;

import java.math.BigDecimal;
import java.util.Locale;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.remarketing.samplestore.cart.CartException;
import org.remarketing.samplestore.cart.CartService;
import org.remarketing.samplestore.cart.CartView;
import org.remarketing.samplestore.catalog.CatalogService;
import org.remarketing.samplestore.catalog.ProductView;
import org.remarketing.samplestore.security.ShopperPrincipal;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The cart page and the forms that change it. Every change is a POST followed by a redirect. */
@Controller
class CartController {

    static final String FLASH_ERROR = "flashError";
    static final String FLASH_SUCCESS = "flashSuccess";

    private final ShopperCart shopperCart;
    private final CartService carts;
    private final CatalogService catalog;
    private final MessageSource messages;

    CartController(ShopperCart shopperCart, CartService carts, CatalogService catalog, MessageSource messages) {
        this.shopperCart = shopperCart;
        this.carts = carts;
        this.catalog = catalog;
        this.messages = messages;
    }

    @GetMapping("/cart")
    String cart(HttpServletRequest request, @AuthenticationPrincipal ShopperPrincipal shopper, Locale locale, Model model) {
        CartView cart = shopperCart.current(request, shopper, locale).orElse(null);
        model.addAttribute("cart", cart);
        if (cart != null && !cart.isEmpty() && cart.getShipping().signum() > 0) {
            model.addAttribute("missingForFreeShipping", CartView.FREE_SHIPPING_FROM.subtract(cart.getSubtotal()));
        }
        model.addAttribute("freeShippingFrom", CartView.FREE_SHIPPING_FROM);
        return "cart";
    }

    @PostMapping("/cart/add")
    String add(@RequestParam(required = false) String sku, @RequestParam(defaultValue = "1") String quantity,
               @RequestParam(required = false) String returnTo,
               HttpServletRequest request, HttpServletResponse response,
               @AuthenticationPrincipal ShopperPrincipal shopper, Locale locale, RedirectAttributes flash) {
        String back = safeReturn(returnTo, "/cart");
        try {
            shopperCart.add(request, response, shopper, sku, parseQuantity(quantity), locale);
            String name = catalog.product(sku, locale).map(ProductView::getName).orElse(sku);
            flash.addFlashAttribute(FLASH_SUCCESS, messages.getMessage("cart.added", new Object[] {name}, locale));
            flash.addFlashAttribute("showCartLink", true);
        } catch (CartException e) {
            flash.addFlashAttribute(FLASH_ERROR, describe(e, sku, locale));
        }
        return "redirect:" + back;
    }

    @PostMapping("/cart/update")
    String update(@RequestParam(required = false) String sku, @RequestParam(required = false) String quantity,
                  HttpServletRequest request, @AuthenticationPrincipal ShopperPrincipal shopper, Locale locale,
                  RedirectAttributes flash) {
        return change(sku, quantity, request, shopper, locale, flash);
    }

    @PostMapping("/cart/remove")
    String remove(@RequestParam(required = false) String sku,
                  HttpServletRequest request, @AuthenticationPrincipal ShopperPrincipal shopper, Locale locale,
                  RedirectAttributes flash) {
        return change(sku, "0", request, shopper, locale, flash);
    }

    private String change(String sku, String quantity, HttpServletRequest request, ShopperPrincipal shopper,
                          Locale locale, RedirectAttributes flash) {
        CartView cart = shopperCart.current(request, shopper, locale).orElse(null);
        if (cart == null) {
            flash.addFlashAttribute(FLASH_ERROR, messages.getMessage("cart.error.CART_NOT_FOUND", null, locale));
            return "redirect:/cart";
        }
        try {
            int wanted = parseQuantity(quantity);
            carts.setQuantity(cart.getCode(), sku, wanted, locale);
            String name = catalog.product(sku, locale).map(ProductView::getName).orElse(sku);
            flash.addFlashAttribute(FLASH_SUCCESS, messages.getMessage(
                    wanted == 0 ? "cart.removed" : "cart.updated", new Object[] {name}, locale));
        } catch (CartException e) {
            flash.addFlashAttribute(FLASH_ERROR, describe(e, sku, locale));
        }
        return "redirect:/cart";
    }

    /** A sentence a shopper understands, for each reason the cart refuses a change. */
    String describe(CartException e, String sku, Locale locale) {
        ProductView product = sku == null ? null : catalog.product(sku, locale).orElse(null);
        String name = product == null ? "" : product.getName();
        switch (e.getReason()) {
            case OUT_OF_STOCK:
                int left = product == null ? 0 : product.getQuantity();
                return left > 0
                        ? messages.getMessage("cart.error.OUT_OF_STOCK.some", new Object[] {left, name}, locale)
                        : messages.getMessage("cart.error.OUT_OF_STOCK", new Object[] {name}, locale);
            case INVALID_QUANTITY:
                return messages.getMessage("cart.error.INVALID_QUANTITY", new Object[] {CartService.MAX_QUANTITY}, locale);
            default:
                return messages.getMessage("cart.error." + e.getReason().name(), null, locale);
        }
    }

    /** Anything that is not a whole number is an invalid quantity, as far as the shopper is concerned. */
    static int parseQuantity(String quantity) {
        try {
            return new BigDecimal(quantity == null ? "" : quantity.trim()).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CartException(CartException.Reason.INVALID_QUANTITY, "Not a whole number: " + quantity);
        }
    }

    /** Only paths of this site: no scheme, no host, no protocol-relative "//". */
    static String safeReturn(String returnTo, String fallback) {
        if (returnTo == null || !returnTo.startsWith("/") || returnTo.startsWith("//") || returnTo.length() > 300
                || !returnTo.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '\\' && c != '{' && c != '}')) {
            return fallback;
        }
        return returnTo;
    }
}
