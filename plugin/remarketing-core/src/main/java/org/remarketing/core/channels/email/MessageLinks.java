package org.remarketing.core.channels.email;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

import org.remarketing.core.channels.email.LinkTokens.Purpose;

/**
 * Builds the public URLs a message carries, under {@code /api/v1/remarketing/email/**} and
 * {@code /api/v1/remarketing/cart/recover}, each with a signed token naming the message.
 */
public final class MessageLinks {

	/** Public path prefix of the email endpoints. */
	public static final String EMAIL_PATH = "/api/v1/remarketing/email";

	/** Public path of cart recovery. */
	public static final String RECOVERY_PATH = "/api/v1/remarketing/cart/recover";

	private final Supplier<String> baseUrl;

	private final LinkTokens tokens;

	/**
	 * @param baseUrl the store's public base URL (scheme, host, optional port and context path)
	 * @param tokens the signer
	 */
	public MessageLinks(String baseUrl, LinkTokens tokens) {
		this(constant(Objects.requireNonNull(baseUrl, "baseUrl")), tokens);
	}

	/**
	 * @param baseUrl the store's public base URL, read when a link is made (e.g. once the server's
	 * port is known)
	 * @param tokens the signer
	 */
	public MessageLinks(Supplier<String> baseUrl, LinkTokens tokens) {
		this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
		this.tokens = tokens;
	}

	private static Supplier<String> constant(String value) {
		return () -> value;
	}

	public String baseUrl() {
		String base = this.baseUrl.get().trim();
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	public LinkTokens tokens() {
		return this.tokens;
	}

	/** The one-click unsubscribe URL (GET shows a confirmation page; POST unsubscribes, RFC 8058). */
	public String unsubscribe(long messageId) {
		return baseUrl() + EMAIL_PATH + "/unsubscribe?t=" + this.tokens.sign(Purpose.UNSUBSCRIBE, Long.toString(messageId));
	}

	/** The preference page URL (stop reminders only, or all marketing). */
	public String preferences(long messageId) {
		return baseUrl() + EMAIL_PATH + "/preferences?t=" + this.tokens.sign(Purpose.UNSUBSCRIBE, Long.toString(messageId));
	}

	/** The tracked URL of link {@code linkNo} of a message (the target is stored in rmk_message_link). */
	public String click(long messageId, int linkNo) {
		return baseUrl() + EMAIL_PATH + "/click/" + linkNo + "?t=" + this.tokens.sign(Purpose.CLICK, Long.toString(messageId));
	}

	/** The open-tracking pixel URL. */
	public String open(long messageId) {
		return baseUrl() + EMAIL_PATH + "/open?t=" + this.tokens.sign(Purpose.OPEN, Long.toString(messageId));
	}

	/** The cart recovery URL, valid until {@code expires}. */
	public String recovery(long messageId, Instant expires) {
		return baseUrl() + RECOVERY_PATH + "?t="
				+ this.tokens.sign(Purpose.RECOVERY, messageId + ":" + expires.getEpochSecond());
	}

}
