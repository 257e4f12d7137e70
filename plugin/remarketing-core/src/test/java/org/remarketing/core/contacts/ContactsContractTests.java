package org.remarketing.core.contacts;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remarketing.core.system.InstallSecrets;
import org.remarketing.core.tracking.EventSource;
import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contacts as a shop owner would describe them, on every supported database; one subclass per
 * database.
 */
abstract class ContactsContractTests {

	/** Microseconds: the precision every vendor keeps. */
	private static final Instant T0 = Instant.parse("2024-03-05T09:00:00.123456Z");

	private ContactTestDatabase database;

	private JdbcTemplate jdbc;

	private ContactEventProcessor processor;

	private ContactSearch search;

	private ContactDetails details;

	private GdprExport export;

	private ContactEraser eraser;

	abstract ContactTestDatabase createDatabase();

	@BeforeEach
	void setUp() {
		this.database = createDatabase().migrated();
		this.jdbc = this.database.jdbc();
		InstallSecrets secrets = InstallSecrets.loadOrCreate(this.jdbc, Clock.systemUTC());
		this.processor = new ContactEventProcessor(this.database.dataSource(), secrets, Clock.systemUTC());
		this.search = new ContactSearch(this.database.dataSource());
		this.details = new ContactDetails(this.database.dataSource());
		this.export = new GdprExport(this.database.dataSource(), Clock.systemUTC());
		this.eraser = new ContactEraser(this.database.dataSource(), secrets, Clock.systemUTC(), List.of());
	}

	@AfterEach
	void dropDatabase() {
		this.database.drop();
	}

	@Test
	void guestWhoBrowsesFillsACartAndTypesAnEmailIsOneContactWithTheWholeTimeline() {
		List<TrackedEvent> guest = guestJourney("v1", "ann@example.com", T0);
		this.processor.process(guest);

		List<Map<String, Object>> found = this.search.search("ann@", 0, 20).getItems();
		assertThat(found).hasSize(1);
		assertThat(this.search.search("", 0, 20).getTotal()).isEqualTo(1);
		Map<String, Object> contact = contact(id(found.get(0)));
		Map<String, Object> profile = map(contact, "profile");
		assertThat(profile.get("email")).isEqualTo("ann@example.com");
		assertThat(profile.get("visits")).isEqualTo(1);
		assertThat(profile.get("firstSeen")).isEqualTo(T0.toString());
		assertThat(map(profile, "cart")).containsEntry("items", 2).containsEntry("code", "cart-v1");
		assertThat(amount(map(profile, "cart").get("value"))).isEqualByComparingTo("39.80");
		assertThat(map(profile, "checkout")).containsEntry("step", "add_shipping_info");
		assertThat(identities(contact)).containsExactlyInAnyOrder("VISITOR:v1", "CART:cart-v1", "EMAIL:ann@example.com");
		assertThat(timelineTypes(contact)).containsExactly("email_captured", "add_shipping_info", "begin_checkout",
				"page_leave", "cart_item_added", "view_item", "page_view");
		Map<String, Object> product = list(contact, "products").get(0);
		assertThat(product).containsEntry("productId", 7L).containsEntry("sku", "TEA-1").containsEntry("views", 1L)
			.containsEntry("viewSeconds", 45L).containsEntry("cartQuantity", 2L);
		assertThat(list(contact, "categories").get(0)).containsEntry("categoryCode", "tea").containsEntry("views", 1L);
	}

	@Test
	void signingInLaterOnAnotherBrowserJoinsBothTimelines() {
		this.processor.process(guestJourney("v1", "ann@example.com", T0));
		Instant later = T0.plus(Duration.ofDays(2));
		this.processor.process(List.of(browser(EventType.PAGE_VIEW, "v2", later, "new_session", true, "url",
				"https://shop.example/", "referrer", "https://www.google.com/search?q=tea")));
		long phoneContact = id(this.search.search("v2", 0, 20).getItems().get(0));
		this.processor.process(List.of(store(EventType.CUSTOMER_SIGNED_IN,
				ShopperIds.of("v2", 42L, "Ann@Example.com", true), later.plusSeconds(30))));

		List<Map<String, Object>> all = this.search.search(null, 0, 20).getItems();
		assertThat(all).hasSize(1);
		long ann = id(all.get(0));
		assertThat(ann).isNotEqualTo(phoneContact).isEqualTo(id(this.search.search("42", 0, 20).getItems().get(0)));
		Map<String, Object> contact = contact(ann);
		assertThat(identities(contact)).containsExactlyInAnyOrder("VISITOR:v1", "VISITOR:v2", "CUSTOMER:42",
				"EMAIL:ann@example.com", "CART:cart-v1");
		assertThat(list(contact, "identities")).filteredOn((i) -> i.get("kind").equals("EMAIL"))
			.extracting((i) -> i.get("verified"))
			.containsExactly(true);
		assertThat(timelineTypes(contact)).hasSize(9).startsWith("login", "page_view").endsWith("page_view");
		Map<String, Object> profile = map(contact, "profile");
		assertThat(profile).containsEntry("visits", 2).containsEntry("customerId", 42L)
			.containsEntry("firstSeen", T0.toString())
			.containsEntry("lastSeen", later.plusSeconds(30).toString());
		assertThat(map(profile, "sources")).containsEntry("organic_search", 1L).containsEntry("email", 1L);
		// the phone's old contact id still leads to Ann
		Map<String, Object> viaOldId = this.details.find(phoneContact, 0, 10).get();
		assertThat(viaOldId).containsEntry("id", ann).containsEntry("mergedFrom", phoneContact);
	}

