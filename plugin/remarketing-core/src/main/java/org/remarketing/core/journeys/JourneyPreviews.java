package org.remarketing.core.journeys;

import java.util.Objects;

/**
 * The template editor's live preview and test send: a step of a journey rendered for a chosen
 * contact exactly as it would be sent (links are marked as previews and do not track).
 */
public interface JourneyPreviews {

	/**
	 * @throws JourneyException if the journey, the step or the contact does not exist
	 */
	Preview preview(String journeyCode, int stepNo, long contactId);

	/**
	 * Sends the rendered step to {@code to} (a staff address), marked as a test in the subject; it
	 * is logged but counts for no result, cap or conversion.
	 * @throws JourneyException if the journey, the step or the contact does not exist, or the mail server refuses
	 */
	Preview testSend(String journeyCode, int stepNo, long contactId, String to);

	/** A rendered message. */
	final class Preview {

		private final String subject;

		private final String html;

		private final String text;

		public Preview(String subject, String html, String text) {
			this.subject = Objects.requireNonNull(subject, "subject");
			this.html = Objects.requireNonNull(html, "html");
			this.text = Objects.requireNonNull(text, "text");
		}

		public String subject() {
			return this.subject;
		}

		public String html() {
			return this.html;
		}

		public String text() {
			return this.text;
		}

	}

}
