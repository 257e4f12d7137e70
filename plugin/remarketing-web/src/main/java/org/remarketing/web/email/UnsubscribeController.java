package org.remarketing.web.email;

import java.util.Optional;

import javax.servlet.http.HttpServletRequest;

import org.remarketing.core.channels.email.LinkTokens;
import org.remarketing.core.channels.email.LinkTokens.Purpose;
import org.remarketing.core.channels.email.MessageLinks;
import org.remarketing.core.channels.email.Subscription;
import org.remarketing.core.channels.email.SuppressionScope;
import org.remarketing.core.channels.email.UnsubscribeMethod;
import org.remarketing.core.channels.email.Unsubscribes;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Unsubscribe and preferences. {@code GET unsubscribe} only shows a confirmation page, so that
 * mail scanners following links unsubscribe no one; {@code POST unsubscribe} takes effect at once
 * and is the RFC 8058 one-click endpoint ({@code List-Unsubscribe=One-Click} in a form body, no
 * cookie, no CSRF token: the signed token is the authority). The preference page stops reminders
 * only, all marketing, or resubscribes.
 */
@RestController
public class UnsubscribeController {

	static final String UNSUBSCRIBE = MessageLinks.EMAIL_PATH + "/unsubscribe";

	static final String PREFERENCES = MessageLinks.EMAIL_PATH + "/preferences";

	/** The form field RFC 8058 mail clients post, and our own button posts too. */
	static final String ONE_CLICK_FIELD = "List-Unsubscribe";

	static final String ONE_CLICK_VALUE = "One-Click";

	/** Set by the button of our confirmation page, so that the history says which way it came. */
	static final String VIA_FIELD = "via";

	static final String VIA_PAGE = "page";

	private final Unsubscribes unsubscribes;

	private final LinkTokens tokens;

	private final LinkPages pages;

	public UnsubscribeController(Unsubscribes unsubscribes, LinkTokens tokens, LinkPages pages) {
		this.unsubscribes = unsubscribes;
		this.tokens = tokens;
		this.pages = pages;
	}

	@GetMapping(UNSUBSCRIBE)
	ResponseEntity<String> confirm(@RequestParam(name = "t", required = false) String t, HttpServletRequest request) {
		LinkToken token = LinkToken.of(this.tokens, Purpose.UNSUBSCRIBE, t);
		if (!token.valid()) {
			return LinkErrors.token(this.pages, request, token.check());
		}
		Optional<Subscription> found = this.unsubscribes.find(token.messageId());
		if (found.isEmpty()) {
			return LinkErrors.notFound(this.pages, request);
		}
		Subscription subscription = found.get();
		if (subscription.suppressed().filter((scope) -> scope == SuppressionScope.ALL).isPresent()) {
			return this.pages.page(request, 200)
				.title("unsubscribed.title")
				.paragraph("unsubscribed.body", subscription.maskedEmail())
				.link("preferences?t=" + t, "preferences.link")
				.html();
		}
		return this.pages.page(request, 200)
			.title("unsubscribe.title")
			.paragraph("unsubscribe.body", subscription.maskedEmail())
			.form("unsubscribe?t=" + t, "unsubscribe.button", ONE_CLICK_FIELD, ONE_CLICK_VALUE, VIA_FIELD, VIA_PAGE)
			.link("preferences?t=" + t, "preferences.link")
			.html();
	}