	@Test
	void anEmailTypedInAnotherBrowserNeverJoinsOrChangesItsOwner() {
		ShopperIds ann = ShopperIds.of("v-ann", 7L, "ann@example.com", true);
		this.processor.process(List.of(store(EventType.CUSTOMER_REGISTERED, ann, T0, "first_name", "Ann"),
				storeCart(EventType.CART_ITEM_ADDED, ann, "cart-v-ann", T0.plusSeconds(5), "product_id", 7, "quantity", 1,
						"price", 10)));
		long annId = id(this.search.search("ann", 0, 20).getItems().get(0));
		Map<String, Object> before = contact(annId);

		Instant later = T0.plus(Duration.ofHours(3));
		this.processor.process(List.of(browser(EventType.PAGE_VIEW, "v-mallory", later),
				browserWith(EventType.EMAIL_CAPTURED, ShopperIds.of("v-mallory", 7L, "ANN@example.com", true),
						later.plusSeconds(1)),
				storeCart(EventType.CART_EMPTIED, ShopperIds.of("v-mallory", null, "ann@example.com", false), "cart-v-ann",
						later.plusSeconds(2))));

		assertThat(this.search.search(null, 0, 20).getTotal()).isEqualTo(2);
		Map<String, Object> after = contact(annId);
		assertThat(after.get("profile")).isEqualTo(before.get("profile"));
		assertThat(after.get("identities")).isEqualTo(before.get("identities"));
		assertThat(map(after, "timeline").get("total")).isEqualTo(2L);
		long malloryId = id(this.search.search("v-mallory", 0, 20).getItems().get(0));
		Map<String, Object> mallory = contact(malloryId);
		assertThat(identities(mallory)).containsExactly("VISITOR:v-mallory");
		assertThat(map(mallory, "profile").get("email")).isNull();
		// the claim stays on the event, where the timeline shows it
		List<Object> claimed = timeline(mallory).stream()
			.map((e) -> ((Map<?, ?>) e.get("shopper")).get("email"))
			.collect(Collectors.toList());
		assertThat(claimed).contains("ann@example.com");
	}

	@Test
	void theSameEventDeliveredTwiceChangesNothing() {
		List<TrackedEvent> events = guestJourney("v1", "ann@example.com", T0);
		events.add(store(EventType.ORDER_PLACED, ShopperIds.of("v1", null, "ann@example.com", false),
				T0.plusSeconds(600), "order_id", 1001, "value", 39.8, "items",
				List.of(Map.of("product_id", 7, "sku", "TEA-1", "quantity", 2, "price", 19.9, "category", "tea"))));
		this.processor.process(events);
		long id = id(this.search.search(null, 0, 20).getItems().get(0));
		Map<String, Object> once = contact(id);

		this.processor.process(events);
		List<TrackedEvent> doubled = new ArrayList<>(events);
		doubled.addAll(events);
		this.processor.process(doubled);
		// the same order under a new event id (a second capture of the same commit) counts once too
		this.processor.process(List.of(events.get(events.size() - 1).toBuilder().id(UUID.randomUUID().toString()).build()));

		Map<String, Object> again = contact(id);
		assertThat(withoutUpdatedAt(map(again, "profile"))).isEqualTo(withoutUpdatedAt(map(once, "profile")));
		assertThat(again.get("products")).isEqualTo(once.get("products"));
		assertThat(map(map(again, "profile"), "orders")).containsEntry("count", 1);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_event", Long.class)).isEqualTo(events.size() + 1);
	}

