package org.remarketing.web.tracking;

import java.io.IOException;

import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.remarketing.core.tracking.ShopperContext;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs each request with the visitor of its {@code rmk_vid} cookie bound to the
 * {@link ShopperContext}, so the store's own writes (a cart change) are tied to the browser that
 * made them. Only reads a cookie: never blocks, never answers. A malformed cookie and a browser
 * that asks not to be tracked (Sec-GPC / DNT) bind no one, and neither do the store's admin API
 * calls ({@code /api/v*}{@code /private/**}): an administrator editing a customer or an order
 * is not that shopper, and their own browser's cookie must not be stamped on the change.
 */
public class ShopperContextFilter extends OncePerRequestFilter {

	private static final java.util.regex.Pattern ADMIN_API = java.util.regex.Pattern.compile("/api/v[0-9]+/private(/|$)");

	private final ShopperContext shopperContext;

	public ShopperContextFilter(ShopperContext shopperContext) {
		this.shopperContext = shopperContext;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return ADMIN_API.matcher(path).lookingAt();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String visitorId = VisitRequests.asksNotToBeTracked(request) ? null : VisitorCookie.read(request);
		if (visitorId == null) {
			chain.doFilter(request, response);
			return;
		}
		Failure failure = new Failure();
		this.shopperContext.runAs(visitorId, () -> {
			try {
				chain.doFilter(request, response);
			}
			catch (IOException | ServletException ex) {
				failure.exception = ex;
			}
		});
		if (failure.exception instanceof IOException) {
			throw (IOException) failure.exception;
		}
		if (failure.exception instanceof ServletException) {
			throw (ServletException) failure.exception;
		}
	}

	private static final class Failure {

		Exception exception;

	}

}
