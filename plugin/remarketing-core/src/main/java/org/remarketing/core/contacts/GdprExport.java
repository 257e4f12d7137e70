package org.remarketing.core.contacts;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Everything the plugin holds about one person (a data subject access request), as a JSON-ready
 * map: profile, identities, consent history with proof, products, categories, orders and every
 * event, oldest first.
 */
public class GdprExport {

	/** Names the shape of the export, for whoever reads it later. */
	public static final String FORMAT = "remarketing-contact-export/1";

	private final ContactRows rows;

	private final ContactViews views;

	private final Clock clock;

	public GdprExport(DataSource dataSource, Clock clock) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		this.rows = new ContactRows(jdbc);
		this.views = new ContactViews(jdbc);
		this.clock = clock;
	}

	public Optional<Map<String, Object>> export(long id) {
		return this.rows.survivorOf(id).flatMap(this.rows::find).map((row) -> {
			Map<String, Object> export = new LinkedHashMap<>();
			export.put("format", FORMAT);
			export.put("exportedAt", this.clock.instant().toString());
			export.put("contactId", row.id);
			export.put("profile", this.views.profile(row));
			export.put("identities", this.views.identities(row.id));
			export.put("consent", this.views.consent(row.id).get("history"));
			export.put("products", this.views.products(row.id));
			export.put("categories", this.views.categories(row.id));
			export.put("orders", this.views.orders(row.id));
			export.put("events", this.views.allEvents(row.id));
			return export;
		});
	}

}