	@Test
	void aRefundTakesTheOrderOutOfTheTotalsOnce() {
		ShopperIds ann = ShopperIds.of("v1", 42L, "ann@example.com", true);
		this.processor.process(List.of(
				store(EventType.ORDER_PLACED, ann, T0, "order_id", "1001", "value", "100.00", "currency", "USD", "items",
						List.of(Map.of("product_id", 7, "quantity", 2, "price", 50, "category", "tea"))),
				store(EventType.ORDER_PLACED, ann, T0.plusSeconds(3600), "order_id", "1002", "value", 50),
				store(EventType.ORDER_STATUS_CHANGED, ann, T0.plusSeconds(7200), "order_id", "1001", "status", "PROCESSED"),
				store(EventType.ORDER_STATUS_CHANGED, ann, T0.plusSeconds(8000), "order_id", "1001", "status", "REFUNDED"),
				store(EventType.ORDER_STATUS_CHANGED, ann, T0.plusSeconds(9000), "order_id", "1001", "status",
						"refunded")));

		Map<String, Object> contact = contact(id(this.search.search("42", 0, 20).getItems().get(0)));
		Map<String, Object> orders = map(map(contact, "profile"), "orders");
		assertThat(orders).containsEntry("count", 1).containsEntry("firstOrderAt", T0.toString())
			.containsEntry("lastOrderAt", T0.plusSeconds(3600).toString());
		assertThat(amount(orders.get("totalSpent"))).isEqualByComparingTo("50");
		assertThat(amount(orders.get("averageValue"))).isEqualByComparingTo("50");
		assertThat(map(contact, "profile").get("lastSeen")).isEqualTo(T0.plusSeconds(3600).toString());
		assertThat(list(contact, "products").get(0)).containsEntry("boughtCount", 2L);
		assertThat(list(contact, "categories").get(0)).containsEntry("boughtCount", 1L);
		assertThat(list(contact, "orders")).extracting((o) -> o.get("orderId") + ":" + o.get("status") + ":" + o.get("counted"))
			.containsExactly("1002:null:true", "1001:REFUNDED:false");
	}

