package org.remarketing.core.journeys;

/**
 * The template editor's live preview and test send: a step of a journey rendered for a chosen
 * contact exactly as it would be sent (links are marked as previews and do not track).
 */
public interface JourneyPreviews {

	/**
	 * @throws JourneyException if the journey, the step or the contact does not exist
	 */
	StepRenderer.Rendered preview(String journeyCode, int stepNo, long contactId);

	/**
	 * Sends the rendered step to {@code to} (a staff address), marked as a test in the subject; it
	 * is logged but counts for no result, cap or conversion.
	 * @throws JourneyException if the journey, the step or the contact does not exist, or the mail server refuses
	 */
	StepRenderer.Rendered testSend(String journeyCode, int stepNo, long contactId, String to);

}
