package org.remarketing.shopizer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * The store's newsletter and promotion opt-ins ({@code CUSTOMER_OPTIN}): one
 * {@code newsletter_opt_in} each, dated at {@code OPTIN_DATE}, with the opt-in's code and type and
 * the names typed with it.
 *
 * <p>The email is verified when a registered customer of the same store has it: the store itself
 * recorded that address for that person, and the consent then belongs to their contact (capture
 * verifies it when the store records the email in the opt-in's own transaction, which history no
 * longer tells). Any other address is a claim, as capture writes it: a contact of its own when
 * nobody has it yet, and nobody else's.
 */
final class OptinHistory extends HistoryPhase {

	OptinHistory(ShopizerMapping.Tables tables) {
		super("optins", tables, tables.customerOptin, "CUSTOMER_OPTIN_ID", null);
	}

	@Override
	Page read(JdbcOperations jdbc, long afterId, long maxId, int size, Instant boundary) {
		List<Row> rows = new ArrayList<>();
		jdbc.query("SELECT co.CUSTOMER_OPTIN_ID, co.EMAIL, co.FIRST, co.LAST, co.OPTIN_DATE, co.MERCHANT_ID,"
				+ " o.CODE AS OPTIN_CODE, o.TYPE AS OPTIN_TYPE FROM " + this.tables.customerOptin + " co LEFT JOIN "
				+ this.tables.optin + " o ON o.OPTIN_ID = co.OPTIN_ID WHERE co.CUSTOMER_OPTIN_ID > ?"
				+ " AND co.CUSTOMER_OPTIN_ID <= ? ORDER BY co.CUSTOMER_OPTIN_ID LIMIT ?", (rs) -> {
					Row row = new Row(rs.getLong("CUSTOMER_OPTIN_ID"));
					row.email = trimmed(rs.getString("EMAIL"));
					row.firstName = trimmed(rs.getString("FIRST"));
					row.lastName = trimmed(rs.getString("LAST"));
					row.at = instant(rs, "OPTIN_DATE");
					row.merchant = longOrNull(rs, "MERCHANT_ID");
					row.code = trimmed(rs.getString("OPTIN_CODE"));
					row.type = trimmed(rs.getString("OPTIN_TYPE"));
					rows.add(row);
				}, afterId, maxId, size);
		if (rows.isEmpty()) {
			return Page.empty();
		}
		Set<String> customers = registeredEmails(jdbc, rows);
		List<TrackedEvent> events = new ArrayList<>();
		int skipped = 0;
		for (Row row : rows) {
			if (row.email == null) {
				skipped++;
				continue;
			}
			boolean verified = customers.contains(key(row.merchant, row.email));
			events.add(event(EventType.NEWSLETTER_OPT_IN, eventId("optin", row.id), (row.at != null) ? row.at : boundary,
					ShopperIds.of(null, null, row.email, verified))
				.property("optin_code", row.code)
				.property("optin_type", row.type)
				.property("first_name", row.firstName)
				.property("last_name", row.lastName)
				.build());
		}
		return new Page(rows.get(rows.size() - 1).id, rows.size(), skipped, events);
	}

	/** "merchant:email" of the registered customers holding the page's emails. */
	private Set<String> registeredEmails(JdbcOperations jdbc, List<Row> rows) {
		Set<String> emails = new LinkedHashSet<>();
		for (Row row : rows) {
			if (row.email != null) {
				emails.add(row.email);
				emails.add(row.email.toLowerCase(Locale.ROOT));
			}
		}
		Set<String> found = new HashSet<>();
		for (List<String> chunk : chunks(emails)) {
			jdbc.query("SELECT CUSTOMER_EMAIL_ADDRESS, MERCHANT_ID, CUSTOMER_NICK, CUSTOMER_ANONYMOUS FROM "
					+ this.tables.customer + " WHERE CUSTOMER_EMAIL_ADDRESS IN (" + marks(chunk.size()) + ")", (rs) -> {
						if (!rs.getBoolean("CUSTOMER_ANONYMOUS") && rs.getString("CUSTOMER_NICK") != null) {
							found.add(key(longOrNull(rs, "MERCHANT_ID"), rs.getString("CUSTOMER_EMAIL_ADDRESS")));
						}
					}, chunk.toArray());
		}
		return found;
	}

	private static String key(Long merchant, String email) {
		return merchant + ":" + email.trim().toLowerCase(Locale.ROOT);
	}

	private static final class Row {

		final long id;

		String email;

		String firstName;

		String lastName;

		Instant at;

		Long merchant;

		String code;

		String type;

		Row(long id) {
			this.id = id;
		}

	}

}
