package org.remarketing.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.remarketing.core.contacts.ContactEventProcessor;
import org.remarketing.core.system.InstallSecrets;
import org.remarketing.core.tracking.EventProcessor;
import org.remarketing.core.tracking.EventSource;
import org.remarketing.core.tracking.EventTransport;
import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.InProcessTransport;
import org.remarketing.core.tracking.JdbcOutbox;
import org.remarketing.core.tracking.OutboxRelay;
import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.remarketing.kafka.Eventually.await;

/**
 * "Both paths produce the same state": one stream of shopper activity (views, carts, checkout
 * steps, registrations, emails typed at checkout, sign-ins on a second device that merge
 * contacts, orders, newsletter opt-ins) goes through the outbox twice, on two fresh databases:
 * once to the in-process transport, once through Kafka (6 partitions, 2 consumers). The event
 * logs and the contacts' profiles come out the same, row for row, surrogate ids aside.
 */
class KafkaInProcessEquivalenceTests {

	private static final Instant T0 = Instant.parse("2024-03-05T09:00:00Z");

	/** The processors' clock: processing times (created_at, updated_at) are the same on both paths. */
	private static final Clock PROCESSING_CLOCK = Clock.fixed(Instant.parse("2024-03-06T00:00:00Z"), ZoneOffset.UTC);

	@Test
	void kafkaAndInProcessTransportsGiveTheSameEventLogAndTheSameProfiles() {
		List<TrackedEvent> stream = new ShopperStories(new Random(20240305)).stream(20);
		assertThat(stream).hasSizeBetween(150, 300);

		try (TestDatabase inProcessDb = new TestDatabase(); TestDatabase kafkaDb = new TestDatabase()) {
			EventProcessor inProcessProcessor = contacts(inProcessDb);
			runThroughOutbox(inProcessDb, new InProcessTransport(inProcessProcessor), stream);

			KafkaTransportSettings settings = TestBroker.settings().withConcurrency(2);
			KafkaEventConsumer consumer = new KafkaEventConsumer(settings, contacts(kafkaDb));
			consumer.startAndWait();
			try (KafkaEventTransport kafka = new KafkaEventTransport(settings)) {
				runThroughOutbox(kafkaDb, kafka, stream);
				await().atMost(Duration.ofSeconds(60)).until(() -> kafkaDb.count("rmk_event") == stream.size());
				// Let the consumers settle: nothing may arrive after the count is reached.
				await().atMost(Duration.ofSeconds(30)).until(() -> consumer.lag().orElse(-1) == 0);
			}
			finally {
				consumer.stop();
			}

			Map<String, Object> expected = snapshot(inProcessDb.jdbc());
			Map<String, Object> actual = snapshot(kafkaDb.jdbc());
			assertThat(inProcessDb.count("rmk_event")).isEqualTo(stream.size());
			assertThat((Map<?, ?>) expected.get("contacts")).hasSizeGreaterThanOrEqualTo(20);
			// The stream does merge contacts. How many merges it takes depends on the order events of
			// different keys meet (a sign-in consumed before the phone's first views joins them at once),
			// so the merged-away rows are not compared: only what a user sees of the contacts.
			assertThat((Integer) expected.remove("mergedContacts")).isPositive();
			actual.remove("mergedContacts");
			List<String> differences = new ArrayList<>();
			for (String part : expected.keySet()) {
				differences.addAll(differences(part, expected.get(part), actual.get(part)));
			}
			assertThat(differences).as("in-process versus Kafka").isEmpty();
		}
	}

	private static void runThroughOutbox(TestDatabase database, EventTransport transport, List<TrackedEvent> stream) {
		JdbcOutbox outbox = new JdbcOutbox(database.dataSource(), Clock.systemUTC());
		// As the store commits them: a few events per transaction.
		for (int from = 0; from < stream.size(); from += 7) {
			outbox.append(stream.subList(from, Math.min(stream.size(), from + 7)));
		}
		OutboxRelay relay = new OutboxRelay(database.dataSource(), database.schema().vendor(), transport,
				OutboxRelay.Options.defaults().withBatchSize(50).withPollInterval(Duration.ofMillis(50)));
		relay.start();
		try {
			await().atMost(Duration.ofSeconds(60)).until(() -> database.count("rmk_outbox") == 0);
		}
		finally {
			relay.stop();
		}
	}

