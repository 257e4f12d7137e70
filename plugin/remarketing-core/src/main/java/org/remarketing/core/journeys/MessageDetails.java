package org.remarketing.core.journeys;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One message with what was sent (subject, text and HTML as rendered), how often sending was tried,
 * what happened to it afterwards, and the run it belongs to (held out or not, converted or not).
 */
public final class MessageDetails {

	private final LoggedMessage message;

	private final String bodyHtml;

	private final String bodyText;

	private final String locale;

	private final int attempts;

	private final Instant lastAttemptAt;

	private final List<MessageEvent> events;

	private final Run run;

	MessageDetails(LoggedMessage message, String bodyHtml, String bodyText, String locale, int attempts,
			Instant lastAttemptAt, List<MessageEvent> events, Run run) {
		this.message = message;
		this.bodyHtml = bodyHtml;
		this.bodyText = bodyText;
		this.locale = locale;
		this.attempts = attempts;
		this.lastAttemptAt = lastAttemptAt;
		this.events = List.copyOf(events);
		this.run = run;
	}

	public LoggedMessage message() {
		return this.message;
	}

	/** The HTML part as sent: shopper data in it is escaped by the template, but it is still a whole document. */
	public String bodyHtml() {
		return this.bodyHtml;
	}

	public String bodyText() {
		return this.bodyText;
	}

	public String locale() {
		return this.locale;
	}

	public int attempts() {
		return this.attempts;
	}

	public Instant lastAttemptAt() {
		return this.lastAttemptAt;
	}

	/** Oldest first. */
	public List<MessageEvent> events() {
		return this.events;
	}

	/** The run, or null when it no longer exists. */
	public Run run() {
		return this.run;
	}

	/** The journey run a message belongs to. */
	public static final class Run {

		private final String state;

		private final boolean holdout;

		private final Instant enteredAt;

		private final Instant endedAt;

		private final String exitReason;

		private final Instant convertedAt;

		private final String orderId;

		private final BigDecimal revenue;

		Run(String state, boolean holdout, Instant enteredAt, Instant endedAt, String exitReason, Instant convertedAt,
				String orderId, BigDecimal revenue) {
			this.state = state;
			this.holdout = holdout;
			this.enteredAt = enteredAt;
			this.endedAt = endedAt;
			this.exitReason = exitReason;
			this.convertedAt = convertedAt;
			this.orderId = orderId;
			this.revenue = revenue;
		}

		/** ACTIVE, COMPLETED or EXITED. */
		public String state() {
			return this.state;
		}

		public boolean holdout() {
			return this.holdout;
		}

		public Instant enteredAt() {
			return this.enteredAt;
		}

		public Instant endedAt() {
			return this.endedAt;
		}

		public String exitReason() {
			return this.exitReason;
		}

		public Instant convertedAt() {
			return this.convertedAt;
		}

		public String orderId() {
			return this.orderId;
		}

		public BigDecimal revenue() {
			return this.revenue;
		}

	}

}
