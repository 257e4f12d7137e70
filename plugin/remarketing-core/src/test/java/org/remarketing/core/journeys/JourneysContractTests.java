package org.remarketing.core.journeys;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.remarketing.core.channels.email.LinkTokens;
import org.remarketing.core.channels.email.MailTransport;
import org.remarketing.core.channels.email.MessageLinks;
import org.remarketing.core.contacts.ContactEventProcessor;
import org.remarketing.core.contacts.ContactTestDatabase;
import org.remarketing.core.schema.DbTime;
import org.remarketing.core.segments.CustomRules;
import org.remarketing.core.segments.SegmentEngine;
import org.remarketing.core.shop.CatalogNews;
import org.remarketing.core.system.InstallSecrets;
import org.remarketing.core.tracking.EventSource;
import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.MutableClock;
import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Journeys as a store owner and a shopper would notice them, on every supported database: a
 * shopper's events go through the contacts processor and the segments; the engine starts runs;
 * due steps are sent through a real SMTP server (GreenMail) — once, never after an order, never
 * to someone who said no, deferred in quiet hours and over the caps. The clock is moved by hand
 * and due steps are handed to the sender directly (the db-scheduler wiring is tested apart).
 */
abstract class JourneysContractTests {

	private static final Instant NOW = Instant.parse("2024-06-10T12:00:00Z");

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

	private ContactTestDatabase database;

	private JdbcTemplate jdbc;

	private MutableClock clock;

	private ContactEventProcessor processor;

	private SegmentEngine segments;

	private JourneyStore store;

	private JourneyEngine engine;

	private StepSender sender;

	private JourneySettings settings;

	private final List<long[]> queued = new ArrayList<>();

	abstract ContactTestDatabase createDatabase();

	@BeforeEach
	void setUp() {
		this.database = createDatabase().migrated();
		this.jdbc = this.database.jdbc();
		this.clock = new MutableClock(NOW);
		InstallSecrets secrets = InstallSecrets.loadOrCreate(this.jdbc, Clock.systemUTC());
		this.processor = new ContactEventProcessor(this.database.dataSource(), secrets, this.clock);
		this.segments = new SegmentEngine(this.database.dataSource(), this.clock, CustomRules.NONE);
		this.segments.installBuiltIns();
		this.segments.sweep();
		this.processor.onContactsChanged(this.segments::refresh);
		this.store = new JourneyStore(this.database.dataSource(), this.clock);
		this.store.installBuiltIns();
		for (Journey journey : this.store.journeys()) {
			this.store.update(journey.edited(journey.name(), journey.description(), journey.enabled(), journey.steps(), 0,
					journey.goalWindow(), journey.reentry(), journey.exitOnLeave()));
		}
		this.settings = new JourneySettings().from("Shop <shop@example.com>").quietHours(false, java.time.LocalTime.of(21, 0),
				java.time.LocalTime.of(8, 0));
		this.engine = new JourneyEngine(this.database.dataSource(), this.store, this.settings,
				(id, at) -> this.queued.add(new long[] { id, at.toEpochMilli() }), this.clock);
		JavaMailSenderImpl mail = new JavaMailSenderImpl();
		mail.setHost("127.0.0.1");
		mail.setPort(smtp.getSmtp().getPort());
		MessageLinks links = new MessageLinks("https://shop.example", new LinkTokens(secrets.secret()));
		this.sender = new StepSender(this.database.dataSource(), this.settings, JourneysContractTests::render,
				new MailTransport(mail), links, secrets.installId(), this.clock);
	}

	@AfterEach
	void dropDatabase() {
		this.database.drop();
	}

	/** A renderer that lists the run's products and links the recovery URL, as the real templates do. */
	static StepRenderer.Rendered render(StepContext c) {
		String products = c.products().stream().map((p) -> p.sku() + " x" + p.quantity()).collect(Collectors.joining(", "));
		String link = c.track("https://shop.example/product/" + (c.products().isEmpty() ? "" : c.products().get(0).sku()));
		return new StepRenderer.Rendered("Step " + c.stepNo() + " of " + c.journeyCode(),
				"<p>" + products + "</p><a href=\"" + c.recoveryUrl() + "\">cart</a><a href=\"" + link + "\">p</a>",
				products + "\n" + c.recoveryUrl() + "\n" + c.unsubscribeUrl());
	}

