package org.remarketing.core.segments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remarketing.core.contacts.ContactEraser;
import org.remarketing.core.contacts.ContactEventProcessor;
import org.remarketing.core.contacts.ContactTestDatabase;
import org.remarketing.core.system.InstallSecrets;
import org.remarketing.core.tracking.EventSource;
import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Segments as a shop owner would check them, on every supported database: shoppers' events go
 * through the contacts processor, which hands the contacts it changed to the engine; the clock
 * moves and the sweep follows it. One subclass per database.
 */
abstract class SegmentsContractTests {

	private static final Instant NOW = Instant.parse("2024-06-10T12:00:00Z");

	private ContactTestDatabase database;

	private JdbcTemplate jdbc;

	private Moving clock;

	private ContactEventProcessor processor;

	private SegmentEngine engine;

	private InstallSecrets secrets;

	abstract ContactTestDatabase createDatabase();

	@BeforeEach
	void setUp() {
		this.database = createDatabase().migrated();
		this.jdbc = this.database.jdbc();
		this.clock = new Moving(NOW);
		this.secrets = InstallSecrets.loadOrCreate(this.jdbc, Clock.systemUTC());
		this.processor = new ContactEventProcessor(this.database.dataSource(), this.secrets, this.clock);
		this.engine = new SegmentEngine(this.database.dataSource(), this.clock, CustomRules.NONE);
		this.engine.installBuiltIns();
		this.engine.sweep(); // the first sweep looks at everyone; later ones only at boundaries crossed
		this.processor.onContactsChanged(this.engine::refresh);
	}

	@AfterEach
	void dropDatabase() {
		this.database.drop();
	}

	@Test
	void everyBuiltInIsInstalledOnceWithItsDescription() {
		this.engine.installBuiltIns();
		assertThat(this.engine.segments()).hasSize(BuiltInSegment.values().length);
		assertThat(this.engine.findByCode("abandoned-cart").description())
			.isEqualTo("Items in the cart, no order since the cart last changed, and the cart idle for at least 60 minutes.");
	}

	@Test
	void aGuestWhoLeavesACartEntersAfterTheCutOffAndLeavesWhenTheyOrder() {
		apply(cart("v1", "cart-1", NOW));
		assertThat(members("abandoned-cart")).isEmpty();
		assertThat(stage("v1")).isEqualTo("intending");

		later(Duration.ofMinutes(59));
		this.engine.sweep();
		assertThat(members("abandoned-cart")).isEmpty();

		later(Duration.ofMinutes(2));
		this.engine.sweep();
		assertThat(members("abandoned-cart")).containsExactly(contactOf("v1"));

		apply(store(EventType.ORDER_PLACED, ShopperIds.of("v1", null, "ann@example.com", false), this.clock.instant(),
				"order_id", "o-1", "value", 20));
		assertThat(members("abandoned-cart")).isEmpty();
		assertThat(changes("abandoned-cart")).containsExactly("enter " + contactOf("v1"), "exit " + contactOf("v1"));
		assertThat(stage("v1")).isEqualTo("customer");
		assertThat(this.engine.findByCode("abandoned-cart").memberCount()).isZero();
	}

	@Test
	void orderHistoriesSortShoppersIntoTheirSegments() {
		order("one-quiet", 70);
		order("one-recent", 10);
		order("repeat", 40);
		order("repeat", 5);
		order("lapsed", 150);
		order("vip", 75, 400);
		order("vip", 80, 300);
		order("old-big", 120, 2000);

		assertThat(members("one-time-quiet")).containsExactly(contactOf("one-quiet"));
		assertThat(members("repeat-buyers")).containsExactlyInAnyOrder(contactOf("repeat"), contactOf("vip"));
		assertThat(members("lapsed")).containsExactlyInAnyOrder(contactOf("lapsed"), contactOf("old-big"));
		assertThat(members("vip")).containsExactly(contactOf("vip"));
		assertThat(stage("repeat")).isEqualTo("loyal");

		// 21 days on: the one-time buyer's order is 91 days old, the recent one's 31; the VIP's orders 96 and 101
		later(Duration.ofDays(21));
		this.engine.sweep();
		assertThat(members("one-time-quiet")).isEmpty();
		assertThat(members("vip")).isEmpty();
		later(Duration.ofDays(30));
		this.engine.sweep();
		assertThat(members("one-time-quiet")).containsExactly(contactOf("one-recent"));
	}

