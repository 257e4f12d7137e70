package org.remarketing.samplestore.storefront;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import javax.servlet.RequestDispatcher;
import javax.servlet.http.HttpServletRequest;

import org.remarketing.samplestore.catalog.CatalogService;
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

    StorefrontErrorViewResolver(CatalogService catalog) {
        this.catalog = catalog;
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        Locale locale = StoreContext.supported(RequestContextUtils.getLocale(request));
        Map<String, Object> page = new HashMap<>();
        page.put("status", status.value());
        page.put("shopper", StorefrontModelAdvice.currentShopper());
        page.put("navCategories", StorefrontModelAdvice.safeCategories(catalog, locale));
        page.put("cartCount", null);
        page.put("lang", locale.getLanguage());
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String && ((String) uri).matches("/(?!/)[^?#]*") ? (String) uri : "/";
        page.put("langUrlEn", path + "?lang=en");
        page.put("langUrlVi", path + "?lang=vi");
        String view = status.is5xxServerError() ? "error/500" : "error/404";
        return new ModelAndView(view, page, status);
    }
}
