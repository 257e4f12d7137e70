package org.remarketing.core.journeys;

import java.time.Duration;
import java.util.Objects;

/**
 * One step of a journey: wait {@link #delay()} after the contact entered, then send
 * {@link #template()} on {@link #channel()}.
 */
public final class JourneyStep {

	/** The longest delay a step may have. */
	public static final Duration MAX_DELAY = Duration.ofDays(365);

	private final Duration delay;

	private final String channel;

	private final String template;

	public JourneyStep(Duration delay, String channel, String template) {
		this.delay = Objects.requireNonNull(delay, "delay");
		this.channel = Objects.requireNonNull(channel, "channel");
		this.template = Objects.requireNonNull(template, "template");
	}

	/** An email step. */
	public static JourneyStep email(Duration delay, String template) {
		return new JourneyStep(delay, "EMAIL", template);
	}

	/** Time after entry. */
	public Duration delay() {
		return this.delay;
	}

	/** EMAIL (on-site and web push come with the next channels). */
	public String channel() {
		return this.channel;
	}

	/** The template key, e.g. {@code cart-reminder}. */
	public String template() {
		return this.template;
	}

	@Override
	public boolean equals(Object other) {
		if (!(other instanceof JourneyStep)) {
			return false;
		}
		JourneyStep that = (JourneyStep) other;
		return this.delay.equals(that.delay) && this.channel.equals(that.channel) && this.template.equals(that.template);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.delay, this.channel, this.template);
	}

	@Override
	public String toString() {
		return this.channel + " " + this.template + " after " + this.delay;
	}

}