	@Test
	void aRefundCanTakeAVipOut() {
		order("vip", 3, 600);
		assertThat(members("vip")).containsExactly(contactOf("vip"));
		apply(store(EventType.ORDER_STATUS_CHANGED, ids("vip"), this.clock.instant(), "order_id", "vip-3",
				"status", "REFUNDED"));
		assertThat(members("vip")).isEmpty();
	}

	@Test
	void birthdaysWithinTheWeekAndBrowsersWhoNeverAddedAnything() {
		LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
		apply(store(EventType.CUSTOMER_REGISTERED, ids("soon"), NOW.minusSeconds(60), "birthday",
				today.plusDays(6).minusYears(30).toString()));
		apply(store(EventType.CUSTOMER_REGISTERED, ids("later"), NOW.minusSeconds(60), "birthday",
				today.plusDays(9).minusYears(30).toString()));
		for (int i = 0; i < 3; i++) {
			apply(browser(EventType.PRODUCT_VIEW, "browser", NOW.plusSeconds(i), "product_id", 7, "category", "tea"));
			apply(browser(EventType.PRODUCT_VIEW, "glancer", NOW.plusSeconds(i * 100), "product_id", 7 + i));
		}
		apply(browser(EventType.PRODUCT_VIEW, "adder", NOW, "product_id", 9));
		apply(browser(EventType.PAGE_LEAVE, "adder", NOW.plusSeconds(90), "product_id", 9, "seconds", 90));
		apply(cart("adder", "cart-a", NOW.plusSeconds(100)));

		this.engine.sweep();
		assertThat(members("birthday-soon")).containsExactly(contactOf("soon"));
		assertThat(members("browse-abandonment")).containsExactly(contactOf("browser"));
		assertThat(stage("browser")).isEqualTo("considering");
		assertThat(stage("glancer")).isEqualTo("discovering");

		later(Duration.ofDays(3));
		this.engine.sweep();
		assertThat(members("birthday-soon")).containsExactlyInAnyOrder(contactOf("soon"), contactOf("later"));
		later(Duration.ofDays(5));
		this.engine.sweep();
		assertThat(members("browse-abandonment")).as("last viewed more than 7 days ago").isEmpty();
		assertThat(members("birthday-soon")).containsExactly(contactOf("later"));
	}

	@Test
	void replenishmentFollowsTheUsagePeriodOfTheProductOrItsCategory() {
		this.jdbc.update("INSERT INTO rmk_usage_period (scope, scope_key, days) VALUES ('CATEGORY', 'coffee', 30)");
		this.jdbc.update("INSERT INTO rmk_usage_period (scope, scope_key, days) VALUES ('PRODUCT', '11', 60)");
		orderOf("coffee-buyer", 25, 11.0, 10, "coffee"); // product 10: category period 30 → due from day 23
		orderOf("slow-buyer", 25, 11.0, 11, "coffee"); // product 11: its own 60 days win → due from day 53
		orderOf("tea-buyer", 25, 11.0, 20, "tea"); // no period
		this.engine.sweep();
		assertThat(members("replenishment-due")).containsExactly(contactOf("coffee-buyer"));
		later(Duration.ofDays(20)); // 45 days: coffee is 15 days overdue (beyond the 14 days of grace)
		this.engine.sweep();
		assertThat(members("replenishment-due")).isEmpty();
		later(Duration.ofDays(10)); // 55 days
		this.engine.sweep();
		assertThat(members("replenishment-due")).containsExactly(contactOf("slow-buyer"));
	}

