package org.remarketing.core.contacts;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.remarketing.core.system.InstallSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erases a person (right to erasure): their events, profile, identities, products, categories,
 * orders, consent history and whatever {@link ContactErasureParticipant}s keep, in one
 * transaction. What stays is one keyed hash per identifier in {@code rmk_erasure}, so that
 * replayed or late events for the same visitor id, customer id or email are dropped instead of
 * re-creating the person.
 */
public class ContactEraser {

	private static final Logger logger = LoggerFactory.getLogger(ContactEraser.class);

	private static final String[] CONTACT_TABLES = { "rmk_event", "rmk_contact_product", "rmk_contact_category",
			"rmk_contact_source", "rmk_contact_order", "rmk_consent", "rmk_contact_identity" };

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final ErasureKeys keys;

	private final Clock clock;

	private final ContactRows rows;

	private final List<ContactErasureParticipant> participants;

	public ContactEraser(DataSource dataSource, InstallSecrets secrets, Clock clock,
			List<ContactErasureParticipant> participants) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.transaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
		this.keys = new ErasureKeys(secrets);
		this.clock = clock;
		this.rows = new ContactRows(this.jdbc);
		this.participants = new ArrayList<>(participants);
	}

	/**
	 * Erases the person that {@code id} leads to (a merged id erases its survivor).
	 * @return false if there is no such contact (never existed, or already erased)
	 */
	public boolean erase(long id) {
		Boolean erased = this.transaction.execute((status) -> this.rows.survivorOf(id).map((survivor) -> {
			this.rows.lock(List.of(survivor));
			Set<Long> group = new LinkedHashSet<>();
			group.add(survivor);
			group.addAll(this.jdbc.queryForList("SELECT id FROM rmk_contact WHERE merged_into = ?", Long.class, survivor));
			String marks = group.stream().map((g) -> "?").collect(Collectors.joining(", "));
			Object[] ids = group.toArray();
			Set<String> hashes = new LinkedHashSet<>();
			for (Map<String, Object> identity : SqlRows.list(this.jdbc,
					"SELECT kind, identity_value FROM rmk_contact_identity WHERE contact_id IN (" + marks + ")", ids)) {
				hashes.add(this.keys.hash(IdentityKind.valueOf((String) identity.get("kind")),
						(String) identity.get("identity_value")));
			}
			for (Map<String, Object> contact : SqlRows.list(this.jdbc,
					"SELECT email, customer_id FROM rmk_contact WHERE id IN (" + marks + ")", ids)) {
				if (contact.get("email") != null) {
					hashes.add(this.keys.hash(IdentityKind.EMAIL, (String) contact.get("email")));
				}
				if (contact.get("customer_id") != null) {
					hashes.add(this.keys.hash(IdentityKind.CUSTOMER, contact.get("customer_id").toString()));
				}
			}
			LocalDateTime now = ContactRows.ts(this.clock.instant());
			for (String hash : hashes) {
				Integer known = this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_erasure WHERE key_hash = ?",
						Integer.class, hash);
				if (known == null || known == 0) {
					this.jdbc.update("INSERT INTO rmk_erasure (key_hash, erased_at) VALUES (?, ?)", hash, now);
				}
			}
			for (ContactErasureParticipant participant : this.participants) {
				participant.erase(this.jdbc, group);
			}
			for (String table : CONTACT_TABLES) {
				this.jdbc.update("DELETE FROM " + table + " WHERE contact_id IN (" + marks + ")", ids);
			}
			this.jdbc.update("DELETE FROM rmk_contact WHERE id IN (" + marks + ")", ids);
			logger.info("Remarketing erased contact {} ({} identifier(s) kept as keyed hashes)", survivor, hashes.size());
			return true;
		}).orElse(false));
		return Boolean.TRUE.equals(erased);
	}

}