	private static EventProcessor contacts(TestDatabase database) {
		return new ContactEventProcessor(database.dataSource(),
				InstallSecrets.loadOrCreate(database.jdbc(), Clock.systemUTC()), PROCESSING_CLOCK);
	}

	/**
	 * The state a user sees, without surrogate ids: each live contact named by its identities
	 * (kind, value, verified), its profile row and its products, categories, sources, orders,
	 * consent; each logged event with the contact it belongs to.
	 */
	static Map<String, Object> snapshot(JdbcTemplate jdbc) {
		Map<Long, Long> mergedInto = new HashMap<>();
		jdbc.query("SELECT id, merged_into FROM rmk_contact WHERE merged_into IS NOT NULL",
				(row) -> { mergedInto.put(row.getLong(1), row.getLong(2)); });
		Map<Long, String> names = new HashMap<>();
		for (Map<String, Object> identity : jdbc.queryForList(
				"SELECT contact_id, kind, identity_value, verified FROM rmk_contact_identity ORDER BY kind, identity_value")) {
			long contact = ((Number) identity.get("contact_id")).longValue();
			String one = identity.get("kind") + "=" + identity.get("identity_value")
					+ (Boolean.TRUE.equals(identity.get("verified")) ? "(verified)" : "");
			names.merge(contact, one, (a, b) -> a + " " + b);
		}
		java.util.function.Function<Object, String> name = (id) -> {
			if (id == null) {
				return null;
			}
			long contact = ((Number) id).longValue();
			while (mergedInto.containsKey(contact)) {
				contact = mergedInto.get(contact);
			}
			return names.getOrDefault(contact, "#unnamed");
		};

		Map<String, Object> snapshot = new LinkedHashMap<>();
		snapshot.put("events", rows(jdbc, "SELECT * FROM rmk_event", "event_id", name, "received_at"));
		snapshot.put("contacts", rows(jdbc, "SELECT * FROM rmk_contact WHERE merged_into IS NULL", "id", name,
				"created_at", "updated_at"));
		snapshot.put("mergedContacts", mergedInto.size());
		// first_seen too: it is the earliest event naming the identifier, whichever partition was read first.
		snapshot.put("identities", rows(jdbc, "SELECT * FROM rmk_contact_identity", "kind,identity_value", name));
		snapshot.put("products", rows(jdbc, "SELECT * FROM rmk_contact_product", "contact_id,product_id", name));
		snapshot.put("categories", rows(jdbc, "SELECT * FROM rmk_contact_category", "contact_id,category_code", name));
		snapshot.put("sources", rows(jdbc, "SELECT * FROM rmk_contact_source", "contact_id,channel", name));
		snapshot.put("orders", rows(jdbc, "SELECT * FROM rmk_contact_order", "order_id", name, "updated_at"));
		snapshot.put("consent", rows(jdbc, "SELECT * FROM rmk_consent", "contact_id,channel,event_id", name, "id"));
		return snapshot;
	}

