package org.remarketing.web.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.remarketing.core.tracking.EventType;

/** A request body once read and validated: what the tracker said about consent, and its events. */
final class BrowserBatch {

	/** True or false when the page said so ({@code rmk('consent', …)}); null when it did not. */
	final Boolean consent;

	/** The browser asks not to be tracked (navigator.doNotTrack / globalPrivacyControl). */
	final boolean doNotTrack;

	final List<Event> events;

	BrowserBatch(Boolean consent, boolean doNotTrack, List<Event> events) {
		this.consent = consent;
		this.doNotTrack = doNotTrack;
		this.events = events;
	}

	static final class Event {

		final EventType type;

		/** The tracker's own id for the event (a UUID), or null. */
		final String clientId;

		final Instant occurredAt;

		final String url;

		final String referrer;

		/** Validated details, without the email. */
		final Map<String, Object> properties;

		/** For email_captured and email_opt_out: the address typed, lower-cased; else null. */
		final String email;

		Event(EventType type, String clientId, Instant occurredAt, String url, String referrer,
				Map<String, Object> properties, String email) {
			this.type = type;
			this.clientId = clientId;
			this.occurredAt = occurredAt;
			this.url = url;
			this.referrer = referrer;
			this.properties = properties;
			this.email = email;
		}

	}

}
