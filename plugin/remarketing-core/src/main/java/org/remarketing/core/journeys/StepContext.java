package org.remarketing.core.journeys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Everything a renderer may use for one message: the journey and step, the contact (first name,
 * language, funnel stage), the run's products and cart, and the message's links. A link to the
 * store is registered with {@link #track(String)}, which returns the click-tracking URL; the
 * target is stored with the message, so the click endpoint redirects only there.
 */
public final class StepContext {

	private final long messageId;

	private final String journeyCode;

	private final JourneyPurpose purpose;

	private final int stepNo;

	private final int stepCount;

	private final String template;

	private final long contactId;

	private final String firstName;

	private final Locale locale;

	private final String stage;

	private final String cartCode;

	private final List<RunProduct> products;

	private final String unsubscribeUrl;

	private final String preferencesUrl;

	private final String openPixelUrl;

	private final String recoveryUrl;

	private final BiFunction<Long, Integer, String> clickUrl;

	private final List<String> links = new ArrayList<>();

	private final Instant now;

	StepContext(long messageId, String journeyCode, JourneyPurpose purpose, int stepNo, int stepCount,
			String template, long contactId, String firstName, Locale locale, String stage, String cartCode,
			List<RunProduct> products, String unsubscribeUrl, String preferencesUrl, String openPixelUrl,
			String recoveryUrl, BiFunction<Long, Integer, String> clickUrl, Instant now) {
		this.messageId = messageId;
		this.journeyCode = journeyCode;
		this.purpose = purpose;
		this.stepNo = stepNo;
		this.stepCount = stepCount;
		this.template = template;
		this.contactId = contactId;
		this.firstName = firstName;
		this.locale = locale;
		this.stage = stage;
		this.cartCode = cartCode;
		this.products = List.copyOf(products);
		this.unsubscribeUrl = unsubscribeUrl;
		this.preferencesUrl = preferencesUrl;
		this.openPixelUrl = openPixelUrl;
		this.recoveryUrl = recoveryUrl;
		this.clickUrl = clickUrl;
		this.now = now;
	}

	/**
	 * Registers a link to the store and returns the URL to put in the message (a click-tracking
	 * URL, or the URL itself in previews). Only http and https URLs are accepted; anything else
	 * comes back as null.
	 */
	public String track(String url) {
		if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
			return null;
		}
		int index = this.links.indexOf(url);
		if (index < 0) {
			this.links.add(url);
			index = this.links.size() - 1;
		}
		return this.clickUrl.apply(this.messageId, index + 1);
	}

	/** The links registered so far; link number n is element n − 1. */
	public List<String> links() {
		return Collections.unmodifiableList(this.links);
	}

	public long messageId() {
		return this.messageId;
	}

	public String journeyCode() {
		return this.journeyCode;
	}

	public JourneyPurpose purpose() {
		return this.purpose;
	}

	/** 1-based. */
	public int stepNo() {
		return this.stepNo;
	}

	public int stepCount() {
		return this.stepCount;
	}

	public String template() {
		return this.template;
	}

	public long contactId() {
		return this.contactId;
	}

	public String firstName() {
		return this.firstName;
	}

	public Locale locale() {
		return this.locale;
	}

	/** The contact's funnel stage when they entered (discovering, considering, intending, customer, loyal). */
	public String stage() {
		return this.stage;
	}

	public String cartCode() {
		return this.cartCode;
	}

	public List<RunProduct> products() {
		return this.products;
	}

	public String unsubscribeUrl() {
		return this.unsubscribeUrl;
	}

	public String preferencesUrl() {
		return this.preferencesUrl;
	}

	/** Null in previews. */
	public String openPixelUrl() {
		return this.openPixelUrl;
	}

	/** The cart recovery link (null when the run has no cart). */
	public String recoveryUrl() {
		return this.recoveryUrl;
	}

	public Instant now() {
		return this.now;
	}

}
