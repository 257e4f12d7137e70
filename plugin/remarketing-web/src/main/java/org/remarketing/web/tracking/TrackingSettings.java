package org.remarketing.web.tracking;

/**
 * What the tracking endpoint needs to know from the plugin's configuration
 * ({@code remarketing.tracking.*}).
 */
public final class TrackingSettings {

	private final boolean consentRequired;

	private final boolean rateLimitEnabled;

	private final int eventsPerVisitorPerMinute;

	private final int eventsPerIpPerMinute;

	private final int maxTrackedKeys;

	public TrackingSettings(boolean consentRequired, boolean rateLimitEnabled, int eventsPerVisitorPerMinute,
			int eventsPerIpPerMinute, int maxTrackedKeys) {
		if (eventsPerVisitorPerMinute < 1 || eventsPerIpPerMinute < 1 || maxTrackedKeys < 1) {
			throw new IllegalArgumentException("remarketing.tracking.rate-limit.* must be positive numbers");
		}
		this.consentRequired = consentRequired;
		this.rateLimitEnabled = rateLimitEnabled;
		this.eventsPerVisitorPerMinute = eventsPerVisitorPerMinute;
		this.eventsPerIpPerMinute = eventsPerIpPerMinute;
		this.maxTrackedKeys = maxTrackedKeys;
	}

	/** Defaults: no consent needed, 120 events a minute per visitor, 600 per IP, 100,000 keys each. */
	public static TrackingSettings defaults() {
		return new TrackingSettings(false, true, 120, 600, 100_000);
	}

	public boolean consentRequired() {
		return this.consentRequired;
	}

	public boolean rateLimitEnabled() {
		return this.rateLimitEnabled;
	}

	public int eventsPerVisitorPerMinute() {
		return this.eventsPerVisitorPerMinute;
	}

	public int eventsPerIpPerMinute() {
		return this.eventsPerIpPerMinute;
	}

	public int maxTrackedKeys() {
		return this.maxTrackedKeys;
	}

	public TrackingSettings withConsentRequired(boolean required) {
		return new TrackingSettings(required, this.rateLimitEnabled, this.eventsPerVisitorPerMinute,
				this.eventsPerIpPerMinute, this.maxTrackedKeys);
	}

	public TrackingSettings withRateLimit(boolean enabled, int perVisitor, int perIp) {
		return new TrackingSettings(this.consentRequired, enabled, perVisitor, perIp, this.maxTrackedKeys);
	}

}