	@Test
	void erasureRemovesEverythingAndOldEventsDoNotBringThePersonBack() {
		List<TrackedEvent> history = guestJourney("v1", "ann@example.com", T0);
		history.add(store(EventType.CUSTOMER_SIGNED_IN, ShopperIds.of("v2", 42L, "ann@example.com", true),
				T0.plusSeconds(3600)));
		history.add(store(EventType.NEWSLETTER_OPT_IN, ShopperIds.of("v2", 42L, "ann@example.com", true),
				T0.plusSeconds(3601)));
		this.processor.process(history);
		this.processor.process(List.of(browser(EventType.PAGE_VIEW, "someone-else", T0)));
		long ann = id(this.search.search("ann@", 0, 20).getItems().get(0));
		assertThat(this.export.export(ann).get().get("events")).asList().hasSize(history.size());

		assertThat(this.eraser.erase(ann)).isTrue();

		assertThat(this.search.search(null, 0, 20).getItems()).extracting(this::identitiesOf)
			.containsExactly(List.of("VISITOR:someone-else"));
		assertThat(this.details.find(ann, 0, 10)).isEmpty();
		assertThat(this.eraser.erase(ann)).isFalse();
		for (String table : Arrays.asList("rmk_contact_identity", "rmk_contact_product", "rmk_contact_category",
				"rmk_contact_source", "rmk_contact_order", "rmk_consent")) {
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE contact_id = ?", Long.class,
					ann)).as(table).isZero();
		}
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_event", Long.class)).isEqualTo(1);
		List<String> hashes = this.jdbc.queryForList("SELECT key_hash FROM rmk_erasure", String.class);
		// visitors v1 and v2, customer 42, the email, the cart
		assertThat(hashes).hasSize(5).allMatch((hash) -> hash.matches("[0-9a-f]{64}"));

		// a replay of the old events (outbox retry, Kafka rewind) and new ones for any identifier
		this.processor.process(history);
		this.processor.process(List.of(browser(EventType.PAGE_VIEW, "v1", T0.plus(Duration.ofDays(1))),
				store(EventType.ORDER_PLACED, ShopperIds.of(null, 42L, null, false), T0.plus(Duration.ofDays(1)),
						"order_id", 9),
				browserWith(EventType.EMAIL_CAPTURED, ShopperIds.of("v9", null, "ann@example.com", false),
						T0.plus(Duration.ofDays(1)))));
		assertThat(this.search.search(null, 0, 20).getTotal()).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_event", Long.class)).isEqualTo(1);
	}

	@Test
	void consentHistoryKeepsItsProofAndTheLatestChangeWins() {
		ShopperIds ann = ShopperIds.of("v1", 42L, "ann@example.com", true);
		this.processor.process(List.of(
				store(EventType.NEWSLETTER_OPT_IN, ann, T0, "consent_text", "Send me the newsletter", "url",
						"https://shop.example/register", "ip_hash", "ab12"),
				browserWith(EventType.EMAIL_OPT_OUT, ShopperIds.of("v1", null, "ann@example.com", false),
						T0.plusSeconds(60), "url", "https://shop.example/checkout"),
				TrackedEvent.builder(EventType.CONSENT_CHANGED, EventSource.PLUGIN).shopper(ann)
					.occurredAt(T0.plusSeconds(120))
					.property("channel", "sms").property("granted", true).property("consent_text", "Texts about my orders")
					.build(),
				// arrives last, happened first: history only
				TrackedEvent.builder(EventType.CONSENT_CHANGED, EventSource.PLUGIN).shopper(ann)
					.occurredAt(T0.minusSeconds(60))
					.property("channel", "EMAIL").property("granted", true).property("source", "import")
					.build()));

		Map<String, Object> consent = map(contact(id(this.search.search("42", 0, 20).getItems().get(0))), "consent");
		Map<String, Object> email = map(map(consent, "current"), "EMAIL");
		assertThat(email).containsEntry("granted", false).containsEntry("source", "checkout-opt-out")
			.containsEntry("recordedAt", T0.plusSeconds(60).toString());
		assertThat(map(email, "proof")).containsEntry("url", "https://shop.example/checkout")
			.containsEntry("event_source", "BROWSER");
		assertThat(map(map(consent, "current"), "SMS")).containsEntry("granted", true)
			.containsEntry("source", "preference-page");
		List<Map<String, Object>> history = list(consent, "history");
		assertThat(history).extracting((c) -> c.get("channel") + ":" + c.get("granted") + ":" + c.get("source"))
			.containsExactly("SMS:true:preference-page", "EMAIL:false:checkout-opt-out", "EMAIL:true:store-newsletter",
					"EMAIL:true:import");
		assertThat(map(history.get(2), "proof")).containsEntry("text", "Send me the newsletter")
			.containsEntry("url", "https://shop.example/register")
			.containsEntry("ip_hash", "ab12");
	}

	@Test
	void doNotTrackRecordsTheEventWithNothingPersonal() {
		this.processor.process(List.of(browserWith(EventType.PRODUCT_VIEW,
				ShopperIds.of("v-dnt", null, "dnt@example.com", false), T0, "dnt", true, "product_id", 7, "url",
				"https://shop.example/p/7?email=dnt@example.com", "first_name", "Dee")));

		assertThat(this.search.search(null, 0, 20).getTotal()).isZero();
		Map<String, Object> row = this.jdbc.queryForMap(
				"SELECT contact_id, visitor_id, customer_id, payload FROM rmk_event");
		assertThat(row.get("contact_id")).isNull();
		assertThat(row.get("visitor_id")).isNull();
		assertThat(row.get("customer_id")).isNull();
		assertThat(String.valueOf(row.get("payload"))).contains("\"product_id\":7")
			.doesNotContain("v-dnt")
			.doesNotContain("dnt@example.com")
			.doesNotContain("Dee");
	}

	@Test
	void lateOlderEventsNeverMoveTheProfileBackwards() {
		Instant now = T0.plus(Duration.ofHours(5));
		ShopperIds v1 = ShopperIds.of("v1", null, null, false);
		this.processor.process(List.of(browser(EventType.PAGE_VIEW, "v1", now),
				storeCart(EventType.CART_ITEM_ADDED, v1, "c1", now, "product_id", 7, "quantity", 3, "price", 2),
				browser(EventType.PAGE_VIEW, "v1", T0),
				storeCart(EventType.CART_EMPTIED, v1, "c1", T0),
				browserWith(EventType.CUSTOMER_UPDATED, v1, now, "first_name", "New"),
				store(EventType.CUSTOMER_UPDATED, v1, T0, "first_name", "Old", "last_name", "Kept")));

		Map<String, Object> profile = map(contact(id(this.search.search("v1", 0, 20).getItems().get(0))), "profile");
		assertThat(profile).containsEntry("firstSeen", T0.toString()).containsEntry("lastSeen", now.toString())
			.containsEntry("visits", 1).containsEntry("firstName", "New").containsEntry("lastName", null);
		assertThat(map(profile, "cart")).containsEntry("items", 3);
	}

	@Test
	void visitsCountSessionsAndTheChannelsTheyCameFrom() {
		this.processor.process(List.of(
				browser(EventType.PAGE_VIEW, "v1", T0, "url", "https://shop.example/?utm_source=nl", "utm_source", "nl",
						"utm_medium", "email"),
				browser(EventType.PAGE_VIEW, "v1", T0.plus(Duration.ofMinutes(10)), "url", "https://shop.example/a",
						"referrer", "https://shop.example/"),
				browser(EventType.PAGE_VIEW, "v1", T0.plus(Duration.ofMinutes(50)), "url", "https://shop.example/b",
						"referrer", "https://l.facebook.com/x"),
				browser(EventType.PAGE_VIEW, "v1", T0.plus(Duration.ofMinutes(55)), "new_session", true, "url",
						"https://shop.example/"),
				browser(EventType.PAGE_VIEW, "v1", T0.plus(Duration.ofMinutes(56)), "url", "https://shop.example/",
						"referrer", "https://blog.example.org/post")));

		Map<String, Object> profile = map(contact(id(this.search.search("v1", 0, 20).getItems().get(0))), "profile");
		assertThat(profile.get("visits")).isEqualTo(3);
		assertThat(map(profile, "sources")).containsOnly(Map.entry("email", 1L), Map.entry("social", 1L),
				Map.entry("direct", 1L));
	}

	@Test
	void theCartFollowsItsLinesAndAnOrderClearsIt() {
		ShopperIds v1 = ShopperIds.of("v1", null, null, false);
		this.processor.process(List.of(
				storeCart(EventType.CART_ITEM_ADDED, v1, "c1", T0, "product_id", 1, "quantity", 2, "price", "10.00"),
				storeCart(EventType.CART_ITEM_ADDED, v1, "c1", T0.plusSeconds(1), "product_id", 2, "quantity", 1, "price", 5),
				storeCart(EventType.CART_QUANTITY_CHANGED, v1, "c1", T0.plusSeconds(2), "product_id", 1, "quantity", 1)));
		assertThat(cart("v1")).containsEntry("items", 2).containsEntry("code", "c1");
		assertThat(amount(cart("v1").get("value"))).isEqualByComparingTo("15");

		this.processor.process(List.of(
				storeCart(EventType.CART_ITEM_REMOVED, v1, "c1", T0.plusSeconds(3), "product_id", 2),
				browser(EventType.ADD_PAYMENT_INFO, "v1", T0.plusSeconds(4))));
		assertThat(cart("v1")).containsEntry("items", 1);
		assertThat(amount(cart("v1").get("value"))).isEqualByComparingTo("10");

		this.processor.process(List.of(storeCart(EventType.CART_CONVERTED, v1, "c1", T0.plusSeconds(5)),
				store(EventType.ORDER_PLACED, v1, T0.plusSeconds(5), "order_id", 5, "value", 10)));
		Map<String, Object> profile = map(contact(id(this.search.search("v1", 0, 20).getItems().get(0))), "profile");
		assertThat(map(profile, "cart")).containsEntry("items", 0).containsEntry("code", null);
		assertThat(map(profile, "checkout")).containsEntry("step", null);
	}

	@Test
	void aHeadlessGuestsCartBelongsToTheContactOfItsOrderAndItsAccount() {
		// a shop calling the store's API without the visitor cookie: the store knows nobody but the cart
		ShopperIds nobody = ShopperIds.none();
		this.processor.process(List.of(
				storeCart(EventType.CART_ITEM_ADDED, nobody, "k1", T0, "product_id", 1, "sku", "A", "quantity", 1,
						"price", 10),
				storeCart(EventType.CART_ITEM_ADDED, nobody, "k1", T0.plusSeconds(10), "product_id", 2, "sku", "B",
						"quantity", 2, "price", 5)));
		assertThat(this.search.search(null, 0, 20).getTotal()).isEqualTo(1);
		long cartContact = id(this.search.search(null, 0, 20).getItems().get(0));
		assertThat(identities(contact(cartContact))).containsExactly("CART:k1");
		assertThat(map(map(contact(cartContact), "profile"), "cart")).containsEntry("items", 3).containsEntry("code", "k1");

		ShopperIds order = ShopperIds.of(null, null, "lan@example.com", true);
		this.processor.process(List.of(storeCart(EventType.ORDER_PLACED, order, "k1", T0.plusSeconds(60), "order_id", 11,
				"value", 20), storeCart(EventType.CART_CONVERTED, order, "k1", T0.plusSeconds(60), "order_id", 11)));
		assertThat(this.search.search(null, 0, 20).getTotal()).isEqualTo(1);
		Map<String, Object> lan = contact(id(this.search.search("lan@", 0, 20).getItems().get(0)));
		assertThat(lan.get("id")).isEqualTo(cartContact);
		assertThat(identities(lan)).containsExactlyInAnyOrder("CART:k1", "EMAIL:lan@example.com");
		assertThat(timelineTypes(lan)).containsExactlyInAnyOrder("cart_converted", "order_placed", "cart_item_added",
				"cart_item_added");
		assertThat(map(map(lan, "profile"), "orders")).containsEntry("count", 1);

		// later: an account with that email, then a new guest cart taken into it at sign-in
		Instant later = T0.plus(Duration.ofDays(3));
		ShopperIds customer = ShopperIds.of(null, 42L, "lan@example.com", true);
		this.processor.process(List.of(store(EventType.CUSTOMER_REGISTERED, customer, later, "first_name", "Lan"),
				storeCart(EventType.CART_ITEM_ADDED, nobody, "k2", later.plusSeconds(60), "product_id", 3, "sku", "C",
						"quantity", 1, "price", 7)));
		assertThat(this.search.search(null, 0, 20).getTotal()).as("the new cart's own contact").isEqualTo(2);
		this.processor.process(List.of(storeCart(EventType.CART_MERGED, ShopperIds.of(null, 42L, null, false), "k2",
				later.plusSeconds(90), "from_cart_code", "k2", "to_cart_code", "k2")));

		assertThat(this.search.search(null, 0, 20).getTotal()).isEqualTo(1);
		lan = contact(cartContact);
		assertThat(identities(lan)).containsExactlyInAnyOrder("CART:k1", "CART:k2", "EMAIL:lan@example.com",
				"CUSTOMER:42");
		assertThat(timelineTypes(lan)).hasSize(7).startsWith("cart_merged", "cart_item_added", "customer_registered");
		assertThat(map(map(lan, "profile"), "cart")).containsEntry("items", 1).containsEntry("code", "k2");
		assertThat(amount(map(map(lan, "profile"), "cart").get("value"))).isEqualByComparingTo("7");

		// a cart code is no secret: someone else's browser changing that cart stays someone else
		this.processor.process(List.of(storeCart(EventType.CART_ITEM_ADDED, ShopperIds.of("v-mallory", null, null, false),
				"k2", later.plusSeconds(120), "product_id", 4, "quantity", 1, "price", 1)));
		assertThat(this.search.search(null, 0, 20).getTotal()).isEqualTo(2);
		assertThat(identities(contact(id(this.search.search("v-mallory", 0, 20).getItems().get(0)))))
			.containsExactly("VISITOR:v-mallory");
		assertThat(timelineTypes(contact(cartContact))).hasSize(7);

		// erased: the cart's late events do not bring the person back
		assertThat(this.eraser.erase(cartContact)).isTrue();
		this.processor.process(List.of(storeCart(EventType.CART_ITEM_REMOVED, nobody, "k1", later.plusSeconds(200),
				"product_id", 1)));
		assertThat(this.search.search(null, 0, 20).getItems()).extracting(this::identitiesOf)
			.containsExactly(List.of("VISITOR:v-mallory"));
	}

	@Test
	void aCartsEventArrivingAfterItsOrderFindsTheBuyer() {
		// another node (or Kafka partition) was slower: the order comes first, then the cart's first line
		ShopperIds buyer = ShopperIds.of(null, null, "lan@example.com", true);
		this.processor.process(List.of(storeCart(EventType.ORDER_PLACED, buyer, "k1", T0.plusSeconds(60), "order_id", 11,
				"value", 10)));
		this.processor.process(List.of(storeCart(EventType.CART_ITEM_ADDED, ShopperIds.none(), "k1", T0, "product_id", 1,
				"quantity", 1, "price", 10)));

		assertThat(this.search.search(null, 0, 20).getTotal()).isEqualTo(1);
		Map<String, Object> lan = contact(id(this.search.search("lan@", 0, 20).getItems().get(0)));
		assertThat(timelineTypes(lan)).containsExactly("order_placed", "cart_item_added");
		assertThat(identities(lan)).containsExactlyInAnyOrder("CART:k1", "EMAIL:lan@example.com");
		// the ordered cart is no open cart
		assertThat(map(map(lan, "profile"), "cart")).containsEntry("items", 0);
	}

	@Test
	void twoCustomersSharingABrowserStayTwoPeople() {
		this.processor.process(List.of(store(EventType.CUSTOMER_SIGNED_IN, ShopperIds.of("family-pc", 42L, "ann@example.com", true), T0),
				store(EventType.CUSTOMER_SIGNED_IN, ShopperIds.of("family-pc", 77L, "bob@example.com", true),
						T0.plusSeconds(600)),
				browser(EventType.PAGE_VIEW, "family-pc", T0.plusSeconds(700))));

		assertThat(this.search.search(null, 0, 20).getTotal()).isEqualTo(2);
		Map<String, Object> ann = contact(id(this.search.search("42", 0, 20).getItems().get(0)));
		Map<String, Object> bob = contact(id(this.search.search("77", 0, 20).getItems().get(0)));
		assertThat(identities(ann)).containsExactlyInAnyOrder("CUSTOMER:42", "EMAIL:ann@example.com");
		assertThat(identities(bob)).containsExactlyInAnyOrder("CUSTOMER:77", "EMAIL:bob@example.com", "VISITOR:family-pc");
		assertThat(timelineTypes(bob)).containsExactly("page_view", "login");
	}

	@Test
	void searchMatchesNamesEmailsAndIdsAndPagesNewestFirst() {
		for (int i = 1; i <= 5; i++) {
			this.processor.process(List.of(store(EventType.CUSTOMER_REGISTERED,
					ShopperIds.of("v" + i, (long) (100 + i), "user" + i + "@example.com", true), T0.plusSeconds(i),
					"first_name", "Nguyễn", "last_name", "Văn " + i)));
		}
		ContactPage first = this.search.search("nguyễn", 0, 2);
		assertThat(first.getTotal()).isEqualTo(5);
		assertThat(first.getItems()).extracting((c) -> c.get("email"))
			.containsExactly("user5@example.com", "user4@example.com");
		assertThat(this.search.search("nguyễn", 2, 2).getItems()).extracting((c) -> c.get("email"))
			.containsExactly("user1@example.com");
		assertThat(this.search.search("Nguyễn Văn 3", 0, 10).getItems()).hasSize(1);
		assertThat(this.search.search("USER2@", 0, 10).getItems()).hasSize(1);
		assertThat(this.search.search("103", 0, 10).getItems()).extracting((c) -> c.get("customerId")).containsExactly(103L);
		assertThat(this.search.search("v4", 0, 10).getItems()).extracting((c) -> c.get("customerId")).containsExactly(104L);
		assertThat(this.search.search("%", 0, 10).getItems()).isEmpty();
		assertThat(this.search.search("user_", 0, 10).getItems()).isEmpty();
	}

	@Test
	void eventsOfOneNewShopperAppliedAtOnceMakeOneContact() throws Exception {
		int threads = 6;
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
		try {
			java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
			List<java.util.concurrent.Future<?>> done = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				Instant at = T0.plusSeconds(i);
				done.add(pool.submit(() -> {
					start.await();
					this.processor.process(List.of(browser(EventType.PRODUCT_VIEW, "v-race", at, "product_id", 7),
							store(EventType.CUSTOMER_SIGNED_IN, ShopperIds.of("v-race", 42L, "ann@example.com", true), at)));
					return null;
				}));
			}
			start.countDown();
			for (java.util.concurrent.Future<?> future : done) {
				future.get(60, java.util.concurrent.TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.search.search(null, 0, 20).getTotal()).isEqualTo(1);
		Map<String, Object> contact = contact(id(this.search.search("v-race", 0, 20).getItems().get(0)));
		assertThat(identities(contact)).containsExactlyInAnyOrder("VISITOR:v-race", "CUSTOMER:42", "EMAIL:ann@example.com");
		assertThat(map(contact, "timeline").get("total")).isEqualTo((long) threads * 2);
		assertThat(list(contact, "products").get(0)).containsEntry("views", (long) threads);
	}

	@Test
	void aDeliveryAppliedInOneGoEndsAsIfAppliedEventByEvent() {
		List<TrackedEvent> ann = guestJourney("v1", "ann@example.com", T0);
		List<TrackedEvent> bob = guestJourney("v2", "bob@example.com", T0.plusSeconds(5));
		List<TrackedEvent> stream = new ArrayList<>();
		for (int i = 0; i < Math.max(ann.size(), bob.size()); i++) {
			stream.add(ann.get(i));
			stream.add(bob.get(i));
		}
		ShopperIds annSignedIn = ShopperIds.of("v3", 42L, "ann@example.com", true);
		stream.add(browser(EventType.PRODUCT_VIEW, "v3", T0.plusSeconds(3600), "product_id", 9, "category", "coffee"));
		stream.add(store(EventType.CUSTOMER_SIGNED_IN, annSignedIn, T0.plusSeconds(3610)));
		stream.add(browser(EventType.PRODUCT_VIEW, "v1", T0.plusSeconds(3620), "product_id", 7, "dnt", true));
		stream.add(store(EventType.ORDER_PLACED, annSignedIn, T0.plusSeconds(3700), "order_id", "2001", "value", 30,
				"items", List.of(Map.of("product_id", 9, "quantity", 1, "price", 30, "category", "coffee"))));
		stream.add(stream.get(3)); // delivered twice in one delivery
		stream.add(browser(EventType.PRODUCT_VIEW, "v2", T0.minusSeconds(60), "product_id", 8)); // late and older

		ContactTestDatabase other = createDatabase().migrated();
		try {
			this.processor.process(stream);
			ContactEventProcessor oneByOne = new ContactEventProcessor(other.dataSource(),
					InstallSecrets.loadOrCreate(other.jdbc(), Clock.systemUTC()), Clock.systemUTC());
			for (TrackedEvent event : stream) {
				oneByOne.process(List.of(event));
			}

			assertThat(this.processor.chunksAppliedOneByOne()).isZero();
			Map<String, Object> together = everyone(this.search, this.details);
			assertThat(together).hasSize(2);
			assertThat(together).isEqualTo(everyone(new ContactSearch(other.dataSource()),
					new ContactDetails(other.dataSource())));
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_event", Long.class))
				.isEqualTo(stream.size() - 1);
		}
		finally {
			other.drop();
		}
	}

	/** Every contact as the admin sees it, keyed by its identities, without the database's own ids and write times. */
	private static Map<String, Object> everyone(ContactSearch search, ContactDetails details) {
		Map<String, Object> all = new java.util.TreeMap<>();
		for (Map<String, Object> summary : search.search(null, 0, 100).getItems()) {
			Map<String, Object> contact = details.find(id(summary), 0, 100).orElseThrow();
			all.put(String.join(" ", new java.util.TreeSet<>(identities(contact))), withoutIds(contact));
		}
		return all;
	}

	@SuppressWarnings("unchecked")
	private static Object withoutIds(Object value) {
		if (value instanceof Map) {
			Map<String, Object> copy = new java.util.TreeMap<>();
			((Map<String, Object>) value).forEach((key, inner) -> {
				if (!List.of("id", "contactId", "updatedAt", "createdAt", "receivedAt", "mergedFrom").contains(key)) {
					copy.put(key, withoutIds(inner));
				}
			});
			return copy;
		}
		if (value instanceof List) {
			return ((List<Object>) value).stream().map(ContactsContractTests::withoutIds).collect(Collectors.toList());
		}
		return value;
	}

	// ---------------------------------------------------------------- a shopper's afternoon

	/** Guest on browser {@code visitor}: lands from a newsletter, views a tea, adds two, checks out, types an email. */
	private List<TrackedEvent> guestJourney(String visitor, String email, Instant start) {
		ShopperIds fromRequest = ShopperIds.of(visitor, null, null, false);
		return new ArrayList<>(List.of(
				browser(EventType.PAGE_VIEW, visitor, start, "new_session", true, "url", "https://shop.example/?utm_medium=email",
						"utm_source", "newsletter", "utm_medium", "email"),
				browser(EventType.PRODUCT_VIEW, visitor, start.plusSeconds(10), "product_id", 7, "sku", "TEA-1", "category",
						"tea"),
				storeCart(EventType.CART_ITEM_ADDED, fromRequest, "cart-" + visitor, start.plusSeconds(40), "product_id", 7,
						"sku", "TEA-1", "quantity", 2, "price", 19.9),
				browser(EventType.PAGE_LEAVE, visitor, start.plusSeconds(55), "product_id", 7, "seconds", 45),
				browser(EventType.BEGIN_CHECKOUT, visitor, start.plusSeconds(60)),
				browser(EventType.ADD_SHIPPING_INFO, visitor, start.plusSeconds(90)),
				browserWith(EventType.EMAIL_CAPTURED, ShopperIds.of(visitor, null, email, false), start.plusSeconds(95))));
	}

	private static TrackedEvent browser(EventType type, String visitor, Instant at, Object... properties) {
		return browserWith(type, ShopperIds.of(visitor, null, null, false), at, properties);
	}

	private static TrackedEvent browserWith(EventType type, ShopperIds ids, Instant at, Object... properties) {
		return TrackedEvent.builder(type, EventSource.BROWSER).shopper(ids).occurredAt(at)
			.properties(properties(properties))
			.build();
	}

	private static TrackedEvent store(EventType type, ShopperIds ids, Instant at, Object... properties) {
		return storeCart(type, ids, null, at, properties);
	}

	private static TrackedEvent storeCart(EventType type, ShopperIds ids, String cartCode, Instant at,
			Object... properties) {
		return TrackedEvent.builder(type, EventSource.STORE).shopper(ids).cartCode(cartCode).occurredAt(at)
			.properties(properties(properties))
			.build();
	}

	private static Map<String, Object> properties(Object... keysAndValues) {
		Map<String, Object> map = new java.util.LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	// ---------------------------------------------------------------- what the admin sees

	private Map<String, Object> contact(long id) {
		return this.details.find(id, 0, 100).orElseThrow();
	}

	private Map<String, Object> cart(String visitor) {
		return map(map(contact(id(this.search.search(visitor, 0, 20).getItems().get(0))), "profile"), "cart");
	}

	private List<String> identitiesOf(Map<String, Object> summary) {
		return identities(contact(id(summary)));
	}

	private static List<String> identities(Map<String, Object> contact) {
		return list(contact, "identities").stream()
			.map((i) -> i.get("kind") + ":" + i.get("value"))
			.collect(Collectors.toList());
	}

	private static List<Map<String, Object>> timeline(Map<String, Object> contact) {
		return list(map(contact, "timeline"), "items");
	}

	private static List<String> timelineTypes(Map<String, Object> contact) {
		return timeline(contact).stream().map((e) -> (String) e.get("type")).collect(Collectors.toList());
	}

	/** The profile as the shopper's data (updatedAt only says when the row was last written). */
	private static Map<String, Object> withoutUpdatedAt(Map<String, Object> profile) {
		Map<String, Object> copy = new java.util.LinkedHashMap<>(profile);
		copy.remove("updatedAt");
		return copy;
	}

	private static long id(Map<String, Object> summary) {
		return ((Number) summary.get("id")).longValue();
	}

	private static BigDecimal amount(Object value) {
		return (BigDecimal) value;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> parent, String key) {
		return (Map<String, Object>) parent.get(key);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
		return (List<Map<String, Object>>) parent.get(key);
	}

}
