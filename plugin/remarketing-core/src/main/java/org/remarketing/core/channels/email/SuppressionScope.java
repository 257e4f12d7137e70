package org.remarketing.core.channels.email;

/**
 * What a suppressed address gets no more ({@code rmk_suppression.scope}): all marketing, or the
 * reminders only (mail about a cart, a checkout or products the shopper was looking at).
 */
public enum SuppressionScope {

	/** No marketing mail at all. */
	ALL,

	/** No reminders; other marketing (win-back, birthday, news) may still be sent. */
	REMINDERS;

	/** Whether a suppression of this scope already keeps back everything {@code other} would. */
	public boolean covers(SuppressionScope other) {
		return this == ALL || this == other;
	}

	/** The stored scope; an unknown value reads as ALL (the safe side). */
	static SuppressionScope read(String stored) {
		return REMINDERS.name().equals(stored) ? REMINDERS : ALL;
	}

}