	/** Row by row, column by column: "part key: column in-process=... kafka=...". */
	private static List<String> differences(String part, Object expected, Object actual) {
		List<String> differences = new ArrayList<>();
		if (!(expected instanceof Map) || !(actual instanceof Map)) {
			if (!java.util.Objects.equals(expected, actual)) {
				differences.add(part + ": in-process=" + expected + " kafka=" + actual);
			}
			return differences;
		}
		Map<?, ?> left = (Map<?, ?>) expected;
		Map<?, ?> right = (Map<?, ?>) actual;
		java.util.Set<Object> keys = new java.util.TreeSet<>(java.util.Comparator.comparing(String::valueOf));
		keys.addAll(left.keySet());
		keys.addAll(right.keySet());
		for (Object key : keys) {
			Object l = left.get(key);
			Object r = right.get(key);
			if (l instanceof Map && r instanceof Map) {
				for (Object column : ((Map<?, ?>) l).keySet()) {
					Object lv = ((Map<?, ?>) l).get(column);
					Object rv = ((Map<?, ?>) r).get(column);
					if (!java.util.Objects.equals(lv, rv)) {
						differences.add(part + " " + key + ": " + column + " in-process=" + lv + " kafka=" + rv);
					}
				}
			}
			else if (!java.util.Objects.equals(l, r)) {
				differences.add(part + " " + key + ": in-process=" + l + " kafka=" + r);
			}
		}
		return differences;
	}

	/**
	 * Rows keyed by the given columns (contact ids replaced by the contact's name), without the
	 * ignored columns; values compared as text so that drivers' number types do not matter.
	 */
	private static Map<String, Map<String, String>> rows(JdbcTemplate jdbc, String sql, String keyColumns,
			java.util.function.Function<Object, String> name, String... ignored) {
		List<String> skip = List.of(ignored);
		Map<String, Map<String, String>> result = new TreeMap<>();
		for (Map<String, Object> row : jdbc.queryForList(sql)) {
			Map<String, String> values = new TreeMap<>();
			for (Map.Entry<String, Object> column : row.entrySet()) {
				String key = column.getKey().toLowerCase(java.util.Locale.ROOT);
				if (skip.contains(key)) {
					continue;
				}
				Object value = column.getValue();
				if (key.equals("contact_id") || key.equals("id") || key.equals("merged_into")) {
					values.put(key, name.apply(value));
				}
				else {
					values.put(key, (value == null) ? null : String.valueOf(value));
				}
			}
			String rowKey = java.util.Arrays.stream(keyColumns.split(","))
				.map((column) -> values.get(column))
				.collect(Collectors.joining(" | "));
			Object previous = result.put(rowKey, values);
			assertThat(previous).as("two rows named " + rowKey + " in " + sql).isNull();
		}
		return result;
	}

	/** Deterministic shopper activity, shoppers interleaved in time as on a real store. */
	static final class ShopperStories {

		private static final String[] CATEGORIES = { "tea", "coffee", "cups" };

		private static final String[] UTM = { null, null, "newsletter", "google", "facebook" };

		private final Random random;

		private final List<TrackedEvent> events = new ArrayList<>();

		ShopperStories(Random random) {
			this.random = random;
		}

		List<TrackedEvent> stream(int shoppers) {
			for (int shopper = 1; shopper <= shoppers; shopper++) {
				story(shopper, T0.plus(Duration.ofMinutes(3L * shopper)));
			}
			this.events.sort(Comparator.comparing(TrackedEvent::occurredAt));
			return this.events;
		}

