package org.remarketing.samplestore.storefront;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import javax.servlet.RequestDispatcher;
import javax.servlet.http.HttpServletRequest;

import org.remarketing.samplestore.cart.CartView;
import org.remarketing.samplestore.catalog.CatalogService;
import org.remarketing.samplestore.security.ShopperPrincipal;
import org.remarketing.samplestore.store.StoreContext;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Styled error pages in the shopper's language: error/404 for anything not found (and other
 * client errors), error/500 for the rest. Only our own words are shown: never the exception's
 * message or a stack trace.
 */
@Component
class StorefrontErrorViewResolver implements ErrorViewResolver {

    private final CatalogService catalog;
    private final ShopperCart shopperCart;

    StorefrontErrorViewResolver(CatalogService catalog, ShopperCart shopperCart) {
        this.catalog = catalog;
        this.shopperCart = shopperCart;
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        Locale locale = StoreContext.supported(RequestContextUtils.getLocale(request));
        Map<String, Object> page = new HashMap<>();
        page.put("status", status.value());
        ShopperPrincipal shopper = StorefrontModelAdvice.currentShopper();
        page.put("shopper", shopper);
        page.put("navCategories", StorefrontModelAdvice.safeCategories(catalog, locale));
        page.put("cartCount", cartCount(request, shopper, locale));
        page.put("lang", locale.getLanguage());
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String && ((String) uri).matches("/(?!/)[^?#]*") ? (String) uri : "/";
        page.put("langUrlEn", path + "?lang=en");
        page.put("langUrlVi", path + "?lang=vi");
        String view = status.is5xxServerError() ? "error/500" : "error/404";
        return new ModelAndView(view, page, status);
    }

    /** The badge still counts the cart on an error page, unless the database is what failed. */
    private Integer cartCount(HttpServletRequest request, ShopperPrincipal shopper, Locale locale) {
        try {
            return shopperCart.current(request, shopper, locale).map(CartView::getItemCount).orElse(0);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
