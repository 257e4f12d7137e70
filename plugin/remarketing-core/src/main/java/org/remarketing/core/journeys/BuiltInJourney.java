package org.remarketing.core.journeys;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The journeys shipped with the plugin, one per seed scenario; each is installed once and can then
 * be edited (or disabled) by the store. Delays count from the moment the contact entered the
 * trigger segment (the cart segment lets a cart rest 60 minutes first, so the cart reminders go
 * out 1 h, 24 h and 72 h after the cart was left), or from the moment the trigger event happened.
 */
public enum BuiltInJourney {

	ABANDONED_CART("abandoned-cart", "Abandoned cart",
			"Reminds a shopper of the products left in their cart 1 h, 24 h and 72 h after they left it; stops at the order.",
			JourneyPurpose.REMINDER, "abandoned-cart", 7, true,
			JourneyStep.email(Duration.ZERO, "cart-reminder"),
			JourneyStep.email(Duration.ofHours(23), "cart-reminder"),
			JourneyStep.email(Duration.ofHours(71), "cart-reminder")),

	ABANDONED_CHECKOUT("abandoned-checkout", "Abandoned checkout",
			"Reminds a shopper who started the checkout and gave an email, 1 h and 24 h after they stopped.",
			JourneyPurpose.REMINDER, "abandoned-checkout", 7, true,
			JourneyStep.email(Duration.ZERO, "checkout-reminder"),
			JourneyStep.email(Duration.ofHours(23), "checkout-reminder")),

	BROWSE_ABANDONMENT("browse-abandonment", "Browse abandonment",
			"Shows a shopper the products they looked at closely but did not put in the cart.",
			JourneyPurpose.REMINDER, "browse-abandonment", 14, true,
			JourneyStep.email(Duration.ofHours(2), "browse-reminder")),

	ONE_TIME_WINBACK("one-time-winback", "One-time buyer win-back",
			"Brings back a customer who bought once, at 60 and at 75 days after that order.",
			JourneyPurpose.MARKETING, "one-time-quiet", 90, false,
			JourneyStep.email(Duration.ZERO, "winback"),
			JourneyStep.email(Duration.ofDays(15), "winback")),

	REPLENISHMENT("replenishment", "Replenishment reminder",
			"Tells a customer that what they bought is about to run out.",
			JourneyPurpose.MARKETING, "replenishment-due", 14, false,
			JourneyStep.email(Duration.ZERO, "replenishment")),

	BIRTHDAY("birthday", "Birthday", "Wishes a happy birthday, once a year.",
			JourneyPurpose.MARKETING, "birthday-soon", 300, false,
			JourneyStep.email(Duration.ZERO, "birthday")),

	CROSS_SELL("cross-sell", "Cross-sell to repeat buyers",
			"Suggests products related to what a repeat buyer bought, 3 days after they became one.",
			JourneyPurpose.MARKETING, "repeat-buyers", 30, false,
			JourneyStep.email(Duration.ofDays(3), "cross-sell")),

	NEW_PRODUCTS("new-products", "New products for past buyers",
			"Tells past buyers of a category about the products newly added to it.",
			JourneyPurpose.MARKETING, "new-products-for-past-buyers", 14, false,
			JourneyStep.email(Duration.ZERO, "new-products")),

	/** Started by an event rather than a segment: each order (not an imported past one) starts it. */
	AFTER_ORDER("after-order", "After an order",
			"Suggests products related to what a customer just bought, 7 days after each order (at most once a month).",
			JourneyPurpose.MARKETING, null, "order_placed", 30, false,
			JourneyStep.email(Duration.ofDays(7), "cross-sell"));

	/** Default share of entrants kept back to measure the lift. */
	public static final int DEFAULT_HOLDOUT_PERCENT = 10;

	/** Default conversion window. */
	public static final Duration DEFAULT_GOAL_WINDOW = Duration.ofDays(5);

	private final String code;

	private final String label;

	private final String description;

	private final JourneyPurpose purpose;

	private final String segment;

	private final String event;

	private final int reentryDays;

	private final boolean exitOnLeave;

	private final List<JourneyStep> steps;

	BuiltInJourney(String code, String label, String description, JourneyPurpose purpose, String segment,
			int reentryDays, boolean exitOnLeave, JourneyStep... steps) {
		this(code, label, description, purpose, segment, null, reentryDays, exitOnLeave, steps);
	}

	BuiltInJourney(String code, String label, String description, JourneyPurpose purpose, String segment,
			String event, int reentryDays, boolean exitOnLeave, JourneyStep... steps) {
		this.code = code;
		this.label = label;
		this.description = description;
		this.purpose = purpose;
		this.segment = segment;
		this.event = event;
		this.reentryDays = reentryDays;
		this.exitOnLeave = exitOnLeave;
		this.steps = Arrays.asList(steps);
	}

	public String code() {
		return this.code;
	}

	/** The journey as first installed. */
	public Journey definition() {
		return new Journey(0, this.code, this.label, this.description, true, true, this.purpose, this.segment,
				this.event, this.steps, DEFAULT_HOLDOUT_PERCENT, DEFAULT_GOAL_WINDOW, Duration.ofDays(this.reentryDays),
				this.exitOnLeave);
	}

	/** The template keys the shipped journeys use. */
	public static List<String> templates() {
		return Arrays.stream(values()).flatMap((j) -> j.steps.stream()).map(JourneyStep::template).distinct()
				.collect(Collectors.toList());
	}

}
