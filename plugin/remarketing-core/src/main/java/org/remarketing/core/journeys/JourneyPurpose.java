package org.remarketing.core.journeys;

/**
 * What kind of mail a journey sends, for the shopper's preferences: a reminder about something
 * they were doing (cart, checkout, products looked at), or other marketing (win-back, birthday,
 * replenishment, cross-sell, new products). "Stop reminders" stops the first kind only.
 */
public enum JourneyPurpose {

	REMINDER, MARKETING

}
