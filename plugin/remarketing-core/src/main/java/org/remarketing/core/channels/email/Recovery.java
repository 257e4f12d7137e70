package org.remarketing.core.channels.email;

import java.util.Optional;

/** The outcome of checking a cart recovery link: valid with its target, or why not. */
public final class Recovery {

	/** Whether the link may be followed. */
	public enum Status {

		/** Signed here, unaltered, not expired, and its message and run exist. */
		VALID,

		/** Malformed, forged, altered, truncated or made for another purpose. */
		INVALID,

		/** Genuine but past the expiry it carries. */
		EXPIRED,

		/** Genuine, but its message or journey run is gone (erased, pruned). */
		UNKNOWN

	}

	private final Status status;

	private final RecoveryTarget target;

	Recovery(Status status, RecoveryTarget target) {
		this.status = status;
		this.target = target;
	}

	static Recovery of(Status status) {
		return new Recovery(status, null);
	}

	public Status status() {
		return this.status;
	}

	/** The cart to restore, when {@link #status()} is VALID. */
	public Optional<RecoveryTarget> target() {
		return Optional.ofNullable(this.target);
	}

}
