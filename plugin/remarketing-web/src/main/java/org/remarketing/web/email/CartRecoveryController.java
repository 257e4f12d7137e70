package org.remarketing.web.email;

import java.io.IOException;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.remarketing.core.channels.email.CartRecoveries;
import org.remarketing.core.channels.email.MessageLinks;
import org.remarketing.core.channels.email.Recovery;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cart recovery: a valid, unexpired link hands its cart to the store's {@link CartRestorer}, which
 * restores it in this browser and redirects to the cart page. Nothing here signs anyone in or
 * sets any credential. An expired link answers 410, a forged, altered or stripped one 400, a
 * link whose message is gone 404: each a plain page that links to the store. A HEAD request (link
 * checkers) is checked but restores and records nothing.
 */
@RestController
public class CartRecoveryController {

	static final String PATH = MessageLinks.RECOVERY_PATH;

	private final CartRecoveries recoveries;

	private final CartRestorer restorer;

	private final LinkPages pages;

	public CartRecoveryController(CartRecoveries recoveries, CartRestorer restorer, LinkPages pages) {
		this.recoveries = recoveries;
		this.restorer = restorer;
		this.pages = pages;
	}

	@GetMapping(PATH)
	ResponseEntity<String> recover(@RequestParam(name = "t", required = false) String t, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		LinkToken.Check shape = LinkToken.shape(t);
		if (shape != LinkToken.Check.OK) {
			return LinkErrors.token(this.pages, request, shape);
		}
		boolean head = "HEAD".equals(request.getMethod());
		Recovery recovery = head ? this.recoveries.check(t) : this.recoveries.recover(t);
		switch (recovery.status()) {
			case VALID:
				LinkPages.privateHeaders(response);
				if (head) {
					return ResponseEntity.noContent().build();
				}
				this.restorer.restore(recovery.target().get(), request, response);
				return null;
			case EXPIRED:
				return this.pages.page(request, 410).title("expired.title").paragraph("expired.body").html();
			case UNKNOWN:
				return LinkErrors.notFound(this.pages, request);
			default:
				return LinkErrors.invalid(this.pages, request);
		}
	}

}
