package org.remarketing.core.contacts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One contact as the admin screen shows it: profile, identities, consent (current and history,
 * with proof), products, categories, orders and one page of the timeline, newest first.
 */
public class ContactDetails {

	/** Largest timeline page. */
	public static final int MAX_TIMELINE_SIZE = 100;

	private final ContactRows rows;

	private final ContactViews views;

	public ContactDetails(DataSource dataSource) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		this.rows = new ContactRows(jdbc);
		this.views = new ContactViews(jdbc);
	}

	/** The id of the contact that {@code id} is today (itself, or the survivor of a merge). */
	public Optional<Long> survivorOf(long id) {
		return this.rows.survivorOf(id);
	}

	/**
	 * The contact {@code id} leads to (a merged id answers with its survivor, whose id is in the
	 * profile), or empty if there is none.
	 */
	public Optional<Map<String, Object>> find(long id, int timelinePage, int timelineSize) {
		if (timelinePage < 0 || timelineSize < 1 || timelineSize > MAX_TIMELINE_SIZE) {
			throw new IllegalArgumentException(
					"timelinePage must be 0 or more and timelineSize between 1 and " + MAX_TIMELINE_SIZE);
		}
		return survivorOf(id).flatMap(this.rows::find).map((row) -> {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("id", row.id);
			if (row.id != id) {
				details.put("mergedFrom", id);
			}
			details.put("profile", this.views.profile(row));
			details.put("identities", this.views.identities(row.id));
			details.put("consent", this.views.consent(row.id));
			details.put("products", this.views.products(row.id));
			details.put("categories", this.views.categories(row.id));
			details.put("orders", this.views.orders(row.id));
			details.put("timeline", this.views.timeline(row.id, timelinePage, timelineSize));
			return details;
		});
	}

}
