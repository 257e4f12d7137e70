package org.remarketing.core.segments;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remarketing.core.contacts.ContactTestDatabase;
import org.remarketing.core.schema.DatabaseVendor;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who each kind of rule selects, on every supported database: contacts, events, consent and
 * segment members written directly with SQL into a migrated database, then
 * {@code SELECT c.id FROM rmk_contact c WHERE c.merged_into IS NULL AND (<condition>)}.
 * One subclass per database.
 */
abstract class SegmentRulesContractTests {

	/** A Monday, noon UTC. */
	private static final Instant NOW = Instant.parse("2024-06-10T12:00:00Z");

	private static final ObjectMapper JSON = new ObjectMapper();

	private ContactTestDatabase database;

	private JdbcTemplate jdbc;

	private RuleCompiler compiler;

	/** First name → contact id. */
	private final Map<String, Long> ids = new LinkedHashMap<>();

	abstract ContactTestDatabase createDatabase();

	@BeforeEach
	void setUp() {
		this.database = createDatabase().migrated();
		this.jdbc = this.database.jdbc();
		this.compiler = new RuleCompiler(new SqlDialect(DatabaseVendor.of(this.database.dataSource())));
		people();
	}

	@AfterEach
	void dropDatabase() {
		this.database.drop();
	}

	/**
	 * ann: loyal Vietnamese customer; bob: English customer with a cart, lapsed; cy: a new visitor
	 * ("EN" as the store sent it); dan: nothing known; fay: French, at payment, no account; eve: merged
	 * into ann, matching almost everything, and never selected.
	 */
	private void people() {
		contact("ann", "orders_count", 3, "total_spent", new BigDecimal("250.00"), "visits", 10, "language", "vi",
				"stage", "loyal", "customer_id", 1L, "email", "ann@example.com", "last_order_at", daysAgo(10),
				"last_seen", daysAgo(1), "first_seen", daysAgo(400), "birthday", LocalDate.of(1990, 6, 12));
		contact("bob", "orders_count", 1, "total_spent", new BigDecimal("40.00"), "visits", 3, "cart_items", 2,
				"cart_value", new BigDecimal("35.50"), "cart_updated_at", daysAgo(3), "language", "en", "stage",
				"customer", "customer_id", 2L, "email", "bob@example.com", "last_order_at", daysAgo(90), "last_seen",
				daysAgo(40), "first_seen", daysAgo(100), "checkout_step", "add_shipping_info", "birthday",
				LocalDate.of(1985, 12, 30));
		contact("cy", "visits", 1, "language", "EN", "stage", "discovering", "last_seen", daysAgo(2), "first_seen",
				daysAgo(2), "birthday", LocalDate.of(1999, 1, 2));
		contact("dan");
		contact("fay", "visits", 2, "language", "fr", "stage", "intending", "checkout_step", "add_payment_info",
				"cart_items", 1, "cart_value", new BigDecimal("100.00"), "cart_updated_at", daysAgo(20), "email",
				"fay@example.com", "last_seen", daysAgo(5), "first_seen", daysAgo(30), "birthday",
				LocalDate.of(2000, 2, 29));
		contact("eve", "merged_into", this.ids.get("ann"), "orders_count", 5, "total_spent", new BigDecimal("900"),
				"visits", 20, "language", "vi", "stage", "loyal", "customer_id", 3L, "email", "eve@example.com",
				"last_order_at", daysAgo(1), "last_seen", daysAgo(1), "first_seen", daysAgo(500), "checkout_step",
				"add_shipping_info", "cart_items", 4, "cart_value", new BigDecimal("60"), "cart_updated_at", daysAgo(1),
				"birthday", LocalDate.of(1990, 6, 11));

		consent("ann", "EMAIL", true, daysAgo(30));
		consent("bob", "EMAIL", true, daysAgo(30));
		consent("bob", "EMAIL", false, daysAgo(2));
		consent("bob", "SMS", true, daysAgo(10));
		// the later time wins over the later row
		consent("cy", "EMAIL", true, daysAgo(1));
		consent("cy", "EMAIL", false, daysAgo(3));
		// at the same time, the later row wins
		consent("fay", "EMAIL", false, daysAgo(5));
		consent("fay", "EMAIL", true, daysAgo(5));
		consent("eve", "EMAIL", true, daysAgo(1));
		consent("eve", "SMS", true, daysAgo(1));

		for (int days : new int[] { 1, 2, 6, 10 }) {
			event("ann", "view_item", 42L, "tea", daysAgo(days));
		}
		event("ann", "cart_item_added", 5L, "tea", daysAgo(20));
		event("bob", "view_item", 42L, null, daysAgo(1));
		event("bob", "view_item", 42L, null, daysAgo(3));
		for (int minutes = 10; minutes <= 50; minutes += 10) {
			event("bob", "view_item", 7L, "coffee", NOW.minus(Duration.ofMinutes(minutes)));
		}
		event("bob", "cart_item_added", 9L, "coffee", daysAgo(5));
		event("cy", "order_placed", null, null, daysAgo(3));
		event("cy", "page_view", null, null, daysAgo(40));
		event("cy", "page_view", null, null, daysAgo(50));
		event("fay", "view_item_list", null, "o'brien; --", daysAgo(4));
		for (int i = 0; i < 5; i++) {
			event(null, "view_item", 42L, "tea", daysAgo(1)); // anonymous (do-not-track) views count for no one
		}

		member("vip", "ann", "fay", "eve");
		member("lapsed", "bob");
	}

