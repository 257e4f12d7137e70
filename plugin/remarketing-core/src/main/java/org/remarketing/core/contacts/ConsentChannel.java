package org.remarketing.core.contacts;

import java.util.Locale;
import java.util.Optional;

/** The channels a contact consents to, one consent history each ({@code rmk_consent.channel}). */
public enum ConsentChannel {

	EMAIL, SMS, WEB_PUSH,

	/** On-site personalisation (offers shown by tracker.js). */
	ONSITE;

	/** Accepts {@code email}, {@code EMAIL}, {@code web_push}, {@code web-push}... */
	public static Optional<ConsentChannel> parse(Object value) {
		if (value == null) {
			return Optional.empty();
		}
		String name = value.toString().trim().toUpperCase(Locale.ROOT).replace('-', '_');
		for (ConsentChannel channel : values()) {
			if (channel.name().equals(name)) {
				return Optional.of(channel);
			}
		}
		return Optional.empty();
	}

}
