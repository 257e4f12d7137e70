package org.remarketing.web.email;

import java.time.Clock;

import javax.servlet.http.HttpServletRequest;

import org.remarketing.core.channels.email.LinkTokens;
import org.remarketing.core.channels.email.LinkTokens.Purpose;
import org.remarketing.core.channels.email.MessageLinks;
import org.remarketing.core.channels.email.OpenRequest;
import org.remarketing.core.channels.email.OpenTracking;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The open pixel: a 1×1 transparent GIF that no one may cache, recording an open or, when
 * {@link org.remarketing.core.channels.email.MachineOpens} says a machine fetched it, a machine open.
 */
@RestController
public class OpenPixelController {

	static final String PATH = MessageLinks.EMAIL_PATH + "/open";

	/** A 1×1 GIF whose only pixel is transparent. */
	static final byte[] PIXEL = { 'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, (byte) 0x80, 0, 0, 0, 0, 0, (byte) 0xff,
			(byte) 0xff, (byte) 0xff, '!', (byte) 0xf9, 4, 1, 0, 0, 0, 0, ',', 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 'D', 1, 0,
			';' };

	private static final String[] PURPOSE_HEADERS = { "Purpose", "Sec-Purpose", "X-Purpose", "X-Moz" };

	private static final int MAX_HEADER = 512;

	private final OpenTracking opens;

	private final LinkTokens tokens;

	private final LinkPages pages;

	private final Clock clock;

	public OpenPixelController(OpenTracking opens, LinkTokens tokens, LinkPages pages, Clock clock) {
		this.opens = opens;
		this.tokens = tokens;
		this.pages = pages;
		this.clock = clock;
	}

	@GetMapping(PATH)
	ResponseEntity<?> open(@RequestParam(name = "t", required = false) String t, HttpServletRequest request) {
		LinkToken token = LinkToken.of(this.tokens, Purpose.OPEN, t);
		if (!token.valid()) {
			return LinkErrors.token(this.pages, request, token.check());
		}
		this.opens.record(token.messageId(), new OpenRequest(request.getMethod(),
				header(request, HttpHeaders.USER_AGENT), purpose(request), this.clock.instant()));
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_GIF)
			.cacheControl(CacheControl.noStore())
			.header("X-Robots-Tag", "noindex, nofollow")
			.header("Referrer-Policy", "no-referrer")
			.header("X-Content-Type-Options", "nosniff")
			.body(PIXEL);
	}

	private static String purpose(HttpServletRequest request) {
		StringBuilder joined = new StringBuilder();
		for (String name : PURPOSE_HEADERS) {
			String value = header(request, name);
			if (value != null) {
				joined.append(value).append(';');
			}
		}
		return (joined.length() > 0) ? joined.toString() : null;
	}

	private static String header(HttpServletRequest request, String name) {
		String value = request.getHeader(name);
		return (value != null && value.length() > MAX_HEADER) ? value.substring(0, MAX_HEADER) : value;
	}

}