	@Test
	void numbersCompareAsAsked() {
		expectAll(
				"{'field':'orders_count','op':'gte','value':2}", "ann",
				"{'field':'orders_count','op':'eq','value':1}", "bob",
				"{'field':'orders_count','op':'ne','value':0}", "ann bob",
				"{'field':'orders_count','op':'gt','value':0}", "ann bob",
				"{'field':'orders_count','op':'lt','value':1}", "cy dan fay",
				"{'field':'orders_count','op':'lte','value':1}", "bob cy dan fay",
				"{'field':'total_spent','op':'gt','value':39.99}", "ann bob",
				"{'field':'total_spent','op':'gte','value':250}", "ann",
				"{'field':'total_spent','op':'lt','value':40.00}", "cy dan fay",
				"{'field':'cart_value','op':'gte','value':35.5}", "bob fay",
				"{'field':'cart_value','op':'eq','value':35.50}", "bob",
				"{'field':'cart_items','op':'eq','value':0}", "ann cy dan",
				"{'field':'visits','op':'lte','value':1}", "cy dan");
	}

	@Test
	void codesAndPresenceTreatAnUnknownValueAsNotEqual() {
		expectAll(
				"{'field':'language','op':'eq','value':'vi'}", "ann",
				"{'field':'language','op':'in','value':['vi','en']}", "ann bob cy",
				"{'field':'language','op':'in','value':['EN']}", "bob cy",
				"{'field':'language','op':'ne','value':'vi'}", "bob cy dan fay",
				"{'field':'language','op':'not_in','value':['vi','en']}", "dan fay",
				"{'field':'stage','op':'eq','value':'customer'}", "bob",
				"{'field':'stage','op':'in','value':['customer','loyal']}", "ann bob",
				"{'field':'stage','op':'not_in','value':['customer','loyal']}", "cy dan fay",
				"{'field':'stage','op':'ne','value':'discovering'}", "ann bob dan fay",
				"{'field':'checkout_step','op':'eq','value':'add_shipping_info'}", "bob",
				"{'field':'checkout_step','op':'in','value':['add_shipping_info','add_payment_info']}", "bob fay",
				"{'field':'checkout_step','op':'ne','value':'add_payment_info'}", "ann bob cy dan",
				"{'field':'customer','op':'eq','value':true}", "ann bob",
				"{'field':'customer','op':'eq','value':false}", "cy dan fay",
				"{'field':'email','op':'eq','value':true}", "ann bob fay",
				"{'field':'email','op':'eq','value':false}", "cy dan",
				"{'not':{'field':'language','op':'eq','value':'vi'}}", "bob cy dan fay",
				"{'not':{'field':'stage','op':'ne','value':'discovering'}}", "cy");
	}

