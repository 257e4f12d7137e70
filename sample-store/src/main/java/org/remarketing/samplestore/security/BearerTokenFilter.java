package org.remarketing.samplestore.security;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads "Authorization: Bearer <jwt>" and, when the token is valid for this chain's type, authenticates
 * the request. An invalid, expired or wrong-type token leaves the request anonymous: the chain's rules
 * then answer 401. Created per chain, not a bean (so the servlet container does not register it globally).
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final JwtService jwt;
    private final String type;
    private final Function<Long, Optional<? extends Authentication>> authenticator;

    BearerTokenFilter(JwtService jwt, String type, Function<Long, Optional<? extends Authentication>> authenticator) {
        this.jwt = jwt;
        this.type = type;
        this.authenticator = authenticator;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            jwt.subject(header.substring(PREFIX.length()).trim(), type)
                    .flatMap(authenticator)
                    .ifPresent(authentication -> {
                        SecurityContext context = SecurityContextHolder.createEmptyContext();
                        context.setAuthentication(authentication);
                        SecurityContextHolder.setContext(context);
                    });
        }
        chain.doFilter(request, response);
    }
}