	@Test
	void pastBuyersOfACategoryWithProductsAddedSinceTheirLastVisit() {
		orderOf("tea-lover", 40, 9.0, 20, "tea");
		orderOf("coffee-lover", 40, 9.0, 10, "coffee");
		Map<String, Instant> catalog = new LinkedHashMap<>();
		catalog.put("tea", NOW.minus(Duration.ofDays(50)));
		this.engine.setCatalogNews(() -> catalog);
		this.engine.sweep();
		assertThat(members("new-products-for-past-buyers")).as("nothing new since their last order").isEmpty();

		catalog.put("tea", NOW.minus(Duration.ofDays(2)));
		later(Duration.ofMinutes(1));
		this.engine.sweep();
		assertThat(members("new-products-for-past-buyers")).containsExactly(contactOf("tea-lover"));

		// the tea lover comes back and sees the shop: nothing is new since this visit
		apply(browser(EventType.PAGE_VIEW, "tea-lover", this.clock.instant(), "new_session", true));
		assertThat(members("new-products-for-past-buyers")).isEmpty();
	}

	@Test
	void aRebuildFindsWhatEventsMissedAndShowsItsProgress() {
		order("repeat", 40);
		order("repeat", 5);
		this.jdbc.update("DELETE FROM rmk_segment_member");
		this.jdbc.update("UPDATE rmk_segment SET member_count = 0");
		Segment repeat = this.engine.findByCode("repeat-buyers");

		this.engine.rebuild(repeat.id());

		assertThat(members("repeat-buyers")).containsExactly(contactOf("repeat"));
		Segment after = this.engine.findByCode("repeat-buyers");
		assertThat(after.rebuildState()).isEqualTo("DONE");
		assertThat(after.rebuildDone()).isEqualTo(after.rebuildTotal()).isPositive();
		assertThat(after.memberCount()).isEqualTo(1);
		this.engine.rebuild(repeat.id());
		assertThat(changes("repeat-buyers")).as("a second rebuild changes nobody").hasSize(2);
	}

	@Test
	void mergedAndErasedContactsLeaveTheirSegments() {
		apply(browser(EventType.PRODUCT_VIEW, "phone", NOW.minus(Duration.ofDays(1)), "product_id", 7));
		long phone = contactOf("phone");
		ShopperIds gwen = ShopperIds.of("laptop", 77L, "gwen@example.com", true);
		apply(store(EventType.ORDER_PLACED, gwen, NOW.minus(Duration.ofDays(30)), "order_id", "g-1", "value", 50));
		apply(store(EventType.ORDER_PLACED, gwen, NOW.minus(Duration.ofDays(3)), "order_id", "g-2", "value", 50));
		long laptop = contactOf("laptop");
		assertThat(members("repeat-buyers")).containsExactly(laptop);
		// Gwen signs in on her phone: one person; the older contact (the phone's) survives
		apply(store(EventType.CUSTOMER_SIGNED_IN, ShopperIds.of("phone", 77L, "gwen@example.com", true), NOW));
		assertThat(contactOf("laptop")).isEqualTo(phone);
		assertThat(members("repeat-buyers")).containsExactly(phone);
		assertThat(changes("repeat-buyers")).containsExactlyInAnyOrder("enter " + laptop, "exit " + laptop, "enter " + phone);
		long customer = phone;

		new ContactEraser(this.database.dataSource(), this.secrets, this.clock, List.of(new SegmentErasure()))
			.erase(customer);
		assertThat(members("repeat-buyers")).isEmpty();
		assertThat(changes("repeat-buyers")).isEmpty();
		assertThat(this.engine.findByCode("repeat-buyers").memberCount()).isZero();
	}

