package org.remarketing.core.journeys;

import java.util.Objects;

/**
 * Turns a due step into the message's content. The email implementation builds the template
 * model from the catalog and renders it; tests plug in their own.
 */
@FunctionalInterface
public interface StepRenderer {

	/** Renders a step; links to the store go through {@link StepContext#track(String)}. */
	Rendered render(StepContext context);

	/** A rendered message. */
	final class Rendered {

		private final String subject;

		private final String html;

		private final String text;

		public Rendered(String subject, String html, String text) {
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