	@Test
	void daysAgoConditionsCountBackFromNow() {
		expectAll(
				"{'field':'last_order_at','op':'within_days','value':30}", "ann",
				"{'field':'last_order_at','op':'older_than_days','value':30}", "bob",
				"{'not':{'field':'last_order_at','op':'within_days','value':30}}", "bob cy dan fay",
				"{'field':'last_seen','op':'within_days','value':3}", "ann cy",
				"{'field':'last_seen','op':'older_than_days','value':30}", "bob",
				"{'field':'first_seen','op':'older_than_days','value':365}", "ann",
				"{'field':'first_seen','op':'within_days','value':60}", "cy fay",
				"{'field':'cart_updated_at','op':'within_days','value':7}", "bob",
				"{'field':'cart_updated_at','op':'older_than_days','value':7}", "fay");
		// 25 days later, ann's last order (10 days ago) has left the 30-day window
		assertThat(select("{'field':'last_order_at','op':'within_days','value':30}", NOW.plus(Duration.ofDays(25))))
			.isEmpty();
	}

	@Test
	void birthdaysFallBetweenTodayAndTheNextDaysAcrossTheYearEnd() {
		expectAll(
				"{'field':'birthday','op':'in_next_days','value':2}", "ann",
				"{'field':'birthday','op':'in_next_days','value':1}", "",
				"{'field':'birthday','op':'in_next_days','value':365}", "ann bob cy fay",
				"{'not':{'field':'birthday','op':'in_next_days','value':2}}", "bob cy dan fay");
		assertThat(select("{'field':'birthday','op':'in_next_days','value':5}", Instant.parse("2024-12-28T09:00:00Z")))
			.containsExactly("bob", "cy");
		assertThat(select("{'field':'birthday','op':'in_next_days','value':0}", Instant.parse("2025-01-02T09:00:00Z")))
			.containsExactly("cy");
		// fay was born on February 29th: in 2023 her birthday is the 28th, in 2024 the 29th
		assertThat(select("{'field':'birthday','op':'in_next_days','value':1}", Instant.parse("2023-02-27T09:00:00Z")))
			.containsExactly("fay");
		assertThat(select("{'field':'birthday','op':'in_next_days','value':1}", Instant.parse("2024-02-27T09:00:00Z")))
			.isEmpty();
		assertThat(select("{'field':'birthday','op':'in_next_days','value':0}", Instant.parse("2024-02-29T09:00:00Z")))
			.containsExactly("fay");
	}

	@Test
	void eventsAreCountedInTheirWindowPerContact() {
		expectAll(
				"{'event':'view_item','product_id':42,'min':3,'days':7}", "ann",
				"{'event':'view_item','product_id':42,'min':2,'days':7}", "ann bob",
				"{'event':'view_item','product_id':42,'days':7}", "ann bob",
				"{'event':'view_item','product_id':42,'min':4,'days':30}", "ann",
				"{'event':'view_item','min':5,'days':1}", "bob",
				"{'event':'view_item','category':'tea','min':4,'days':30}", "ann",
				"{'event':'cart_item_added','category':'tea','days':30}", "ann",
				"{'event':'cart_item_added','category':'tea','days':10}", "",
				"{'event':'cart_item_added','days':10}", "bob",
				"{'event':['order_placed','page_view'],'min':2,'days':60}", "cy",
				"{'event':['order_placed','page_view'],'min':2,'days':35}", "",
				"{'event':['order_placed','page_view'],'days':7}", "cy",
				"{'event':'view_item_list','category':\"o'brien; --\",'days':7}", "fay",
				"{'not':{'event':'view_item','days':7}}", "cy dan fay");
	}

	@Test
	void consentIsTheLatestRowPerChannel() {
		expectAll(
				"{'consent':'email'}", "ann cy fay",
				"{'consent':'EMAIL','granted':false}", "bob dan",
				"{'consent':'sms'}", "bob",
				"{'consent':'web_push'}", "",
				"{'consent':'onsite','granted':false}", "ann bob cy dan fay");
	}

	@Test
	void segmentMembershipIsReadByCode() {
		expectAll(
				"{'segment':'vip'}", "ann fay",
				"{'segment':'vip','member':false}", "bob cy dan",
				"{'segment':'lapsed'}", "bob",
				"{'segment':'nobody'}", "");
	}

