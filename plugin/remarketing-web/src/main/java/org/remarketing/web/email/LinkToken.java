package org.remarketing.web.email;

import java.util.Optional;
import java.util.regex.Pattern;

import org.remarketing.core.channels.email.LinkTokens;
import org.remarketing.core.channels.email.LinkTokens.Purpose;

/**
 * The {@code t} parameter of an email link, checked in order: present, of the right size and
 * shape (refused before any cryptography), then signed for the purpose and naming a message.
 */
final class LinkToken {

	/** Base64url payload, a dot, base64url tag. */
	private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,500}\\.[A-Za-z0-9_-]{1,100}");

	private static final Pattern MESSAGE_ID = Pattern.compile("[1-9][0-9]{0,17}");

	/** Why a token was refused, or OK. */
	enum Check {

		OK, MISSING, MALFORMED, FORGED

	}

	private final Check check;

	private final long messageId;

	private LinkToken(Check check, long messageId) {
		this.check = check;
		this.messageId = messageId;
	}

	/** The size and shape check alone (for tokens whose payload is not a bare message id). */
	static Check shape(String token) {
		if (token == null || token.isEmpty()) {
			return Check.MISSING;
		}
		if (token.length() > LinkTokens.MAX_TOKEN_LENGTH || !SHAPE.matcher(token).matches()) {
			return Check.MALFORMED;
		}
		return Check.OK;
	}

	/** A token whose payload is the id of a message. */
	static LinkToken of(LinkTokens tokens, Purpose purpose, String token) {
		Check shape = shape(token);
		if (shape != Check.OK) {
			return new LinkToken(shape, 0);
		}
		Optional<String> payload = tokens.verify(purpose, token);
		if (payload.isEmpty() || !MESSAGE_ID.matcher(payload.get()).matches()) {
			return new LinkToken(Check.FORGED, 0);
		}
		return new LinkToken(Check.OK, Long.parseLong(payload.get()));
	}

	Check check() {
		return this.check;
	}

	boolean valid() {
		return this.check == Check.OK;
	}

	long messageId() {
		return this.messageId;
	}

}