	@Test
	void thresholdsAreCheckedBeforeTheyAreUsed() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> BuiltInSegment.ABANDONED_CART.validate(Map.of("idle_minutes", 5)))
			.withMessage("idle_minutes must be a whole number from 10 to 10080");
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> BuiltInSegment.ONE_TIME_QUIET.validate(Map.of("min_days", 100)))
			.withMessage("min_days must be less than max_days");
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> BuiltInSegment.VIP.validate(Map.of("spent", 5)))
			.withMessageStartingWith("'spent' is not a setting of VIP");
	}

	// ---------------------------------------------------------------- shoppers

	private void order(String who, int daysAgo) {
		order(who, daysAgo, 50);
	}

	private void order(String who, int daysAgo, int value) {
		Instant at = this.clock.instant().minus(Duration.ofDays(daysAgo));
		apply(store(EventType.ORDER_PLACED, ids(who), at, "order_id", who + "-" + daysAgo, "value", value));
	}

	private void orderOf(String who, int daysAgo, double price, long productId, String category) {
		Instant at = this.clock.instant().minus(Duration.ofDays(daysAgo));
		apply(store(EventType.ORDER_PLACED, ids(who), at, "order_id", who + "-" + daysAgo, "items",
				List.of(Map.of("product_id", productId, "quantity", 1, "price", price, "category", category))));
	}

	private static ShopperIds ids(String who) {
		return ShopperIds.of(who, null, who + "@example.com", true);
	}

	private static TrackedEvent cart(String visitor, String cart, Instant at) {
		return TrackedEvent.builder(EventType.CART_ITEM_ADDED, EventSource.STORE)
			.shopper(ShopperIds.of(visitor, null, null, false))
			.cartCode(cart)
			.occurredAt(at)
			.properties(properties("product_id", 7, "quantity", 1, "price", 20))
			.build();
	}

	private static TrackedEvent browser(EventType type, String visitor, Instant at, Object... properties) {
		return TrackedEvent.builder(type, EventSource.BROWSER).shopper(ShopperIds.of(visitor, null, null, false))
			.occurredAt(at)
			.properties(properties(properties))
			.build();
	}

	private static TrackedEvent store(EventType type, ShopperIds ids, Instant at, Object... properties) {
		return TrackedEvent.builder(type, EventSource.STORE).shopper(ids).occurredAt(at)
			.properties(properties(properties))
			.build();
	}

	private static Map<String, Object> properties(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	private void apply(TrackedEvent event) {
		this.processor.process(List.of(event));
	}

	private void later(Duration duration) {
		this.clock.now = this.clock.now.plus(duration);
	}

	// ---------------------------------------------------------------- what the admin sees

	private long contactOf(String visitor) {
		return this.jdbc.queryForObject("SELECT contact_id FROM rmk_contact_identity WHERE kind = 'VISITOR'"
				+ " AND identity_value = ?", Long.class, visitor);
	}

	private String stage(String visitor) {
		return this.jdbc.queryForObject("SELECT stage FROM rmk_contact WHERE id = ?", String.class, contactOf(visitor));
	}

	private List<Long> members(String code) {
		return this.jdbc.queryForList("SELECT m.contact_id FROM rmk_segment_member m JOIN rmk_segment s ON s.id ="
				+ " m.segment_id WHERE s.code = ? ORDER BY m.contact_id", Long.class, code);
	}

	private List<String> changes(String code) {
		List<String> changes = new ArrayList<>();
		this.jdbc.query("SELECT c.entered, c.contact_id FROM rmk_segment_change c JOIN rmk_segment s ON s.id ="
				+ " c.segment_id WHERE s.code = ? ORDER BY c.id", (rs) -> {
					changes.add((rs.getBoolean(1) ? "enter " : "exit ") + rs.getLong(2));
				}, code);
		return changes;
	}

	/** A clock the test moves. */
	private static final class Moving extends Clock {

		Instant now;

		Moving(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
