package org.remarketing.core.channels.email;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remarketing.core.contacts.ContactTestDatabase;
import org.remarketing.core.tracking.MutableClock;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unsubscribing and the preference page's choices, on every supported database: what the
 * suppression list, the consent history, the message's events and the contact's waiting messages
 * hold afterwards. One subclass per database.
 */
abstract class UnsubscribesContractTests {

	static final Instant NOW = Instant.parse("2024-06-10T12:00:00Z");

	private ContactTestDatabase database;

	private JdbcTemplate jdbc;

	private EmailRows rows;

	private MutableClock clock;

	private Unsubscribes unsubscribes;

	private long ann;

	private long sent;

	private long waitingReminder;

	private long waitingMarketing;

	private long someoneElses;

	private long sentEarlier;

	abstract ContactTestDatabase createDatabase();

	@BeforeEach
	void setUp() {
		this.database = createDatabase().migrated();
		this.jdbc = this.database.jdbc();
		this.rows = new EmailRows(this.jdbc);
		this.clock = new MutableClock(NOW);
		this.unsubscribes = new Unsubscribes(this.database.dataSource(), this.clock);
		Instant before = NOW.minus(Duration.ofDays(1));
		this.ann = this.rows.contact("ann@example.com", before);
		long reminders = this.rows.journey("REMINDER", before);
		long marketing = this.rows.journey("MARKETING", before);
		long cartRun = this.rows.run(reminders, this.ann, "c0ffee", null, before);
		this.sent = this.rows.message(cartRun, "SENT", "Ann@Example.com", before);
		this.sentEarlier = this.rows.message(cartRun, "SENT", "Ann@Example.com", before.minusSeconds(60));
		this.waitingReminder = this.rows.message(cartRun, "SCHEDULED", null, null);
		this.waitingMarketing = this.rows.message(this.rows.run(marketing, this.ann, null, null, before), "SCHEDULED",
				null, null);
		long bob = this.rows.contact("bob@example.com", before);
		this.someoneElses = this.rows.message(this.rows.run(reminders, bob, null, null, before), "SCHEDULED", null, null);
	}

	@AfterEach
	void dropDatabase() {
		this.database.drop();
	}

	@Test
	void oneClickStopsAllMarketingAtOnceAndWithdrawsEmailConsentWithProof() {
		Subscription after = this.unsubscribes.unsubscribe(this.sent, SuppressionScope.ALL, UnsubscribeMethod.ONE_CLICK)
			.orElseThrow();

		assertThat(after.changed()).isTrue();
		assertThat(after.suppressed()).contains(SuppressionScope.ALL);
		assertThat(after.maskedEmail()).isEqualTo("a\u2022\u2022\u2022@example.com");
		assertThat(suppressions()).singleElement().satisfies((row) -> {
			assertThat(row.get("email")).isEqualTo("ann@example.com");
			assertThat(row.get("scope")).isEqualTo("ALL");
			assertThat(row.get("reason")).isEqualTo("unsubscribed");
			assertThat(row.get("source")).isEqualTo("one-click");
			assertThat(((Number) row.get("contact_id")).longValue()).isEqualTo(this.ann);
		});
		assertThat(latestEmailConsent(this.ann)).containsEntry("granted", false).containsEntry("source", "one-click");
		assertThat((String) latestEmailConsent(this.ann).get("proof")).contains("\"messageId\":" + this.sent)
			.contains("\"method\":\"one-click\"")
			.contains("\"at\":\"2024-06-10T12:00:00Z\"");
		assertThat(this.rows.events(this.sent)).containsExactly("UNSUBSCRIBE");
		assertThat(this.rows.state(this.waitingReminder)).isEqualTo("SUPPRESSED");
		assertThat(this.rows.reason(this.waitingReminder)).isEqualTo("suppressed: unsubscribed on 2024-06-10");
		assertThat(this.rows.state(this.waitingMarketing)).isEqualTo("SUPPRESSED");
		assertThat(this.rows.state(this.someoneElses)).isEqualTo("SCHEDULED");
		assertThat(this.rows.state(this.sent)).isEqualTo("SENT");
	}

	@Test
	void unsubscribingAgainFromAnyLinkChangesNothing() {
		this.unsubscribes.unsubscribe(this.sent, SuppressionScope.ALL, UnsubscribeMethod.ONE_CLICK);
		this.clock.advance(Duration.ofMinutes(5));
		Subscription again = this.unsubscribes.unsubscribe(this.sent, SuppressionScope.ALL, UnsubscribeMethod.LINK)
			.orElseThrow();
		Subscription fromOlderMail = this.unsubscribes
			.unsubscribe(this.sentEarlier, SuppressionScope.ALL, UnsubscribeMethod.LINK)
			.orElseThrow();

		assertThat(again.changed()).isFalse();
		assertThat(fromOlderMail.changed()).isFalse();
		assertThat(suppressions()).singleElement().satisfies((row) -> assertThat(row.get("source")).isEqualTo("one-click"));
		assertThat(consentRows(this.ann)).isEqualTo(1);
		assertThat(this.rows.events(this.sent)).containsExactly("UNSUBSCRIBE");
		assertThat(this.rows.events(this.sentEarlier)).isEmpty();
	}