	@Test
	void groupsCombineConditions() {
		expectAll(
				"{'all':[{'field':'orders_count','op':'gte','value':1},{'any':[{'field':'language','op':'in','value':['vi','en']},"
						+ "{'event':'view_item','product_id':42,'min':3,'days':7}]},{'segment':'vip','member':false}]}",
				"bob",
				"{'all':[{'field':'orders_count','op':'gte','value':2},{'any':[{'field':'language','op':'in','value':['vi','en']},"
						+ "{'event':'view_item','product_id':42,'min':3,'days':7}]},{'segment':'lapsed','member':false}]}",
				"ann",
				"{'any':[{'field':'stage','op':'eq','value':'loyal'},{'consent':'sms'}]}", "ann bob",
				"{'not':{'any':[{'field':'stage','op':'eq','value':'loyal'},{'consent':'sms'}]}}", "cy dan fay",
				"{'all':[{'any':[{'all':[{'any':[{'all':[{'field':'visits','op':'gte','value':2},{'consent':'email'}]}]}]}]}]}",
				"ann fay",
				"{'any':[{'all':[{'field':'email','op':'eq','value':false},{'not':{'field':'visits','op':'eq','value':0}}]},"
						+ "{'field':'birthday','op':'in_next_days','value':2}]}",
				"ann cy");
	}

	@Test
	void hostileTextIsOnlyEverAParameter() {
		int contacts = count();
		int bound = 0;
		for (String payload : RuleInjectionTests.PAYLOADS) {
			for (String json : List.of("{\"event\":\"view_item\",\"category\":" + quoted(payload) + ",\"days\":7}",
					"{\"segment\":" + quoted(payload) + "}", "{\"not\":{\"segment\":" + quoted(payload) + "}}")) {
				List<String> selected;
				try {
					selected = selectJson(json, NOW);
				}
				catch (RuleException refused) {
					continue;
				}
				// matched as a plain value: no one has such a category or segment
				assertThat(selected).as(json).isEqualTo(json.startsWith("{\"not\"") ? List.of("ann", "bob", "cy", "dan",
						"fay") : List.of());
				bound++;
			}
		}
		assertThat(bound).as("category codes bound").isGreaterThanOrEqualTo(RuleInjectionTests.PAYLOADS.size() - 2);
		assertThat(count()).isEqualTo(contacts);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_segment", Integer.class)).isEqualTo(2);
	}

	@Test
	void sweepsFindTheContactsWhoseWindowsPassBetweenTwoInstants() {
		SegmentQuery lastOrder = this.compiler.compile(rule("{'field':'last_order_at','op':'within_days','value':30}"), NOW);
		// ann's last order (10 days ago) leaves the window 20 days from now
		assertThat(sweep(lastOrder.sweeps().get(0), NOW, NOW.plus(Duration.ofDays(25)))).containsExactly("ann");
		assertThat(sweep(lastOrder.sweeps().get(0), NOW, NOW.plus(Duration.ofDays(19)))).isEmpty();

		SegmentQuery views = this.compiler.compile(rule("{'event':'view_item','product_id':42,'min':3,'days':7}"), NOW);
		// ann's view 6 days ago leaves the window within 2 days; anonymous views are not swept
		assertThat(sweep(views.sweeps().get(0), NOW, NOW.plus(Duration.ofDays(2)))).containsExactly("ann");
		assertThat(sweep(views.sweeps().get(0), NOW, NOW.plus(Duration.ofHours(12)))).isEmpty();
		assertThat(sweep(views.sweeps().get(0), NOW, NOW.plus(Duration.ofDays(6)))).containsExactly("ann", "bob");
	}

	private void expectAll(String... rulesAndNames) {
		SoftAssertions softly = new SoftAssertions();
		for (int i = 0; i < rulesAndNames.length; i += 2) {
			List<String> expected = Arrays.stream(rulesAndNames[i + 1].split(" "))
				.filter((name) -> !name.isEmpty())
				.collect(Collectors.toList());
			softly.assertThat(select(rulesAndNames[i], NOW)).as(rulesAndNames[i]).containsExactlyElementsOf(expected);
		}
		softly.assertAll();
	}

