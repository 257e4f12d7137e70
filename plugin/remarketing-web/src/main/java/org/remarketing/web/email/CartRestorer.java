package org.remarketing.web.email;

import java.io.IOException;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.remarketing.core.channels.email.RecoveryTarget;

/**
 * Puts a recovered cart into the shopper's browser and answers the request (usually with a
 * redirect to the store's cart page). An implementation must never sign anyone in, set any
 * authentication or session credential, or hand a registered customer's own cart to the browser:
 * a recovery link is a bearer link that may be forwarded, and an abandoned-cart plugin that signed
 * shoppers in from it shipped exactly that hole (CVE-2023-2986). The store declares its own bean
 * of this type to replace {@link RedirectingCartRestorer}.
 */
@FunctionalInterface
public interface CartRestorer {

	void restore(RecoveryTarget target, HttpServletRequest request, HttpServletResponse response) throws IOException;

}
