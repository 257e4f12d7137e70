package org.remarketing.samplestore.storefront;

import java.util.List;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.remarketing.samplestore.security.ShopperPrincipal;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/** Signs a shopper in from the storefront itself (right after registration, or to refresh their name). */
@Component
class ShopperSignIn {

    static final String ROLE_CUSTOMER = "ROLE_CUSTOMER";

    private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();

    void signIn(ShopperPrincipal principal, HttpServletRequest request, HttpServletResponse response, boolean newSession) {
        if (newSession && request.getSession(false) != null) {
            request.changeSessionId(); // no session fixation: a fresh id for the signed-in session
        }
        UsernamePasswordAuthenticationToken authentication = new UsernamePasswordAuthenticationToken(
                principal, null, List.of(new SimpleGrantedAuthority(ROLE_CUSTOMER)));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        repository.saveContext(context, request, response);
    }
}