	@PostMapping(UNSUBSCRIBE)
	ResponseEntity<String> unsubscribe(@RequestParam(name = "t", required = false) String t,
			@RequestParam(name = VIA_FIELD, required = false) String via, HttpServletRequest request) {
		LinkToken token = LinkToken.of(this.tokens, Purpose.UNSUBSCRIBE, t);
		if (!token.valid()) {
			return wantsJson(request) ? json(HttpStatus.BAD_REQUEST, false, null)
					: LinkErrors.token(this.pages, request, token.check());
		}
		UnsubscribeMethod method = VIA_PAGE.equals(via) ? UnsubscribeMethod.LINK : UnsubscribeMethod.ONE_CLICK;
		Optional<Subscription> done = this.unsubscribes.unsubscribe(token.messageId(), SuppressionScope.ALL, method);
		if (done.isEmpty()) {
			return wantsJson(request) ? json(HttpStatus.NOT_FOUND, false, null) : LinkErrors.notFound(this.pages, request);
		}
		if (wantsJson(request)) {
			return json(HttpStatus.OK, true, done.get().suppressed().orElse(null));
		}
		return this.pages.page(request, 200)
			.title("unsubscribed.title")
			.paragraph("unsubscribed.body", done.get().maskedEmail())
			.link("preferences?t=" + t, "preferences.link")
			.html();
	}

	@GetMapping(PREFERENCES)
	ResponseEntity<String> preferences(@RequestParam(name = "t", required = false) String t, HttpServletRequest request) {
		LinkToken token = LinkToken.of(this.tokens, Purpose.UNSUBSCRIBE, t);
		if (!token.valid()) {
			return LinkErrors.token(this.pages, request, token.check());
		}
		return this.unsubscribes.find(token.messageId())
			.map((subscription) -> preferencesPage(request, t, subscription, false))
			.orElseGet(() -> LinkErrors.notFound(this.pages, request));
	}

	@PostMapping(PREFERENCES)
	ResponseEntity<String> choose(@RequestParam(name = "t", required = false) String t,
			@RequestParam(name = "choice", required = false) String choice, HttpServletRequest request) {
		LinkToken token = LinkToken.of(this.tokens, Purpose.UNSUBSCRIBE, t);
		if (!token.valid()) {
			return LinkErrors.token(this.pages, request, token.check());
		}
		Optional<Subscription> after;
		if ("reminders".equals(choice)) {
			after = this.unsubscribes.unsubscribe(token.messageId(), SuppressionScope.REMINDERS,
					UnsubscribeMethod.PREFERENCES);
		}
		else if ("all".equals(choice)) {
			after = this.unsubscribes.unsubscribe(token.messageId(), SuppressionScope.ALL, UnsubscribeMethod.PREFERENCES);
		}
		else if ("resubscribe".equals(choice)) {
			after = this.unsubscribes.resubscribe(token.messageId());
		}
		else {
			return LinkErrors.badRequest(this.pages, request, "bad.choice");
		}
		return after.map((subscription) -> preferencesPage(request, t, subscription, true))
			.orElseGet(() -> LinkErrors.notFound(this.pages, request));
	}

	private ResponseEntity<String> preferencesPage(HttpServletRequest request, String t, Subscription subscription,
			boolean saved) {
		LinkPages.Page page = this.pages.page(request, 200).title("preferences.title");
		if (saved) {
			page.paragraph("preferences.saved");
		}
		SuppressionScope scope = subscription.suppressed().orElse(null);
		String action = "preferences?t=" + t;
		if (scope == null) {
			page.paragraph("preferences.none", subscription.maskedEmail())
				.form(action, "choice.reminders", "choice", "reminders")
				.form(action, "choice.all", "choice", "all");
		}
		else if (scope == SuppressionScope.REMINDERS) {
			page.paragraph("preferences.reminders", subscription.maskedEmail())
				.form(action, "choice.all", "choice", "all")
				.form(action, "choice.resubscribe", "choice", "resubscribe");
		}
		else {
			page.paragraph("preferences.all", subscription.maskedEmail())
				.form(action, "choice.resubscribe", "choice", "resubscribe");
		}
		return page.html();
	}

	private static boolean wantsJson(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE) && !accept.contains("text/html");
	}

	private static ResponseEntity<String> json(HttpStatus status, boolean unsubscribed, SuppressionScope scope) {
		String text = "{\"unsubscribed\":" + unsubscribed
				+ ((scope != null) ? ",\"scope\":\"" + scope.name() + "\"" : "") + "}";
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.noStore())
			.header("X-Robots-Tag", "noindex, nofollow")
			.header("Referrer-Policy", "no-referrer")
			.body(text);
	}

}
