package org.remarketing.samplestore.storefront;

import javax.servlet.http.HttpServletRequest;

import org.remarketing.samplestore.security.ShopperPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * When a guest signs in through the login form, what they put in their cart as a guest joins
 * their account's cart. Runs inside the sign-in request (before the redirect), so the guest's
 * session and cookie are at hand.
 */
@Component
class GuestCartMerger {

    private static final Logger log = LoggerFactory.getLogger(GuestCartMerger.class);

    private final ShopperCart shopperCart;

    GuestCartMerger(ShopperCart shopperCart) {
        this.shopperCart = shopperCart;
    }

    @EventListener
    void onSignIn(InteractiveAuthenticationSuccessEvent event) {
        Object principal = event.getAuthentication().getPrincipal();
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(principal instanceof ShopperPrincipal) || !(attributes instanceof ServletRequestAttributes)) {
            return;
        }
        ServletRequestAttributes servlet = (ServletRequestAttributes) attributes;
        HttpServletRequest request = servlet.getRequest();
        try {
            shopperCart.mergeInto(request, servlet.getResponse(), ((ShopperPrincipal) principal).getCustomerId(),
                    LocaleContextHolder.getLocale());
        } catch (RuntimeException e) {
            // signing in must not fail because of a cart; the guest cart stays where it was
            log.warn("Could not merge the guest cart at sign-in: {}", e.toString());
        }
    }
}