		private void story(int shopper, Instant start) {
			String visitor = "v" + shopper;
			String email = "shopper" + shopper + "@example.com";
			long customer = 1000 + shopper;
			String cart = "cart-" + visitor;
			ShopperIds anonymous = ShopperIds.of(visitor, null, null, false);
			Instant[] at = { start };

			browser(EventType.PAGE_VIEW, anonymous, at, "new_session", true, "url", "https://shop.example/",
					"utm_source", UTM[this.random.nextInt(UTM.length)]);
			int views = 2 + this.random.nextInt(4);
			long lastProduct = 1;
			for (int view = 0; view < views; view++) {
				lastProduct = 1 + this.random.nextInt(8);
				browser(EventType.PRODUCT_VIEW, anonymous, at, "product_id", lastProduct, "sku", "SKU-" + lastProduct,
						"category", CATEGORIES[(int) (lastProduct % 3)]);
				browser(EventType.PAGE_LEAVE, anonymous, at, "product_id", lastProduct, "seconds",
						5 + this.random.nextInt(120));
			}
			boolean carted = this.random.nextInt(10) < 7;
			if (carted) {
				store(EventType.CART_ITEM_ADDED, anonymous, cart, at, "product_id", lastProduct, "sku",
						"SKU-" + lastProduct, "quantity", 1, "price", "12.90");
				if (this.random.nextBoolean()) {
					store(EventType.CART_QUANTITY_CHANGED, anonymous, cart, at, "product_id", lastProduct, "quantity", 3,
							"price", "12.90");
				}
			}
			boolean typedEmail = carted && this.random.nextInt(10) < 6;
			if (typedEmail) {
				browser(EventType.BEGIN_CHECKOUT, anonymous, at);
				browser(EventType.ADD_SHIPPING_INFO, anonymous, at);
				browser(EventType.EMAIL_CAPTURED, ShopperIds.of(visitor, null, email, false), at);
			}
			boolean registered = this.random.nextInt(10) < 5;
			ShopperIds known = registered ? ShopperIds.of(visitor, customer, email, true) : anonymous;
			if (registered) {
				store(EventType.CUSTOMER_REGISTERED, known, null, at, "first_name", "Shopper", "last_name",
						"No" + shopper, "language", "en");
				if (this.random.nextBoolean()) {
					store(EventType.NEWSLETTER_OPT_IN, known, null, at, "consent_text", "Send me the newsletter");
				}
			}
			if (carted && (registered || typedEmail) && this.random.nextInt(10) < 6) {
				ShopperIds buyer = registered ? known : ShopperIds.of(visitor, null, email, true);
				browser(EventType.ADD_PAYMENT_INFO, anonymous, at);
				store(EventType.CART_CONVERTED, buyer, cart, at);
				store(EventType.ORDER_PLACED, buyer, cart, at, "order_id", "o-" + shopper, "value", "38.70",
						"currency", "USD", "items", List.of(Map.of("product_id", lastProduct, "sku", "SKU-" + lastProduct,
								"quantity", 3, "price", "12.90", "category", CATEGORIES[(int) (lastProduct % 3)])));
				if (this.random.nextInt(4) == 0) {
					store(EventType.ORDER_STATUS_CHANGED, buyer, null, at, "order_id", "o-" + shopper, "status",
							"REFUNDED", "value", "38.70");
				}
			}
			if (registered && this.random.nextBoolean()) {
				// Later, on another device: anonymous first, then signs in; the two contacts become one.
				at[0] = at[0].plus(Duration.ofHours(2));
				ShopperIds phone = ShopperIds.of(visitor + "-phone", null, null, false);
				browser(EventType.PAGE_VIEW, phone, at, "new_session", true, "url", "https://shop.example/",
						"utm_source", "newsletter", "utm_medium", "email");
				browser(EventType.PRODUCT_VIEW, phone, at, "product_id", 3, "sku", "SKU-3", "category", "tea");
				store(EventType.CUSTOMER_SIGNED_IN, ShopperIds.of(visitor + "-phone", customer, email, true), null, at);
				browser(EventType.PRODUCT_VIEW, phone, at, "product_id", 4, "sku", "SKU-4", "category", "coffee");
			}
		}

		private void browser(EventType type, ShopperIds ids, Instant[] at, Object... properties) {
			add(TrackedEvent.builder(type, EventSource.BROWSER), ids, null, at, properties);
		}

		private void store(EventType type, ShopperIds ids, String cart, Instant[] at, Object... properties) {
			add(TrackedEvent.builder(type, EventSource.STORE), ids, cart, at, properties);
		}

		private void add(TrackedEvent.Builder builder, ShopperIds ids, String cart, Instant[] at, Object... properties) {
			at[0] = at[0].plusSeconds(10 + this.random.nextInt(50));
			builder.shopper(ids).cartCode(cart).occurredAt(at[0]);
			for (int i = 0; i < properties.length; i += 2) {
				if (properties[i + 1] != null) {
					builder.property((String) properties[i], properties[i + 1]);
				}
			}
			this.events.add(builder.build());
		}

	}

}
