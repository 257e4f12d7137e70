package org.remarketing.samplestore.api;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import javax.servlet.http.HttpServletRequest;
import javax.validation.Valid;

import org.remarketing.samplestore.cart.CartException;
import org.remarketing.samplestore.cart.CartService;
import org.remarketing.samplestore.cart.CartView;
import org.remarketing.samplestore.security.ShopperPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shopizer's cart API. A cart code is not a secret in Shopizer: anyone holding it reads and changes the cart.
 * Status codes as Shopizer's: POST and PUT answer 201 with the cart.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = "application/json")
public class CartApi {

    private final CartService carts;

    CartApi(CartService carts) {
        this.carts = carts;
    }

    @PostMapping("/cart")
    public ResponseEntity<Json.Cart> create(@Valid @RequestBody Requests.CartItem item,
                                            @RequestParam(required = false) String store,
                                            @RequestParam(required = false) String lang,
                                            HttpServletRequest request) {
        Locale locale = StoreParams.locale(store, lang);
        if (item.quantity < 1) {
            throw new CartException(CartException.Reason.INVALID_QUANTITY, "Quantity must be between 1 and " + CartService.MAX_QUANTITY);
        }
        CartView cart = carts.create(item.product.trim(), item.quantity, null, request.getRemoteAddr(), locale);
        return ResponseEntity.status(HttpStatus.CREATED).body(cart(cart, locale));
    }

    @PutMapping("/cart/{code}")
    public ResponseEntity<Json.Cart> modify(@PathVariable String code, @Valid @RequestBody Requests.CartItem item,
                                            @RequestParam(required = false) String store,
                                            @RequestParam(required = false) String lang) {
        Locale locale = StoreParams.locale(store, lang);
        CartView cart = carts.setQuantity(code, item.product.trim(), item.quantity, locale);
        return ResponseEntity.status(HttpStatus.CREATED).body(cart(cart, locale));
    }

    @GetMapping("/cart/{code}")
    public Json.Cart get(@PathVariable String code,
                         @RequestParam(required = false) String store,
                         @RequestParam(required = false) String lang) {
        Locale locale = StoreParams.locale(store, lang);
        return carts.find(code, locale).map(c -> cart(c, locale))
                .orElseThrow(() -> ApiException.notFound("No ShoppingCart found for this code"));
    }

    /** Shopizer's ReadableOrderTotalSummary for a cart. */
    @GetMapping("/cart/{code}/total")
    public Json.OrderTotalSummary total(@PathVariable String code,
                                        @RequestParam(required = false) String store,
                                        @RequestParam(required = false) String lang) {
        Locale locale = StoreParams.locale(store, lang);
        CartView cart = carts.find(code, locale)
                .orElseThrow(() -> ApiException.notFound("No ShoppingCart found for this code"));
        return new Json.OrderTotalSummary(cart.getSubtotal(), cart.getTotal(), totals(cart));
    }

    /**
     * The signed-in customer's cart; with {@code ?cart=<guest code>} the guest cart is merged into it first
     * (quantities add up, as Shopizer merges at sign-in).
     */
    @GetMapping("/auth/customer/cart")
    public Json.Cart customerCart(@AuthenticationPrincipal ShopperPrincipal shopper,
                                  @RequestParam(required = false) String cart,
                                  @RequestParam(required = false) String store,
                                  @RequestParam(required = false) String lang) {
        Locale locale = StoreParams.locale(store, lang);
        CartView view;
        if (cart != null && !cart.isEmpty()) {
            view = carts.mergeGuestCart(shopper.getCustomerId(), cart, locale);
        } else {
            view = carts.openCartOf(shopper.getCustomerId(), locale).orElse(null);
        }
        if (view == null) {
            throw ApiException.notFound("No cart found for this customer");
        }
        return cart(view, locale);
    }

    static Json.Cart cart(CartView c, Locale locale) {
        List<Json.CartItem> items = c.getLines().stream()
                .map(l -> new Json.CartItem(l.getProductId(), l.getSku(), l.getName(), l.getQuantity(),
                        l.getUnitPrice(), l.getLineTotal(), l.getImageUrl()))
                .collect(Collectors.toList());
        return new Json.Cart(c.getId(), c.getCode(), c.getCustomerId(), c.getOrderId(), items, c.getSubtotal(),
                c.getTotal(), c.getItemCount(), totals(c), locale.getLanguage());
    }

    static List<Json.OrderTotal> totals(CartView c) {
        BigDecimal shipping = c.getShipping();
        return Arrays.asList(
                new Json.OrderTotal("order.total.subtotal", "Sub-total", c.getSubtotal()),
                new Json.OrderTotal("order.total.shipping", "Shipping", shipping),
                new Json.OrderTotal("order.total.total", "Total", c.getTotal()));
    }
}