	/** The first names a rule written with single quotes selects, sorted. */
	private List<String> select(String rule, Instant now) {
		return selectJson(rule(rule), now);
	}

	private List<String> selectJson(String json, Instant now) {
		SegmentQuery query = this.compiler.compile(json, now);
		List<Long> found = this.jdbc.queryForList("SELECT c.id FROM rmk_contact c WHERE c.merged_into IS NULL AND ("
				+ query.condition() + ")", Long.class, query.parameters().toArray());
		return names(found);
	}

	private List<String> sweep(SegmentQuery.Sweep sweep, Instant from, Instant to) {
		List<Object> parameters = new ArrayList<>(sweep.parameters());
		parameters.add(utc(from.minus(Duration.ofMinutes(sweep.shiftMinutes()))));
		parameters.add(utc(to.minus(Duration.ofMinutes(sweep.shiftMinutes()))));
		return names(this.jdbc.queryForList(sweep.select(), Long.class, parameters.toArray()));
	}

	private List<String> names(List<Long> found) {
		return this.ids.entrySet()
			.stream()
			.filter((entry) -> found.contains(entry.getValue()))
			.map(Map.Entry::getKey)
			.sorted()
			.collect(Collectors.toList());
	}

	/** Rules are written with single quotes here for reading; a payload with quotes of its own is written in JSON. */
	private static String rule(String singleQuoted) {
		StringBuilder json = new StringBuilder();
		boolean inDoubleQuoted = false;
		for (char ch : singleQuoted.toCharArray()) {
			if (ch == '"') {
				inDoubleQuoted = !inDoubleQuoted;
			}
			json.append((ch == '\'' && !inDoubleQuoted) ? '"' : ch);
		}
		return json.toString();
	}

	private static String quoted(String payload) {
		try {
			return JSON.writeValueAsString(payload);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private int count() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_contact", Integer.class);
	}

	private void contact(String name, Object... columnsAndValues) {
		StringBuilder columns = new StringBuilder("created_at, updated_at, first_name");
		List<Object> values = new ArrayList<>(List.of(utc(NOW), utc(NOW), name));
		for (int i = 0; i < columnsAndValues.length; i += 2) {
			columns.append(", ").append(columnsAndValues[i]);
			Object value = columnsAndValues[i + 1];
			values.add((value instanceof Instant) ? utc((Instant) value) : value);
		}
		this.jdbc.update("INSERT INTO rmk_contact (" + columns + ") VALUES ("
				+ values.stream().map((v) -> "?").collect(Collectors.joining(", ")) + ")", values.toArray());
		this.ids.put(name, this.jdbc.queryForObject("SELECT id FROM rmk_contact WHERE first_name = ?", Long.class, name));
	}

	private void consent(String name, String channel, boolean granted, Instant at) {
		this.jdbc.update("INSERT INTO rmk_consent (contact_id, channel, granted, source, recorded_at) VALUES (?, ?, ?, ?, ?)",
				this.ids.get(name), channel, granted, "test", utc(at));
	}

	private void event(String name, String type, Long productId, String category, Instant at) {
		this.jdbc.update("INSERT INTO rmk_event (event_id, event_type, occurred_at, received_at, contact_id, source,"
				+ " payload, product_id, category_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(),
				type, utc(at), utc(at), (name != null) ? this.ids.get(name) : null, "browser", "{}", productId, category);
	}

	private void member(String code, String... names) {
		this.jdbc.update("INSERT INTO rmk_segment (code, name, builtin, enabled, created_at, updated_at)"
				+ " VALUES (?, ?, ?, ?, ?, ?)", code, code, false, true, utc(NOW), utc(NOW));
		long segment = this.jdbc.queryForObject("SELECT id FROM rmk_segment WHERE code = ?", Long.class, code);
		for (String name : names) {
			this.jdbc.update("INSERT INTO rmk_segment_member (segment_id, contact_id, entered_at) VALUES (?, ?, ?)",
					segment, this.ids.get(name), utc(NOW));
		}
	}

	private static Instant daysAgo(int days) {
		return NOW.minus(Duration.ofDays(days));
	}

	private static LocalDateTime utc(Instant instant) {
		return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
