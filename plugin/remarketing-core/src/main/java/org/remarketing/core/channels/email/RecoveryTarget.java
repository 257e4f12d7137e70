package org.remarketing.core.channels.email;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The cart a recovery link brings back: whose run it was, the cart's code in the store when the
 * journey started, and the products it held then. The store decides how to restore it in the
 * browser; it must never sign anyone in.
 */
public final class RecoveryTarget {

	private final long messageId;

	private final long runId;

	private final long contactId;

	private final String cartCode;

	private final String productsJson;

	private final List<RecoveryLine> lines;

	RecoveryTarget(long messageId, long runId, long contactId, String cartCode, String productsJson,
			List<RecoveryLine> lines) {
		this.messageId = messageId;
		this.runId = runId;
		this.contactId = contactId;
		this.cartCode = cartCode;
		this.productsJson = productsJson;
		this.lines = Collections.unmodifiableList(lines);
	}

	public long messageId() {
		return this.messageId;
	}

	public long runId() {
		return this.runId;
	}

	public long contactId() {
		return this.contactId;
	}

	/** The store's code of the cart the journey was about, if the run has one. */
	public Optional<String> cartCode() {
		return Optional.ofNullable(this.cartCode);
	}

	/** The run's {@code products_json} as stored, if any (opaque to the plugin's callers that do not need lines). */
	public Optional<String> productsJson() {
		return Optional.ofNullable(this.productsJson);
	}

	/** The products read from {@code products_json}; empty when it is absent or not the expected array. */
	public List<RecoveryLine> lines() {
		return this.lines;
	}

}
