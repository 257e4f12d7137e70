package org.remarketing.core.channels.email;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remarketing.core.contacts.ContactTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** Open pixel fetches on every supported database: people's opens and machines' fetches. */
abstract class OpenTrackingContractTests {

	private static final Instant SENT = Instant.parse("2024-06-10T12:00:00Z");

	private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
			+ " Chrome/124.0 Safari/537.36";

	private ContactTestDatabase database;

	private EmailRows rows;

	private OpenTracking opens;

	private long message;

	abstract ContactTestDatabase createDatabase();

	@BeforeEach
	void setUp() {
		this.database = createDatabase().migrated();
		this.rows = new EmailRows(this.database.jdbc());
		this.opens = new OpenTracking(this.database.dataSource(), new MachineOpens());
		long contact = this.rows.contact("ann@example.com", SENT);
		long run = this.rows.run(this.rows.journey("REMINDER", SENT), contact, null, null, SENT);
		this.message = this.rows.message(run, "SENT", "ann@example.com", SENT);
	}

	@AfterEach
	void dropDatabase() {
		this.database.drop();
	}

	@Test
	void aPersonsFirstOpenSetsOpenedAtAndEveryOpenIsAnEvent() {
		Instant first = SENT.plus(Duration.ofHours(1));
		assertThat(this.opens.record(this.message, new OpenRequest("GET", CHROME, null, first)))
			.contains(OpenTracking.Kind.OPEN);
		assertThat(this.opens.record(this.message, new OpenRequest("GET", CHROME, null, first.plus(Duration.ofDays(1)))))
			.contains(OpenTracking.Kind.OPEN);

		assertThat(this.rows.time(this.message, "opened_at")).isEqualTo(first);
		assertThat(this.rows.events(this.message)).containsExactly("OPEN", "OPEN");
	}

	@Test
	void machineFetchesAreRecordedWithTheirReasonButAreNotTheMessagesOpen() {
		Instant later = SENT.plus(Duration.ofHours(1));
		assertThat(this.opens.record(this.message, new OpenRequest("GET", "Mozilla/5.0", null, later)))
			.contains(OpenTracking.Kind.MACHINE_OPEN);
		assertThat(this.opens.record(this.message, new OpenRequest("GET", CHROME, null, SENT.plusSeconds(2))))
			.contains(OpenTracking.Kind.MACHINE_OPEN);
		assertThat(this.opens.record(this.message, new OpenRequest("HEAD", CHROME, null, later)))
			.contains(OpenTracking.Kind.MACHINE_OPEN);

		assertThat(this.rows.time(this.message, "opened_at")).isNull();
		assertThat(this.rows.eventDetails(this.message, "MACHINE_OPEN")).containsExactly("apple-privacy-proxy",
				"right-after-send", "head-request");
	}

	@Test
	void anUnknownMessageRecordsNothing() {
		assertThat(this.opens.record(this.message + 1000, new OpenRequest("GET", CHROME, null, SENT.plusSeconds(3600))))
			.isEmpty();
		assertThat(this.rows.events(this.message + 1000)).isEmpty();
	}

}
