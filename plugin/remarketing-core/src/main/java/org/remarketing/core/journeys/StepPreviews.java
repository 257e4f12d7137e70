package org.remarketing.core.journeys;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.remarketing.core.channels.email.MailFailure;
import org.remarketing.core.channels.email.MailTransport;
import org.remarketing.core.channels.email.MessageLinks;
import org.remarketing.core.channels.email.OutgoingEmail;
import org.remarketing.core.shop.CatalogNews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link JourneyPreviews} with the journeys' own renderer: the step rendered for a chosen contact
 * as a run starting now would show it (same products, tone and language), without tracking links.
 * A test send goes to a staff address with "[TEST]" in the subject and no unsubscribe headers; it
 * is no message of any run, so it counts for no result, cap or conversion.
 */
public class StepPreviews implements JourneyPreviews {

	private static final Logger log = LoggerFactory.getLogger(StepPreviews.class);

	private final JdbcTemplate jdbc;

	private final JourneyStore store;

	private final StepRenderer renderer;

	private final MailTransport transport;

	private final JourneySettings settings;

	private final MessageLinks links;

	private final Clock clock;

	private volatile CatalogNews catalogNews;

	public StepPreviews(DataSource dataSource, JourneyStore store, StepRenderer renderer, MailTransport transport,
			JourneySettings settings, MessageLinks links, Clock clock) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.store = store;
		this.renderer = renderer;
		this.transport = transport;
		this.settings = settings;
		this.links = links;
		this.clock = clock;
	}

	/** The store catalog's new products, which the new-products journey shows (as its runs do). */
	public void setCatalogNews(CatalogNews catalogNews) {
		this.catalogNews = catalogNews;
	}

	@Override
	public StepRenderer.Rendered preview(String journeyCode, int stepNo, long contactId) {
		return this.renderer.render(context(journeyCode, stepNo, contactId));
	}

	@Override
	public StepRenderer.Rendered testSend(String journeyCode, int stepNo, long contactId, String to) {
		StepRenderer.Rendered preview = preview(journeyCode, stepNo, contactId);
		String subject = "[TEST] " + preview.subject();
		try {
			this.transport.send(new OutgoingEmail(this.settings.from(), to, subject, preview.html(), preview.text(),
					"test-" + UUID.randomUUID() + "@remarketing", null, null));
		}
		catch (MailFailure failure) {
			throw new JourneyException("to", "The mail server did not take the test message: " + failure.getMessage());
		}
		log.info("Remarketing test send of journey '{}' step {} (contact {})", journeyCode, stepNo, contactId);
		return new StepRenderer.Rendered(subject, preview.html(), preview.text());
	}

	private StepContext context(String journeyCode, int stepNo, long contactId) {
		Journey journey = this.store.find(journeyCode).orElseThrow(() -> new JourneyException("journey", "No journey " + journeyCode));
		if (stepNo < 1 || stepNo > journey.steps().size()) {
			throw new JourneyException("step", "Journey " + journeyCode + " has steps 1 to " + journey.steps().size());
		}
		List<Map<String, Object>> rows = this.jdbc.queryForList("SELECT first_name, language, stage, cart_code FROM rmk_contact"
				+ " WHERE id = ? AND merged_into IS NULL", contactId);
		if (rows.isEmpty()) {
			throw new JourneyException("contact", "No contact " + contactId);
		}
		Map<String, Object> row = lower(rows.get(0));
		String language = (String) row.get("language");
		Locale locale = (language != null && !language.isBlank()) ? Locale.forLanguageTag(language.replace('_', '-')) : Locale.ENGLISH;
		Instant now = this.clock.instant();
		String cartCode = (String) row.get("cart_code");
		JourneyStep step = journey.steps().get(stepNo - 1);
		return new StepContext(0, journey.code(), journey.purpose(), stepNo, journey.steps().size(), step.template(), contactId,
				(String) row.get("first_name"), locale, (String) row.get("stage"), cartCode,
				JourneyEngine.products(this.jdbc, this.catalogNews, contactId, JourneyEngine.trigger(journey), now), this.links.unsubscribe(0),
				this.links.preferences(0), null, (cartCode != null) ? this.links.recovery(0, now) : null, (id, no) -> null, now);
	}

	private static Map<String, Object> lower(Map<String, Object> row) {
		Map<String, Object> copy = new java.util.HashMap<>();
		row.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), v));
		return copy;
	}

}
