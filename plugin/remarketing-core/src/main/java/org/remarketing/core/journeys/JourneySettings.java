package org.remarketing.core.journeys;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The rules every journey obeys: frequency caps across journeys and channels, quiet hours in the
 * contact's time zone, the store's consent policy, when a step is too stale to send, how long a
 * recovery link lives, and the time scale (the sample store's demo runs minutes for hours).
 */
public final class JourneySettings {

	private int shortCap = 1;

	private Duration shortCapWindow = Duration.ofHours(16);

	private int longCap = 3;

	private Duration longCapWindow = Duration.ofDays(7);

	private LocalTime quietStart = LocalTime.of(21, 0);

	private LocalTime quietEnd = LocalTime.of(8, 0);

	private boolean quietHours = true;

	private ZoneId defaultZone = ZoneId.of("UTC");

	private ConsentPolicy consentPolicy = ConsentPolicy.SOFT_OPT_IN;

	private Duration giveUpAfter = Duration.ofHours(72);

	private Duration recoveryValidity = Duration.ofDays(14);

	private Duration contentRetention = Duration.ofDays(90);

	private double timeScale = 1.0;

	private String from = "shop@localhost";

	private String unsubscribeMailto;

	/** How the store collects email consent. */
	public enum ConsentPolicy {

		/** Only contacts whose latest email consent is a grant get marketing email. */
		EXPLICIT,

		/**
		 * Reminders about their own cart, checkout or products go to a shopper who gave their email
		 * (at checkout, with the notice and the opt-out beside the field) and did not refuse; other
		 * marketing needs a grant, or a past purchase (soft opt-in for customers).
		 */
		SOFT_OPT_IN

	}

	/** Time scaled for demos: {@code timeScale} 1/60 turns hours into minutes. */
	public Duration scaled(Duration duration) {
		if (this.timeScale == 1.0) {
			return duration;
		}
		return Duration.ofMillis(Math.round(duration.toMillis() * this.timeScale));
	}

	public int shortCap() {
		return this.shortCap;
	}

	public Duration shortCapWindow() {
		return scaled(this.shortCapWindow);
	}

	public int longCap() {
		return this.longCap;
	}

	public Duration longCapWindow() {
		return scaled(this.longCapWindow);
	}

	public LocalTime quietStart() {
		return this.quietStart;
	}

	public LocalTime quietEnd() {
		return this.quietEnd;
	}

	/** Quiet hours apply (they do not in demo timing, where a day lasts 24 minutes). */
	public boolean quietHours() {
		return this.quietHours && this.timeScale == 1.0;
	}

	public ZoneId defaultZone() {
		return this.defaultZone;
	}

	public ConsentPolicy consentPolicy() {
		return this.consentPolicy;
	}

	public Duration giveUpAfter() {
		return scaled(this.giveUpAfter);
	}

	public Duration recoveryValidity() {
		return this.recoveryValidity;
	}

	public double timeScale() {
		return this.timeScale;
	}

	public String from() {
		return this.from;
	}

	/** The mailto address of List-Unsubscribe (null: the From address). */
	public String unsubscribeMailto() {
		return (this.unsubscribeMailto != null) ? this.unsubscribeMailto : addressOf(this.from);
	}

	private static String addressOf(String from) {
		int lt = from.indexOf('<');
		int gt = from.indexOf('>');
		return (lt >= 0 && gt > lt) ? from.substring(lt + 1, gt).trim() : from.trim();
	}

	public JourneySettings caps(int shortCap, Duration shortWindow, int longCap, Duration longWindow) {
		if (shortCap < 1 || longCap < 1 || shortWindow.isNegative() || longWindow.isNegative()) {
			throw new IllegalArgumentException("Frequency caps are at least 1 message per positive window");
		}
		this.shortCap = shortCap;
		this.shortCapWindow = shortWindow;
		this.longCap = longCap;
		this.longCapWindow = longWindow;
		return this;
	}

	public JourneySettings quietHours(boolean enabled, LocalTime start, LocalTime end) {
		this.quietHours = enabled;
		this.quietStart = Objects.requireNonNull(start);
		this.quietEnd = Objects.requireNonNull(end);
		return this;
	}

	public JourneySettings defaultZone(ZoneId zone) {
		this.defaultZone = Objects.requireNonNull(zone);
		return this;
	}

	public JourneySettings consentPolicy(ConsentPolicy policy) {
		this.consentPolicy = Objects.requireNonNull(policy);
		return this;
	}

	public JourneySettings giveUpAfter(Duration giveUp) {
		this.giveUpAfter = Objects.requireNonNull(giveUp);
		return this;
	}

	public JourneySettings recoveryValidity(Duration validity) {
		this.recoveryValidity = Objects.requireNonNull(validity);
		return this;
	}

	/** How long a message's rendered content is kept after its last change (zero: kept). */
	public JourneySettings contentRetention(Duration retention) {
		if (retention.isNegative()) {
			throw new IllegalArgumentException("remarketing.journeys.content-retention must not be negative");
		}
		this.contentRetention = retention;
		return this;
	}

	/** Real time, never scaled: a privacy promise, not a journey delay. */
	public Duration contentRetention() {
		return this.contentRetention;
	}

	/** 1 for real time; 1/60 for the demo (hours become minutes). */
	public JourneySettings timeScale(double scale) {
		if (!(scale > 0) || scale > 1) {
			throw new IllegalArgumentException("The time scale is above 0 and at most 1");
		}
		this.timeScale = scale;
		return this;
	}

	public JourneySettings from(String from) {
		this.from = Objects.requireNonNull(from);
		return this;
	}

	public JourneySettings unsubscribeMailto(String mailto) {
		this.unsubscribeMailto = mailto;
		return this;
	}

}
