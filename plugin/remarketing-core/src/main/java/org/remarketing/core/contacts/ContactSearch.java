package org.remarketing.core.contacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Finds contacts for the admin screen. {@code q} matches the start of an email (any of the
 * contact's emails), of a first name, last name or full name, the start of a visitor id, or
 * exactly a customer id or contact id. Merged contacts are never listed (their survivor is).
 */
public class ContactSearch {

	/** Largest page. */
	public static final int MAX_SIZE = 100;

	/** Longest query. */
	public static final int MAX_QUERY = 100;

	private final JdbcTemplate jdbc;

	public ContactSearch(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * @param q what to look for; null or blank lists every contact
	 * @param page zero-based
	 * @param size 1 to {@link #MAX_SIZE}
	 */
	public ContactPage search(String q, int page, int size) {
		if (page < 0 || size < 1 || size > MAX_SIZE) {
			throw new IllegalArgumentException("page must be 0 or more and size between 1 and " + MAX_SIZE);
		}
		String query = (q != null) ? q.trim() : "";
		if (query.length() > MAX_QUERY) {
			throw new IllegalArgumentException("q must be at most " + MAX_QUERY + " characters");
		}
		StringBuilder where = new StringBuilder("c.merged_into IS NULL");
		List<Object> args = new ArrayList<>();
		if (!query.isEmpty()) {
			String lower = query.toLowerCase(Locale.ROOT);
			String emailPrefix = like(lower);
			String namePrefix = like(lower);
			where.append(" AND (c.email LIKE ? ESCAPE '!' OR LOWER(c.first_name) LIKE ? ESCAPE '!'"
					+ " OR LOWER(c.last_name) LIKE ? ESCAPE '!'"
					+ " OR LOWER(CONCAT(CONCAT(c.first_name, ' '), c.last_name)) LIKE ? ESCAPE '!'"
					+ " OR EXISTS (SELECT 1 FROM rmk_contact_identity i WHERE i.contact_id = c.id AND"
					+ " ((i.kind = 'EMAIL' AND i.identity_value LIKE ? ESCAPE '!')"
					+ " OR (i.kind = 'VISITOR' AND i.identity_value LIKE ? ESCAPE '!')))");
			args.add(emailPrefix);
			args.add(namePrefix);
			args.add(namePrefix);
			args.add(namePrefix);
			args.add(emailPrefix);
			args.add(like(query));
			Long number = EventDetails.toLong(query);
			if (number != null && query.chars().allMatch(Character::isDigit)) {
				where.append(" OR c.customer_id = ? OR c.id = ?");
				args.add(number);
				args.add(number);
			}
			where.append(")");
		}
		Long total = this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_contact c WHERE " + where, Long.class,
				args.toArray());
		List<Object> pageArgs = new ArrayList<>(args);
		pageArgs.add(size);
		pageArgs.add((long) page * size);
		String columns = ContactRows.COLUMNS.replaceAll("([a-z_]+)", "c.$1");
		List<Map<String, Object>> items = this.jdbc
			.query("SELECT " + columns + " FROM rmk_contact c WHERE " + where
					+ " ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?", ContactRows.MAPPER, pageArgs.toArray())
			.stream()
			.map(ContactViews::summary)
			.collect(Collectors.toList());
		return new ContactPage(items, page, size, (total != null) ? total : 0);
	}

	/** A LIKE prefix pattern with the wildcards of the input escaped ({@code !} is the escape). */
	private static String like(String prefix) {
		return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
	}

}
