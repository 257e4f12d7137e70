package org.remarketing.core.channels.email;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything one journey email is made of, before rendering. Immutable; built with
 * {@link #builder()}. The required links must be absolute {@code http(s)} URLs
 * ({@link Builder#build()} fails otherwise); optional links that are not are left out of the
 * email.
 */
public final class EmailModel {

	/** The journey templates the plugin ships, in English and Vietnamese. */
	public static final List<String> SHIPPED_TEMPLATES = List.of("cart-reminder", "checkout-reminder",
			"browse-reminder", "winback", "replenishment", "birthday", "cross-sell", "new-products");

	/** A key names files ({@code email/<key>.ftlh}): lower-case words joined by hyphens, nothing else. */
	private static final Pattern TEMPLATE_KEY = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	private final String template;

	private final int step;

	private final Locale locale;

	private final Tone tone;

	private final String firstName;

	private final StoreBrand store;

	private final List<ProductLine> products;

	private final List<ProductLine> related;

	private final String primaryUrl;

	private final String unsubscribeUrl;

	private final String preferencesUrl;

	private final String openPixelUrl;

	private final String offerText;

	private EmailModel(Builder builder) {
		Objects.requireNonNull(builder.template, "template");
		if (!TEMPLATE_KEY.matcher(builder.template).matches()) {
			throw new IllegalArgumentException("template must be a key such as cart-reminder (lower-case words and hyphens)");
		}
		if (builder.step < 1) {
			throw new IllegalArgumentException("step is 1-based");
		}
		this.template = builder.template;
		this.step = builder.step;
		this.locale = (builder.locale != null) ? builder.locale : Locale.ENGLISH;
		this.tone = (builder.tone != null) ? builder.tone : Tone.GENTLE;
		this.firstName = builder.firstName;
		this.store = Objects.requireNonNull(builder.store, "store");
		this.products = List.copyOf(builder.products);
		this.related = List.copyOf(builder.related);
		this.primaryUrl = EmailUrls.required(builder.primaryUrl, "primaryUrl");
		this.unsubscribeUrl = EmailUrls.required(builder.unsubscribeUrl, "unsubscribeUrl");
		this.preferencesUrl = EmailUrls.required(builder.preferencesUrl, "preferencesUrl");
		this.openPixelUrl = builder.openPixelUrl;
		this.offerText = builder.offerText;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** The journey template key, e.g. {@code cart-reminder}: names {@code email/<key>.ftlh} and {@code .ftl}. */
	public String template() {
		return this.template;
	}

	/** The 1-based step of the journey: later reminders may word things a little more firmly. */
	public int step() {
		return this.step;
	}

	/** The contact's locale; English and Vietnamese are shipped, any other renders in English. */
	public Locale locale() {
		return this.locale;
	}

	public Tone tone() {
		return this.tone;
	}

	/** Nullable. */
	public String firstName() {
		return this.firstName;
	}

	public StoreBrand store() {
		return this.store;
	}

	/** The journey's products (cart lines, viewed, bought or new products). */
	public List<ProductLine> products() {
		return this.products;
	}

	/** Related products shown in a row below the main content; may be empty. */
	public List<ProductLine> related() {
		return this.related;
	}

	/** The main button: the recovery link for cart and checkout, else a (tracked) store link. */
	public String primaryUrl() {
		return this.primaryUrl;
	}

	/** The one-click unsubscribe page, shown in the footer. */
	public String unsubscribeUrl() {
		return this.unsubscribeUrl;
	}

	/** The email preferences page, shown in the footer. */
	public String preferencesUrl() {
		return this.preferencesUrl;
	}

	/** Nullable; when set, a 1×1 image at the end of the HTML part. */
	public String openPixelUrl() {
		return this.openPixelUrl;
	}

	/** Nullable: an offer line such as "10% off with code …", shown when present. */
	public String offerText() {
		return this.offerText;
	}

	/**
	 * Builds an {@link EmailModel}. Required: {@code template}, {@code store},
	 * {@code primaryUrl}, {@code unsubscribeUrl}, {@code preferencesUrl}. Defaults: step 1,
	 * English, {@link Tone#GENTLE}, no products.
	 */
	public static final class Builder {

		private String template;

		private int step = 1;

		private Locale locale;

		private Tone tone;

		private String firstName;

		private StoreBrand store;

		private List<ProductLine> products = List.of();

		private List<ProductLine> related = List.of();

		private String primaryUrl;

		private String unsubscribeUrl;

		private String preferencesUrl;

		private String openPixelUrl;

		private String offerText;

		private Builder() {
		}

		public Builder template(String template) {
			this.template = template;
			return this;
		}

		public Builder step(int step) {
			this.step = step;
			return this;
		}

		public Builder locale(Locale locale) {
			this.locale = locale;
			return this;
		}

		public Builder tone(Tone tone) {
			this.tone = tone;
			return this;
		}

		public Builder firstName(String firstName) {
			this.firstName = firstName;
			return this;
		}

		public Builder store(StoreBrand store) {
			this.store = store;
			return this;
		}

		public Builder products(List<ProductLine> products) {
			this.products = Objects.requireNonNull(products, "products");
			return this;
		}

		public Builder related(List<ProductLine> related) {
			this.related = Objects.requireNonNull(related, "related");
			return this;
		}

		public Builder primaryUrl(String primaryUrl) {
			this.primaryUrl = primaryUrl;
			return this;
		}

		public Builder unsubscribeUrl(String unsubscribeUrl) {
			this.unsubscribeUrl = unsubscribeUrl;
			return this;
		}

		public Builder preferencesUrl(String preferencesUrl) {
			this.preferencesUrl = preferencesUrl;
			return this;
		}

		public Builder openPixelUrl(String openPixelUrl) {
			this.openPixelUrl = openPixelUrl;
			return this;
		}

		public Builder offerText(String offerText) {
			this.offerText = offerText;
			return this;
		}

		public EmailModel build() {
			return new EmailModel(this);
		}

	}

}
