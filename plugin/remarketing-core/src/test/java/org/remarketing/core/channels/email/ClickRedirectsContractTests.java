package org.remarketing.core.channels.email;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remarketing.core.contacts.ContactTestDatabase;
import org.remarketing.core.tracking.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** Tracked clicks on every supported database: where they lead and what they record. */
abstract class ClickRedirectsContractTests {

	private static final Instant SENT = Instant.parse("2024-06-10T12:00:00Z");

	private ContactTestDatabase database;

	private EmailRows rows;

	private MutableClock clock;

	private ClickRedirects clicks;

	private long message;

	abstract ContactTestDatabase createDatabase();

	@BeforeEach
	void setUp() {
		this.database = createDatabase().migrated();
		this.rows = new EmailRows(this.database.jdbc());
		this.clock = new MutableClock(SENT.plus(Duration.ofHours(2)));
		this.clicks = new ClickRedirects(this.database.dataSource(), new StoreOrigin("https://Shop.Example.com/store"),
				this.clock);
		long contact = this.rows.contact("ann@example.com", SENT);
		long run = this.rows.run(this.rows.journey("REMINDER", SENT), contact, null, null, SENT);
		this.message = this.rows.message(run, "SENT", "ann@example.com", SENT);
		this.rows.link(this.message, 1, "https://shop.example.com/store/cart?utm_source=remarketing");
		this.rows.link(this.message, 2, "http://shop.example.com/product/mug");
		this.rows.link(this.message, 3, "https://evil.example/phish");
		this.rows.link(this.message, 4, "javascript:alert(document.cookie)");
		this.rows.link(this.message, 5, "//evil.example/x");
		this.rows.link(this.message, 6, "https://shop.example.com@evil.example/");
	}

	@AfterEach
	void dropDatabase() {
		this.database.drop();
	}

	@Test
	void aClickLeadsToTheStoredUrlAndTheFirstOneSetsClickedAt() {
		assertThat(this.clicks.follow(this.message, 1)).contains("https://shop.example.com/store/cart?utm_source=remarketing");
		Instant first = this.clock.instant();
		this.clock.advance(Duration.ofMinutes(3));
		assertThat(this.clicks.follow(this.message, 2)).contains("http://shop.example.com/product/mug");

		assertThat(this.rows.time(this.message, "clicked_at")).isEqualTo(first);
		assertThat(this.rows.eventDetails(this.message, "CLICK")).containsExactly("1", "2");
	}

	@Test
	void storedUrlsOffTheStoresHostAreNotFollowed() {
		for (int linkNo = 3; linkNo <= 6; linkNo++) {
			assertThat(this.clicks.follow(this.message, linkNo)).as("link %d", linkNo).isEmpty();
		}
		assertThat(this.rows.events(this.message)).isEmpty();
		assertThat(this.rows.time(this.message, "clicked_at")).isNull();
	}

	@Test
	void unknownLinksAndMessagesLeadNowhere() {
		assertThat(this.clicks.follow(this.message, 7)).isEmpty();
		assertThat(this.clicks.follow(this.message, 0)).isEmpty();
		assertThat(this.clicks.follow(this.message + 1000, 1)).isEmpty();
		assertThat(this.rows.events(this.message)).isEmpty();
	}

	@Test
	void lookingUpATargetRecordsNothing() {
		assertThat(this.clicks.target(this.message, 1)).isPresent();
		assertThat(this.rows.events(this.message)).isEmpty();
	}

	@Test
	void aLinkReplayedInALoopKeepsAtMostAHundredEvents() {
		for (int i = 0; i < MessageRecords.MAX_EVENTS_PER_KIND + 5; i++) {
			assertThat(this.clicks.follow(this.message, 1)).isPresent();
		}
		assertThat(this.rows.events(this.message)).hasSize(MessageRecords.MAX_EVENTS_PER_KIND);
	}

}
