package org.remarketing.web.email;

import java.io.IOException;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.remarketing.core.channels.email.RecoveryTarget;

/**
 * The default {@link CartRestorer}: redirects to the store's cart page, {@code remarketing.store.url}
 * + {@code remarketing.store.cart-path}, where {@code {cartCode}} (if present) becomes the run's
 * cart code. It sets nothing in the browser; a store whose cart page finds a cart by its code in
 * the URL restores it that way, any other store shows the shopper's current cart.
 */
public final class RedirectingCartRestorer implements CartRestorer {

	/** The placeholder of the cart code in the cart path. */
	public static final String CART_CODE = "{cartCode}";

	private static final Pattern SAFE_CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private final String storeUrl;

	private final String cartPath;

	/**
	 * @param storeUrl the store's public base URL, or null to stay on the host the request came to
	 * @param cartPath the cart page's path, starting with a single {@code /}
	 */
	public RedirectingCartRestorer(String storeUrl, String cartPath) {
		if (cartPath == null || !cartPath.startsWith("/") || cartPath.startsWith("//") || cartPath.contains("\\")) {
			throw new IllegalArgumentException("remarketing.store.cart-path must be a path starting with a single /, such as /cart");
		}
		String base = (storeUrl != null) ? storeUrl.trim() : "";
		this.storeUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		this.cartPath = cartPath;
	}

	@Override
	public void restore(RecoveryTarget target, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		String code = target.cartCode().filter((c) -> SAFE_CODE.matcher(c).matches()).orElse("");
		String path = this.cartPath.replace(CART_CODE, code);
		String base = this.storeUrl.isEmpty() ? request.getContextPath() : this.storeUrl;
		response.setStatus(HttpServletResponse.SC_FOUND);
		response.setHeader("Location", base + path);
	}

}