	@Test
	void aGuestWhoLeavesACartGetsTheFirstReminderWithTheirProductsOnceAndNothingAfterOrdering() throws Exception {
		leaveCart("ann", "cart-1", 7, "SKU-7", 2);
		later(Duration.ofMinutes(61));
		this.segments.sweep();
		this.engine.runOnce();

		List<Map<String, Object>> messages = messages();
		assertThat(messages).extracting((m) -> m.get("STEP_NO") + " " + m.get("STATE"))
			.containsExactly("1 SCHEDULED", "2 SCHEDULED", "3 SCHEDULED");
		assertThat(this.queued).hasSize(3);
		Instant entered = NOW.plus(Duration.ofMinutes(61));
		assertThat(this.queued).extracting((q) -> Instant.ofEpochMilli(q[1]))
			.containsExactly(entered, entered.plus(Duration.ofHours(23)), entered.plus(Duration.ofHours(71)));

		this.sender.execute(this.queued.get(0)[0]);
		this.sender.execute(this.queued.get(0)[0]);

		MimeMessage[] received = smtp.getReceivedMessages();
		assertThat(received).hasSize(1);
		assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("ann@example.com");
		assertThat(GreenMailUtil.getBody(received[0])).contains("SKU-7 x2");
		assertThat(received[0].getHeader("List-Unsubscribe")[0]).startsWith("<https://shop.example/api/v1/remarketing/email/unsubscribe?t=")
			.contains("mailto:shop@example.com");
		assertThat(received[0].getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(message(this.queued.get(0)[0]).get("STATE")).isEqualTo("SENT");
		assertThat(this.jdbc.queryForObject("SELECT url FROM rmk_message_link WHERE message_id = ? AND link_no = 1", String.class,
				this.queued.get(0)[0])).isEqualTo("https://shop.example/product/SKU-7");

		later(Duration.ofHours(2));
		order("ann", "o-1", 40);
		later(Duration.ofHours(22));
		assertThat(this.sender.execute(this.queued.get(1)[0])).isNull();
		this.engine.runOnce();
		assertThat(smtp.getReceivedMessages()).hasSize(1);
		assertThat(messages()).extracting((m) -> m.get("STEP_NO") + " " + m.get("STATE") + " " + m.get("REASON"))
			.containsExactly("1 SENT null", "2 CANCELLED stopped: ordered on 2024-06-10", "3 CANCELLED stopped: ordered on 2024-06-10");
		Map<String, Object> run = this.jdbc.queryForMap("SELECT state, exit_reason, order_id, revenue FROM rmk_journey_run");
		assertThat(run.get("STATE")).isEqualTo("EXITED");
		assertThat(run.get("ORDER_ID")).isEqualTo("o-1");
		assertThat(new BigDecimal(run.get("REVENUE").toString())).isEqualByComparingTo("40");
	}

	@Test
	void aSendInterruptedAfterItWasClaimedIsNeverRepeated() {
		leaveCart("bob", "cart-2", 8, "SKU-8", 1);
		later(Duration.ofMinutes(61));
		this.segments.sweep();
		this.engine.runOnce();
		long first = this.queued.get(0)[0];
		// The node died after committing SENDING: db-scheduler revives the task elsewhere.
		this.jdbc.update("UPDATE rmk_message SET state = 'SENDING' WHERE id = ?", first);
		assertThat(this.sender.execute(first)).isNull();
		assertThat(smtp.getReceivedMessages()).isEmpty();
		assertThat(message(first).get("STATE")).isEqualTo("UNCERTAIN");
		assertThat((String) message(first).get("REASON")).contains("never sent twice");
	}

	@Test
	void anUnsubscribedShopperGetsNothingAndTheLogSaysWhy() {
		leaveCart("cat", "cart-3", 9, "SKU-9", 1);
		this.jdbc.update("INSERT INTO rmk_suppression (email, contact_id, scope, reason, source, created_at) VALUES (?, ?, 'ALL',"
				+ " 'UNSUBSCRIBED', 'one-click', ?)", "cat@example.com", contactOf("cat"), DbTime.utc(NOW.minus(Duration.ofDays(3))));
		later(Duration.ofMinutes(61));
		this.segments.sweep();
		this.engine.runOnce();
		this.sender.execute(this.queued.get(0)[0]);
		assertThat(smtp.getReceivedMessages()).isEmpty();
		assertThat(message(this.queued.get(0)[0])).containsEntry("STATE", "SUPPRESSED")
			.containsEntry("REASON", "suppressed: unsubscribed 3 days ago");
	}

	@Test
	void withExplicitOptInOnlyAShopperWhoGaveConsentIsMailed() {
		this.settings.consentPolicy(JourneySettings.ConsentPolicy.EXPLICIT);
		leaveCart("dan", "cart-4", 10, "SKU-10", 1);
		later(Duration.ofMinutes(61));
		this.segments.sweep();
		this.engine.runOnce();
		this.sender.execute(this.queued.get(0)[0]);
		assertThat(smtp.getReceivedMessages()).isEmpty();
		assertThat((String) message(this.queued.get(0)[0]).get("REASON")).isEqualTo("suppressed: no email consent (policy: explicit opt-in)");
	}

	@Test
	void aRefusalRecordedAfterEntryIsHonouredAtSendTime() {
		leaveCart("eve", "cart-5", 11, "SKU-11", 1);
		later(Duration.ofMinutes(61));
		this.segments.sweep();
		this.engine.runOnce();
		later(Duration.ofMinutes(1));
		apply(TrackedEvent.builder(EventType.EMAIL_OPT_OUT, EventSource.BROWSER).shopper(ShopperIds.of("eve", null, null, false))
			.occurredAt(this.clock.instant()).build());
		this.sender.execute(this.queued.get(0)[0]);
		assertThat(smtp.getReceivedMessages()).isEmpty();
		assertThat((String) message(this.queued.get(0)[0]).get("REASON")).startsWith("suppressed: email consent withdrawn just now");
	}

	@Test
	void quietHoursAndTheFrequencyCapDeferInsteadOfDropping() {
		this.settings.quietHours(true, java.time.LocalTime.of(21, 0), java.time.LocalTime.of(8, 0));
		leaveCart("fay", "cart-6", 12, "SKU-12", 1);
		this.jdbc.update("UPDATE rmk_contact SET time_zone = 'Asia/Ho_Chi_Minh' WHERE id = ?", contactOf("fay"));
		// 12:00 UTC + 61 min = 20:01 in Ho Chi Minh City: still allowed.
		later(Duration.ofMinutes(61));
		this.segments.sweep();
		this.engine.runOnce();
		later(Duration.ofMinutes(60)); // 21:01 local
		Instant next = this.sender.execute(this.queued.get(0)[0]);
		assertThat(next).isEqualTo(Instant.parse("2024-06-11T01:00:00Z")); // 08:00 local
		assertThat((String) message(this.queued.get(0)[0]).get("REASON")).isEqualTo("deferred: quiet hours in Asia/Ho_Chi_Minh until 08:00");
		assertThat(message(this.queued.get(0)[0]).get("STATE")).isEqualTo("SCHEDULED");

		later(Duration.between(this.clock.instant(), next));
		assertThat(this.sender.execute(this.queued.get(0)[0])).isNull();
		assertThat(smtp.getReceivedMessages()).hasSize(1);

		// Another journey's step for the same shopper an hour later: the 1-per-16-hours cap defers it.
		later(Duration.ofHours(1));
		long other = insertBrowseMessage(contactOf("fay"));
		Instant capped = this.sender.execute(other);
		assertThat(capped).isEqualTo(next.plus(Duration.ofHours(16)).plusSeconds(1));
		assertThat((String) message(other).get("REASON")).startsWith("deferred: frequency cap (1 per 16 h, 3 per 7 days)");
		assertThat(smtp.getReceivedMessages()).hasSize(1);
	}

	@Test
	void aHoldoutShareGetsNothingButIsMeasured() {
		Journey cart = this.store.find("abandoned-cart").orElseThrow();
		this.store.update(cart.edited(cart.name(), cart.description(), true, cart.steps(), 50, cart.goalWindow(), cart.reentry(), true));
		for (int i = 0; i < 12; i++) {
			leaveCart("h" + i, "cart-h" + i, 100 + i, "SKU-" + i, 1);
		}
		later(Duration.ofMinutes(61));
		this.segments.sweep();
		this.engine.runOnce();
		List<Map<String, Object>> runs = this.jdbc.queryForList("SELECT id, contact_id, holdout FROM rmk_journey_run ORDER BY id");
		assertThat(runs).hasSize(12);
		List<Long> held = runs.stream().filter((r) -> Boolean.TRUE.equals(JourneyEngine.bool(r.get("HOLDOUT"))))
			.map((r) -> ((Number) r.get("CONTACT_ID")).longValue()).collect(Collectors.toList());
		assertThat(held).isNotEmpty().hasSizeLessThan(12);
		for (long contact : held) {
			assertThat(JourneyEngine.inHoldout("abandoned-cart", contact, 50)).isTrue();
			assertThat(this.jdbc.queryForList("SELECT state FROM rmk_message WHERE contact_id = ?", String.class, contact))
				.containsOnly("HELD_OUT");
		}
		assertThat(this.queued).hasSize((12 - held.size()) * 3);
		// A held-out shopper who orders within the window still counts as converted (the baseline).
		String who = this.jdbc.queryForObject("SELECT identity_value FROM rmk_contact_identity WHERE kind = 'VISITOR' AND contact_id = ?",
				String.class, held.get(0));
		later(Duration.ofDays(1));
		order(who, "o-h", 25);
		this.engine.runOnce();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_journey_run WHERE holdout = ? AND converted_at IS NOT NULL",
				Integer.class, true)).isEqualTo(1);
	}

	@Test
	void theMailServerBeingDownRetriesWithBackOffThenGivesUp() {
		leaveCart("gus", "cart-7", 13, "SKU-13", 1);
		later(Duration.ofMinutes(61));
		this.segments.sweep();
		this.engine.runOnce();
		JavaMailSenderImpl down = new JavaMailSenderImpl();
		down.setHost("127.0.0.1");
		down.setPort(9); // discard port: nothing listens
		StepSender failing = new StepSender(this.database.dataSource(), this.settings, JourneysContractTests::render,
				new MailTransport(down), new MessageLinks("https://shop.example", new LinkTokens(new byte[32])), "i", this.clock);
		long id = this.queued.get(0)[0];
		Instant retry = failing.execute(id);
		assertThat(retry).isEqualTo(this.clock.instant().plus(Duration.ofMinutes(1)));
		assertThat(message(id)).containsEntry("STATE", "SCHEDULED");
		assertThat((String) message(id).get("REASON")).startsWith("retrying: the mail server could not be reached");
		later(Duration.ofHours(71));
		assertThat(failing.execute(id)).isEqualTo(this.clock.instant().plus(Duration.ofMinutes(5)));
		later(Duration.ofMinutes(59));
		assertThat(failing.execute(id)).isNull();
		assertThat(message(id)).containsEntry("STATE", "FAILED");
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void aShopperEntersAgainOnlyAfterTheReentryPeriod() {
		leaveCart("ivy", "cart-8", 14, "SKU-14", 1);
		later(Duration.ofMinutes(61));
		this.segments.sweep();
		this.engine.runOnce();
		// The cart is emptied (leaves the segment) and filled again the next day: no second run within 7 days.
		apply(TrackedEvent.builder(EventType.CART_ITEM_REMOVED, EventSource.STORE).shopper(ShopperIds.of("ivy", null, null, false))
			.cartCode("cart-8").occurredAt(this.clock.instant()).properties(Map.of("product_id", 14, "quantity", 0)).build());
		this.engine.runOnce();
		assertThat(this.jdbc.queryForObject("SELECT state FROM rmk_journey_run", String.class)).isEqualTo("EXITED");
		later(Duration.ofDays(1));
		leaveCart("ivy", "cart-8", 14, "SKU-14", 1);
		later(Duration.ofMinutes(61));
		this.segments.sweep();
		this.engine.runOnce();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_journey_run", Integer.class)).isEqualTo(1);
		later(Duration.ofDays(7));
		apply(TrackedEvent.builder(EventType.CART_ITEM_REMOVED, EventSource.STORE).shopper(ShopperIds.of("ivy", null, null, false))
			.cartCode("cart-8").occurredAt(this.clock.instant()).properties(Map.of("product_id", 14, "quantity", 0)).build());
		leaveCart("ivy", "cart-8", 14, "SKU-14", 1);
		later(Duration.ofMinutes(61));
		this.segments.sweep();
		this.engine.runOnce();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_journey_run", Integer.class)).isEqualTo(2);
	}

	@Test
	void aCartLeftAtTheCheckoutGetsOneReminderSeriesNotTwo() {
		leaveCart("jon", "cart-9", 15, "SKU-15", 1);
		apply(TrackedEvent.builder(EventType.BEGIN_CHECKOUT, EventSource.BROWSER).shopper(ShopperIds.of("jon", null, null, false))
			.occurredAt(this.clock.instant()).build());
		later(Duration.ofMinutes(61));
		this.segments.sweep();
		this.engine.runOnce();
		assertThat(this.jdbc.queryForList("SELECT j.code FROM rmk_journey_run r JOIN rmk_journey j ON j.id = r.journey_id",
				String.class)).containsExactly("abandoned-cart");
		assertThat(this.jdbc.queryForList("SELECT s.code FROM rmk_segment_member m JOIN rmk_segment s ON s.id = m.segment_id"
				+ " WHERE m.contact_id = ? ORDER BY s.code", String.class, contactOf("jon"))).contains("abandoned-cart", "abandoned-checkout");
	}

	@Test
	void eachNewOrderStartsTheAfterOrderJourneyOnceWithWhatWasBoughtAndAnImportedPastOrderStartsNothing() throws Exception {
		// last year's order, captured today (as the history import does): too old to start anything
		orderItems("old", "order-1", this.clock.instant().minus(Duration.ofDays(300)), 11, "SKU-11");
		// an order just placed
		orderItems("kim", "order-2", this.clock.instant(), 12, "SKU-12");
		this.engine.runOnce();
		this.engine.runOnce(); // the look-back reads the same events again: each is weighed once

		List<Map<String, Object>> runs = upper(this.jdbc.queryForList("SELECT r.contact_id, r.entered_at, r.products_json"
				+ " FROM rmk_journey_run r JOIN rmk_journey j ON j.id = r.journey_id WHERE j.code = 'after-order'"));
		assertThat(runs).singleElement().satisfies((run) -> {
			assertThat(((Number) run.get("CONTACT_ID")).longValue()).isEqualTo(contactOf("kim"));
			assertThat((String) run.get("PRODUCTS_JSON")).contains("SKU-12").doesNotContain("SKU-11");
		});
		List<Map<String, Object>> steps = upper(this.jdbc.queryForList("SELECT m.id, m.step_no, m.state, m.due_at FROM rmk_message m"
				+ " JOIN rmk_journey j ON j.id = m.journey_id WHERE j.code = 'after-order'"));
		assertThat(steps).extracting((m) -> m.get("STEP_NO") + " " + m.get("STATE")).containsExactly("1 SCHEDULED");
		long step = ((Number) steps.get(0).get("ID")).longValue();
		assertThat(this.queued).filteredOn((q) -> q[0] == step).extracting((q) -> Instant.ofEpochMilli(q[1]))
			.containsExactly(NOW.plus(Duration.ofDays(7)));
		assertThat(this.jdbc.queryForList("SELECT event_id FROM rmk_journey_trigger", String.class))
			.as("the new order weighed once; last year's not even read").hasSize(1);

		// a second order within the re-entry period (30 days) starts no second run
		later(Duration.ofDays(2));
		orderItems("kim", "order-3", this.clock.instant(), 13, "SKU-13");
		this.engine.runOnce();
		assertThat(afterOrderRuns()).isEqualTo(1);

		// ... and, as with every journey, the later order stops the waiting step at its send time
		later(Duration.ofDays(5));
		this.sender.execute(step);
		assertThat(message(step)).containsEntry("STATE", "CANCELLED");
		assertThat((String) message(step).get("REASON")).startsWith("stopped: ordered");
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void anOrderStartsNothingWhileTheJourneyIsOffNorAfterItIsSwitchedOn() {
		Journey afterOrder = this.store.find("after-order").orElseThrow();
		this.store.update(afterOrder.edited(afterOrder.name(), afterOrder.description(), false, afterOrder.steps(), 0,
				afterOrder.goalWindow(), afterOrder.reentry(), afterOrder.exitOnLeave()));
		orderItems("lea", "order-4", this.clock.instant(), 14, "SKU-14");
		this.engine.runOnce();
		this.store.update(afterOrder.edited(afterOrder.name(), afterOrder.description(), true, afterOrder.steps(), 0,
				afterOrder.goalWindow(), afterOrder.reentry(), afterOrder.exitOnLeave()));
		later(Duration.ofMinutes(5));
		this.engine.runOnce();
		assertThat(afterOrderRuns()).isZero();

		// once on, the next order starts it; what it weighed long ago is forgotten
		orderItems("max", "order-5", this.clock.instant(), 15, "SKU-15");
		this.engine.runOnce();
		assertThat(afterOrderRuns()).isEqualTo(1);
		later(Duration.ofDays(2));
		this.engine.runOnce();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_journey_trigger", Integer.class)).isZero();
	}

	@Test
	void aMessagesRenderedContentIsRemovedAfterTheRetentionAndItsRowStays() {
		leaveCart("ivy", "cart-12", 7, "SKU-7", 1);
		later(Duration.ofMinutes(61));
		this.segments.sweep();
		this.engine.runOnce();
		long first = this.queued.get(0)[0];
		this.sender.execute(first);
		assertThat(content(first)).containsEntry("STATE", "SENT").containsEntry("SUBJECT", "Step 1 of abandoned-cart");
		assertThat((String) content(first).get("BODY_HTML")).contains("SKU-7 x1");

		later(Duration.ofDays(89));
		assertThat(this.engine.purgeContent()).isZero();
		assertThat(content(first).get("BODY_TEXT")).isNotNull();

		later(Duration.ofDays(2));
		assertThat(this.engine.purgeContent()).isEqualTo(1);
		assertThat(content(first)).containsEntry("STATE", "SENT").containsEntry("SUBJECT", "Step 1 of abandoned-cart")
			.containsEntry("BODY_HTML", null).containsEntry("BODY_TEXT", null);
		assertThat(this.engine.purgeContent()).as("nothing left to remove").isZero();
	}

	@Test
	void theNewProductsJourneyShowsTheNewArrivalsOfTheCategoryTheyBoughtInNotWhatTheyBought() {
		List<Instant> asked = new ArrayList<>();
		CatalogNews news = new CatalogNews() {
			@Override
			public Map<String, Instant> newestProductPerCategory() {
				return Map.of("teas", NOW.plus(Duration.ofDays(1)));
			}

			@Override
			public Map<Long, String> newestProducts(java.util.Collection<String> categories, Instant since, int limit) {
				asked.add(since);
				Map<Long, String> found = new LinkedHashMap<>();
				if (categories.contains("teas")) {
					found.put(31L, "TEA-NEW-1");
					found.put(11L, "SKU-11"); // the one they bought, also new
					found.put(32L, "TEA-NEW-2");
				}
				return found;
			}
		};
		this.segments.setCatalogNews(news);
		this.engine.setCatalogNews(news);
		apply(TrackedEvent.builder(EventType.ORDER_PLACED, EventSource.STORE)
			.shopper(ShopperIds.of("pia", null, "pia@example.com", false))
			.occurredAt(this.clock.instant())
			.properties(properties("order_id", "order-9", "value", 30, "items",
					List.of(properties("product_id", 11, "sku", "SKU-11", "quantity", 1, "price", 30, "category", "teas"))))
			.build());
		later(Duration.ofDays(2));
		this.segments.sweep();
		this.engine.runOnce();

		List<String> products = this.jdbc.queryForList("SELECT r.products_json FROM rmk_journey_run r JOIN rmk_journey j"
				+ " ON j.id = r.journey_id WHERE j.code = 'new-products'", String.class);
		assertThat(products).singleElement().satisfies((json) -> assertThat(json).contains("TEA-NEW-1", "TEA-NEW-2")
			.doesNotContain("SKU-11"));
		assertThat(asked).as("new since their last visit (the order)").containsExactly(NOW);
	}

	// ---------------------------------------------------------------- the shopper

	private void leaveCart(String who, String cart, long productId, String sku, int quantity) {
		apply(TrackedEvent.builder(EventType.CART_ITEM_ADDED, EventSource.STORE)
			.shopper(ShopperIds.of(who, null, who + "@example.com", false))
			.cartCode(cart)
			.occurredAt(this.clock.instant())
			.properties(properties("product_id", productId, "sku", sku, "quantity", quantity, "price", 20))
			.build());
	}

	private void order(String who, String orderId, double total) {
		apply(TrackedEvent.builder(EventType.ORDER_PLACED, EventSource.STORE)
			.shopper(ShopperIds.of(who, null, who + "@example.com", false))
			.occurredAt(this.clock.instant())
			.properties(properties("order_id", orderId, "value", total))
			.build());
	}

	private Map<String, Object> content(long id) {
		return upper(this.jdbc.queryForList("SELECT state, subject, body_html, body_text FROM rmk_message WHERE id = ?", id)).get(0);
	}

	private int afterOrderRuns() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_journey_run r JOIN rmk_journey j ON j.id = r.journey_id"
				+ " WHERE j.code = 'after-order'", Integer.class);
	}

	private void orderItems(String who, String orderId, Instant at, long productId, String sku) {
		apply(TrackedEvent.builder(EventType.ORDER_PLACED, EventSource.STORE)
			.shopper(ShopperIds.of(who, null, who + "@example.com", false))
			.occurredAt(at)
			.properties(properties("order_id", orderId, "value", 30, "items",
					List.of(properties("product_id", productId, "sku", sku, "quantity", 1, "price", 30))))
			.build());
	}

	private long insertBrowseMessage(long contactId) {
		Journey browse = this.store.find("browse-abandonment").orElseThrow();
		this.engine.enter(browse, contactId, "999999", this.clock.instant());
		return this.queued.get(this.queued.size() - 1)[0];
	}

	private void apply(TrackedEvent event) {
		this.processor.process(List.of(event));
	}

	private void later(Duration duration) {
		this.clock.advance(duration);
	}

	private long contactOf(String visitor) {
		return this.jdbc.queryForObject("SELECT contact_id FROM rmk_contact_identity WHERE kind = 'VISITOR'"
				+ " AND identity_value = ?", Long.class, visitor);
	}

	private List<Map<String, Object>> messages() {
		return upper(this.jdbc.queryForList("SELECT id, step_no, state, reason FROM rmk_message ORDER BY id"));
	}

	private Map<String, Object> message(long id) {
		return upper(this.jdbc.queryForList("SELECT id, step_no, state, reason, due_at FROM rmk_message WHERE id = ?", id)).get(0);
	}

	private static List<Map<String, Object>> upper(List<Map<String, Object>> rows) {
		List<Map<String, Object>> result = new ArrayList<>();
		for (Map<String, Object> row : rows) {
			Map<String, Object> copy = new LinkedHashMap<>();
			row.forEach((k, v) -> copy.put(k.toUpperCase(java.util.Locale.ROOT), v));
			result.add(copy);
		}
		return result;
	}

	private static Map<String, Object> properties(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}