	@Test
	void stopRemindersOnlyKeepsOtherMarketingAndConsentThenAllWidensIt() {
		Subscription reminders = this.unsubscribes
			.unsubscribe(this.sent, SuppressionScope.REMINDERS, UnsubscribeMethod.PREFERENCES)
			.orElseThrow();

		assertThat(reminders.suppressed()).contains(SuppressionScope.REMINDERS);
		assertThat(this.rows.state(this.waitingReminder)).isEqualTo("SUPPRESSED");
		assertThat(this.rows.reason(this.waitingReminder)).isEqualTo("suppressed: stopped reminders on 2024-06-10");
		assertThat(this.rows.state(this.waitingMarketing)).isEqualTo("SCHEDULED");
		assertThat(consentRows(this.ann)).isZero();
		assertThat(this.rows.eventDetails(this.sent, "UNSUBSCRIBE")).containsExactly("REMINDERS preferences");

		Subscription all = this.unsubscribes.unsubscribe(this.sent, SuppressionScope.ALL, UnsubscribeMethod.PREFERENCES)
			.orElseThrow();
		assertThat(all.changed()).isTrue();
		assertThat(all.suppressed()).contains(SuppressionScope.ALL);
		assertThat(this.rows.state(this.waitingMarketing)).isEqualTo("SUPPRESSED");
		assertThat(this.rows.reason(this.waitingMarketing)).isEqualTo("suppressed: unsubscribed on 2024-06-10");
		assertThat(latestEmailConsent(this.ann)).containsEntry("granted", false).containsEntry("source", "preferences");

		Subscription narrower = this.unsubscribes
			.unsubscribe(this.sent, SuppressionScope.REMINDERS, UnsubscribeMethod.PREFERENCES)
			.orElseThrow();
		assertThat(narrower.changed()).isFalse();
		assertThat(narrower.suppressed()).as("all marketing wins over reminders").contains(SuppressionScope.ALL);
		assertThat(suppressions()).singleElement().satisfies((row) -> assertThat(row.get("scope")).isEqualTo("ALL"));
	}

	@Test
	void resubscribingLiftsTheSuppressionAndRecordsConsentFromThePreferencePage() {
		this.unsubscribes.unsubscribe(this.sent, SuppressionScope.ALL, UnsubscribeMethod.LINK);
		this.clock.advance(Duration.ofMinutes(1));

		Subscription back = this.unsubscribes.resubscribe(this.sent).orElseThrow();

		assertThat(back.changed()).isTrue();
		assertThat(back.suppressed()).isEmpty();
		assertThat(suppressions()).isEmpty();
		assertThat(latestEmailConsent(this.ann)).containsEntry("granted", true).containsEntry("source", "preferences");
		assertThat(this.unsubscribes.find(this.sent).orElseThrow().suppressed()).isEmpty();
		assertThat(this.unsubscribes.resubscribe(this.sent).orElseThrow().changed()).isFalse();
		assertThat(consentRows(this.ann)).isEqualTo(2);
	}

	@Test
	void findShowsThePreferencesWithoutChangingThem() {
		assertThat(this.unsubscribes.find(this.sent)).hasValueSatisfying((subscription) -> {
			assertThat(subscription.suppressed()).isEmpty();
			assertThat(subscription.contactId()).contains(this.ann);
		});
		assertThat(suppressions()).isEmpty();
		assertThat(consentRows(this.ann)).isZero();
		assertThat(this.rows.events(this.sent)).isEmpty();
	}

	@Test
	void aMergedContactsConsentGoesToThePersonItWasMergedInto() {
		long survivor = this.rows.contact("ann@example.com", NOW.minus(Duration.ofDays(30)));
		this.rows.merge(this.ann, survivor);
		long survivorsRun = this.rows.run(this.rows.journey("REMINDER", NOW), survivor, null, null, NOW);
		long survivorsWaiting = this.rows.message(survivorsRun, "SCHEDULED", null, null);

		this.unsubscribes.unsubscribe(this.sent, SuppressionScope.ALL, UnsubscribeMethod.LINK);

		assertThat(latestEmailConsent(survivor)).containsEntry("granted", false).containsEntry("source", "unsubscribe");
		assertThat(consentRows(this.ann)).isZero();
		assertThat(this.rows.state(survivorsWaiting)).isEqualTo("SUPPRESSED");
		assertThat(this.rows.state(this.waitingReminder)).isEqualTo("SUPPRESSED");
	}

	@Test
	void anUnknownMessageChangesNothing() {
		assertThat(this.unsubscribes.unsubscribe(999_999, SuppressionScope.ALL, UnsubscribeMethod.ONE_CLICK)).isEmpty();
		assertThat(this.unsubscribes.resubscribe(999_999)).isEmpty();
		assertThat(this.unsubscribes.find(999_999)).isEmpty();
		assertThat(suppressions()).isEmpty();
	}

	private List<Map<String, Object>> suppressions() {
		return this.jdbc.queryForList("SELECT email, contact_id, scope, reason, source FROM rmk_suppression");
	}

	private Map<String, Object> latestEmailConsent(long contactId) {
		return this.jdbc.queryForList("SELECT granted, source, proof FROM rmk_consent WHERE contact_id = ?"
				+ " AND channel = 'EMAIL' ORDER BY recorded_at DESC, id DESC", contactId).get(0);
	}

	private int consentRows(long contactId) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_consent WHERE contact_id = ?", Integer.class, contactId);
	}

}
