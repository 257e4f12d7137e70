package org.remarketing.core.channels.email;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remarketing.core.channels.email.LinkTokens.Purpose;
import org.remarketing.core.contacts.ContactTestDatabase;
import org.remarketing.core.tracking.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** Cart recovery links on every supported database: which are honoured and what they lead to. */
abstract class CartRecoveriesContractTests {

	private static final Instant SENT = Instant.parse("2024-06-10T12:00:00Z");

	private static final Instant EXPIRES = SENT.plus(Duration.ofDays(7));

	private static final String PRODUCTS = "[{\"productId\":12,\"sku\":\"MUG-1\",\"quantity\":2},"
			+ "{\"productId\":13,\"quantity\":500},{\"sku\":\"TEA-9\"},{\"name\":\"no id\"},42]";

	private ContactTestDatabase database;

	private EmailRows rows;

	private MutableClock clock;

	private LinkTokens tokens;

	private CartRecoveries recoveries;

	private long contact;

	private long run;

	private long message;

	abstract ContactTestDatabase createDatabase();

	@BeforeEach
	void setUp() {
		this.database = createDatabase().migrated();
		this.rows = new EmailRows(this.database.jdbc());
		this.clock = new MutableClock(SENT.plus(Duration.ofHours(3)));
		this.tokens = new LinkTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
		this.recoveries = new CartRecoveries(this.database.dataSource(), this.tokens, this.clock);
		this.contact = this.rows.contact("ann@example.com", SENT);
		this.run = this.rows.run(this.rows.journey("REMINDER", SENT), this.contact, "c0ffee00c0ffee00c0ffee00c0ffee00",
				PRODUCTS, SENT);
		this.message = this.rows.message(this.run, "SENT", "ann@example.com", SENT);
	}

	@AfterEach
	void dropDatabase() {
		this.database.drop();
	}

	@Test
	void aValidLinkLeadsToTheRunsCartAndIsRecorded() {
		Recovery recovery = this.recoveries.recover(token(this.message, EXPIRES));

		assertThat(recovery.status()).isEqualTo(Recovery.Status.VALID);
		RecoveryTarget target = recovery.target().orElseThrow();
		assertThat(target.messageId()).isEqualTo(this.message);
		assertThat(target.runId()).isEqualTo(this.run);
		assertThat(target.contactId()).isEqualTo(this.contact);
		assertThat(target.cartCode()).contains("c0ffee00c0ffee00c0ffee00c0ffee00");
		assertThat(target.productsJson()).contains(PRODUCTS);
		assertThat(target.lines()).extracting(RecoveryLine::toString).containsExactly("2 x MUG-1", "99 x #13", "1 x TEA-9");
		assertThat(this.rows.events(this.message)).containsExactly("RECOVERY");
	}

	@Test
	void aLinkExpiresAtTheTimeItCarries() {
		at(EXPIRES.minusSeconds(1));
		assertThat(this.recoveries.recover(token(this.message, EXPIRES)).status()).isEqualTo(Recovery.Status.VALID);
		at(EXPIRES);
		assertThat(this.recoveries.recover(token(this.message, EXPIRES)).status()).isEqualTo(Recovery.Status.EXPIRED);
		at(EXPIRES.plus(Duration.ofDays(30)));
		Recovery late = this.recoveries.recover(token(this.message, EXPIRES));
		assertThat(late.status()).isEqualTo(Recovery.Status.EXPIRED);
		assertThat(late.target()).isEmpty();
		assertThat(this.rows.events(this.message)).containsExactly("RECOVERY");
	}

	@Test
	void forgedAlteredOrStrippedLinksAreRefused() {
		String valid = token(this.message, EXPIRES);
		String tag = valid.substring(valid.indexOf('.') + 1);
		String laterExpiry = encode(this.message + ":" + EXPIRES.plus(Duration.ofDays(365)).getEpochSecond());
		String otherMessage = encode((this.message + 1) + ":" + EXPIRES.getEpochSecond());
		char first = tag.charAt(0);
		String[] refused = { laterExpiry + "." + tag, otherMessage + "." + tag,
				valid.substring(0, valid.indexOf('.') + 1) + (first == 'A' ? 'B' : 'A') + tag.substring(1),
				this.tokens.sign(Purpose.UNSUBSCRIBE, this.message + ":" + EXPIRES.getEpochSecond()),
				this.tokens.sign(Purpose.CLICK, Long.toString(this.message)), valid.substring(0, valid.length() - 3),
				valid.substring(0, valid.indexOf('.')), "", null, "x".repeat(10_240),
				this.tokens.sign(Purpose.RECOVERY, Long.toString(this.message)),
				this.tokens.sign(Purpose.RECOVERY, this.message + ":soon"),
				this.tokens.sign(Purpose.RECOVERY, "-1:" + EXPIRES.getEpochSecond()),
				new LinkTokens("another install's secret, 32 bytes".getBytes(StandardCharsets.US_ASCII))
					.sign(Purpose.RECOVERY, this.message + ":" + EXPIRES.getEpochSecond()) };
		for (String token : refused) {
			assertThat(this.recoveries.recover(token).status()).as("%s", token).isEqualTo(Recovery.Status.INVALID);
		}
		assertThat(this.rows.events(this.message)).isEmpty();
	}

	@Test
	void aGenuineLinkToAMessageThatIsGoneLeadsNowhere() {
		assertThat(this.recoveries.recover(token(this.message + 1000, EXPIRES)).status())
			.isEqualTo(Recovery.Status.UNKNOWN);
	}

	@Test
	void aRunWithoutProductsRestoresByCartCodeOnly() {
		long bare = this.rows.message(this.rows.run(this.rows.journey("REMINDER", SENT), this.contact, null, "not json", SENT),
				"SENT", "ann@example.com", SENT);
		RecoveryTarget target = this.recoveries.recover(token(bare, EXPIRES)).target().orElseThrow();
		assertThat(target.cartCode()).isEmpty();
		assertThat(target.productsJson()).contains("not json");
		assertThat(target.lines()).isEmpty();
	}

	private void at(Instant instant) {
		this.clock.advance(Duration.between(this.clock.instant(), instant));
	}

	private String token(long messageId, Instant expires) {
		return this.tokens.sign(Purpose.RECOVERY, messageId + ":" + expires.getEpochSecond());
	}

	private static String encode(String payload) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
	}

}
