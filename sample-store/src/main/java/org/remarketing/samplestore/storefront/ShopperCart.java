package org.remarketing.samplestore.storefront;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

import org.remarketing.samplestore.cart.CartException;
import org.remarketing.samplestore.cart.CartService;
import org.remarketing.samplestore.cart.CartView;
import org.remarketing.samplestore.security.ShopperPrincipal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Which cart the current shopper is filling. A signed-in shopper's is their open cart in the
 * database; a guest's code is kept in the HTTP session and in a first-party cookie, so a guest
 * who comes back another day still finds their cart.
 */
@Component
class ShopperCart {

    static final String SESSION_KEY = "storefront.cartCode";
    static final String COOKIE = "sample_cart";
    private static final Duration COOKIE_LIFETIME = Duration.ofDays(30);

    private final CartService carts;

    ShopperCart(CartService carts) {
        this.carts = carts;
    }

    /** The shopper's open cart, if they have one. */
    Optional<CartView> current(HttpServletRequest request, ShopperPrincipal shopper, Locale locale) {
        if (shopper != null) {
            return carts.openCartOf(shopper.getCustomerId(), locale);
        }
        String code = guestCode(request);
        if (code == null) {
            return Optional.empty();
        }
        return carts.find(code, locale).filter(c -> !c.isOrdered());
    }

    /** Adds a product, opening a cart first when the shopper has none (or theirs was ordered meanwhile). */
    CartView add(HttpServletRequest request, HttpServletResponse response, ShopperPrincipal shopper,
                 String sku, int quantity, Locale locale) {
        Optional<CartView> cart = current(request, shopper, locale);
        if (cart.isPresent()) {
            try {
                return carts.add(cart.get().getCode(), sku, quantity, locale);
            } catch (CartException e) {
                if (e.getReason() != CartException.Reason.ALREADY_ORDERED
                        && e.getReason() != CartException.Reason.CART_NOT_FOUND) {
                    throw e;
                }
            }
        }
        CartView created = carts.create(sku, quantity, shopper == null ? null : shopper.getCustomerId(),
                request.getRemoteAddr(), locale);
        if (shopper == null) {
            remember(request, response, created.getCode());
        }
        return created;
    }

    /** The guest cart code this browser holds: the session's, else the cookie's. */
    String guestCode(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object inSession = session == null ? null : session.getAttribute(SESSION_KEY);
        if (inSession instanceof String) {
            return (String) inSession;
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName()) && cookie.getValue() != null
                        && cookie.getValue().matches("[0-9a-f]{32}")) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    void remember(HttpServletRequest request, HttpServletResponse response, String code) {
        request.getSession().setAttribute(SESSION_KEY, code);
        writeCookie(request, response, code, COOKIE_LIFETIME);
    }

    /** Forgets the guest cart (after checkout, or once merged into a signed-in shopper's cart). */
    void forgetGuestCart(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(SESSION_KEY);
        }
        if (response != null && guestCookiePresent(request)) {
            writeCookie(request, response, "", Duration.ZERO);
        }
    }

    /** Joins this browser's guest cart to the shopper who just signed in. */
    void mergeInto(HttpServletRequest request, HttpServletResponse response, long customerId, Locale locale) {
        String code = guestCode(request);
        if (code == null) {
            return;
        }
        carts.mergeGuestCart(customerId, code, locale);
        forgetGuestCart(request, response);
    }

    private static boolean guestCookiePresent(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return false;
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName())) {
                return true;
            }
        }
        return false;
    }

    private static void writeCookie(HttpServletRequest request, HttpServletResponse response, String value, Duration maxAge) {
        ResponseCookie cookie = ResponseCookie.from(COOKIE, value)
                .path("/")
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .maxAge(maxAge)
                .build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }
}
