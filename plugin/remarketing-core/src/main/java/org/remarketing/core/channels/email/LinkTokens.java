package org.remarketing.core.channels.email;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the tokens carried by the links of a message (unsubscribe, preferences, click,
 * open, cart recovery): {@code base64url(payload) "." base64url(tag)}, where the tag is the first
 * 16 bytes of HMAC-SHA256 over the purpose and the payload with the per-install secret. A token made
 * for one purpose is refused for another; an altered, truncated or stripped token is refused.
 */
public final class LinkTokens {

	private static final String ALGORITHM = "HmacSHA256";

	private static final int TAG_BYTES = 16;

	/** Tokens are short; anything longer is refused before any work. */
	public static final int MAX_TOKEN_LENGTH = 512;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final SecretKeySpec key;

	/** @param secret the per-install secret (at least 32 bytes) */
	public LinkTokens(byte[] secret) {
		Objects.requireNonNull(secret, "secret");
		if (secret.length < 32) {
			throw new IllegalArgumentException("The link secret must have at least 32 bytes");
		}
		this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
	}

	/** A token carrying {@code payload} for {@code purpose}. */
	public String sign(Purpose purpose, String payload) {
		byte[] data = payload.getBytes(StandardCharsets.UTF_8);
		return ENCODER.encodeToString(data) + "." + ENCODER.encodeToString(tag(purpose, data));
	}

	/** The payload of a token made for {@code purpose}, or empty when it is malformed, altered or for another purpose. */
	public Optional<String> verify(Purpose purpose, String token) {
		if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
			return Optional.empty();
		}
		int dot = token.indexOf('.');
		if (dot <= 0 || dot != token.lastIndexOf('.') || dot == token.length() - 1) {
			return Optional.empty();
		}
		try {
			byte[] data = DECODER.decode(token.substring(0, dot));
			byte[] given = DECODER.decode(token.substring(dot + 1));
			if (!MessageDigest.isEqual(given, tag(purpose, data))) {
				return Optional.empty();
			}
			return Optional.of(new String(data, StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private byte[] tag(Purpose purpose, byte[] data) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			mac.update(purpose.name().getBytes(StandardCharsets.US_ASCII));
			mac.update((byte) 0);
			return Arrays.copyOf(mac.doFinal(data), TAG_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available in this JVM", ex);
		}
	}

	/** What a token may be used for. */
	public enum Purpose {

		/** Unsubscribe and preferences; payload: the message id. Does not expire. */
		UNSUBSCRIBE,

		/** Click redirects; payload: the message id (the link number is in the path, the URL in rmk_message_link). */
		CLICK,

		/** Open pixel; payload: the message id. */
		OPEN,

		/** Cart recovery; payload: {@code messageId:expiresEpochSecond}. */
		RECOVERY

	}

}
