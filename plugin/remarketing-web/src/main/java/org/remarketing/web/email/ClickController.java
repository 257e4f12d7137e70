package org.remarketing.web.email;

import java.util.Optional;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.remarketing.core.channels.email.ClickRedirects;
import org.remarketing.core.channels.email.LinkTokens;
import org.remarketing.core.channels.email.LinkTokens.Purpose;
import org.remarketing.core.channels.email.MessageLinks;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tracked clicks: {@code 302} to the URL stored for the message's link number when it was sent,
 * and nowhere else. Nothing in the request (no {@code url=}, no path trick) can name the target;
 * a stored URL off the store's host is refused too. A HEAD request (link checkers) is answered
 * the same way but records nothing.
 */
@RestController
public class ClickController {

	static final String PATH = MessageLinks.EMAIL_PATH + "/click/{linkNo}";

	private static final Pattern LINK_NO = Pattern.compile("[0-9]{1,3}");

	private final ClickRedirects clicks;

	private final LinkTokens tokens;

	private final LinkPages pages;

	public ClickController(ClickRedirects clicks, LinkTokens tokens, LinkPages pages) {
		this.clicks = clicks;
		this.tokens = tokens;
		this.pages = pages;
	}

	@GetMapping(PATH)
	ResponseEntity<String> click(@PathVariable("linkNo") String linkNo,
			@RequestParam(name = "t", required = false) String t, HttpServletRequest request,
			HttpServletResponse response) {
		if (linkNo == null || !LINK_NO.matcher(linkNo).matches()) {
			return LinkErrors.badRequest(this.pages, request, "bad.link-number");
		}
		LinkToken token = LinkToken.of(this.tokens, Purpose.CLICK, t);
		if (!token.valid()) {
			return LinkErrors.token(this.pages, request, token.check());
		}
		int number = Integer.parseInt(linkNo);
		Optional<String> target = "HEAD".equals(request.getMethod()) ? this.clicks.target(token.messageId(), number)
				: this.clicks.follow(token.messageId(), number);
		if (target.isEmpty()) {
			return LinkErrors.notFound(this.pages, request);
		}
		LinkPages.privateHeaders(response);
		response.setStatus(HttpServletResponse.SC_FOUND);
		response.setHeader("Location", target.get());
		return null;
	}

}
