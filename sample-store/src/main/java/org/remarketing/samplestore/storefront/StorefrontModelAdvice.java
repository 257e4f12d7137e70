package org.remarketing.samplestore.storefront;

import java.beans.PropertyEditorSupport;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import javax.servlet.http.HttpServletRequest;

import org.remarketing.samplestore.cart.CartView;
import org.remarketing.samplestore.catalog.CatalogService;
import org.remarketing.samplestore.catalog.CategoryView;
import org.remarketing.samplestore.security.ShopperPrincipal;
import org.remarketing.samplestore.store.StoreContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** What every storefront page's header and footer need: shopper, cart badge, categories, language links. */
@ControllerAdvice(basePackageClasses = StorefrontModelAdvice.class)
class StorefrontModelAdvice {

    private final CatalogService catalog;
    private final ShopperCart shopperCart;

    StorefrontModelAdvice(CatalogService catalog, ShopperCart shopperCart) {
        this.catalog = catalog;
        this.shopperCart = shopperCart;
    }

    /** HTML date inputs send ISO dates whatever the page language. */
    @InitBinder
    void isoDates(WebDataBinder binder) {
        binder.registerCustomEditor(LocalDate.class, new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                if (text == null || text.isBlank()) {
                    setValue(null);
                    return;
                }
                try {
                    setValue(LocalDate.parse(text.trim()));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("Not an ISO date: " + text, e);
                }
            }

            @Override
            public String getAsText() {
                Object value = getValue();
                return value == null ? "" : value.toString();
            }
        });
    }

    @ModelAttribute
    void layout(Model model, HttpServletRequest request, Locale locale) {
        // Pages carry POST forms: create the CSRF token (and its session) now, not mid-render
        // once a large page has already been flushed to the client.
        Object csrf = request.getAttribute(CsrfToken.class.getName());
        if (csrf instanceof CsrfToken) {
            ((CsrfToken) csrf).getToken();
        }
        ShopperPrincipal shopper = currentShopper();
        model.addAttribute("shopper", shopper);
        model.addAttribute("navCategories", catalog.categories(locale));
        model.addAttribute("cartCount", shopperCart.current(request, shopper, locale).map(CartView::getItemCount).orElse(0));
        addLanguageLinks(model, request, locale);
        String query = request.getQueryString();
        model.addAttribute("currentPath", request.getRequestURI() + ("GET".equals(request.getMethod()) && query != null ? "?" + query : ""));
    }

    static ShopperPrincipal currentShopper() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof ShopperPrincipal
                ? (ShopperPrincipal) authentication.getPrincipal() : null;
    }

    static void addLanguageLinks(Model model, HttpServletRequest request, Locale locale) {
        model.addAttribute("lang", StoreContext.supported(locale).getLanguage());
        model.addAttribute("langUrlEn", languageUrl(request, "en"));
        model.addAttribute("langUrlVi", languageUrl(request, "vi"));
    }

    /** The page the shopper is on, in another language (GET: a re-rendered POST falls back to its page). */
    private static String languageUrl(HttpServletRequest request, String language) {
        ServletUriComponentsBuilder builder = ServletUriComponentsBuilder.fromRequestUri(request);
        if ("GET".equals(request.getMethod()) && request.getQueryString() != null) {
            builder.query(request.getQueryString());
        }
        return builder.replaceQueryParam(StorefrontWebConfig.LANGUAGE_PARAM, language)
                .build().toUriString().replaceFirst("^[a-z]+://[^/]+", "");
    }

    static List<CategoryView> safeCategories(CatalogService catalog, Locale locale) {
        try {
            return catalog.categories(locale);
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
