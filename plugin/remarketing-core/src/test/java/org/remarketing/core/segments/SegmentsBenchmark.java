package org.remarketing.core.segments;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.remarketing.core.contacts.ContactEventProcessor;
import org.remarketing.core.contacts.ContactTestDatabase;
import org.remarketing.core.schema.DatabaseVendor;
import org.remarketing.core.system.InstallSecrets;
import org.remarketing.core.tracking.EventSource;
import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Issue 4's performance targets on the machine's MariaDB and PostgreSQL: a generator fills a fresh
 * database with {@code bench.contacts} contacts (1,000,000), {@code bench.events-per-contact}
 * events each (10), three products and two categories per contact, orders for 45% of them, carts,
 * checkouts, birthdays, visitor identities; then it times
 * <ol>
 * <li>a full rebuild of every built-in segment and every contact's stage from empty (the worst
 * case: every member enters), and a second one with nothing to change;</li>
 * <li>a sweep (what runs every minute);</li>
 * <li>single events through the contacts processor with its segment refresh (the time from
 * the event's hand-over until its contact has entered or left its segments);</li>
 * <li>the segment list and members pages (50 per page, newest first).</li>
 * </ol>
 * Not a test: run it with
 * <pre>
 * mvn -pl plugin/remarketing-core -am test -Dtest=SegmentsBenchmark -Dsurefire.groups=bench \
 *     -Dsurefire.excludedGroups= [-Dbench.db=postgresql,mariadb] [-Dbench.contacts=1000000]
 * </pre>
 */
@Tag("bench")
class SegmentsBenchmark {

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	@Test
	void segmentsAtScale() throws Exception {
		int contacts = Integer.getInteger("bench.contacts", 1_000_000);
		int eventsPer = Integer.getInteger("bench.events-per-contact", 10);
		StringBuilder report = new StringBuilder(String.format("%n| database | step | result |%n|---|---|---|%n"));
		for (String vendor : System.getProperty("bench.db", "postgresql,mariadb").split(",")) {
			vendor = vendor.trim();
			ContactTestDatabase db = vendor.equals("mariadb") ? ContactTestDatabase.MariaDb.create()
					: ContactTestDatabase.PostgreSql.create();
			try {
				db.migrated();
				SingleConnectionDataSource connection = new SingleConnectionDataSource(db.dataSource().getConnection(),
						true);
				JdbcTemplate jdbc = new JdbcTemplate(connection);
				DatabaseVendor kind = DatabaseVendor.of(connection);
				long start = System.nanoTime();
				new Generator(jdbc, kind, contacts, eventsPer).run();
				row(report, vendor, "generate " + contacts + " contacts, " + (long) contacts * eventsPer + " events",
						seconds(start) + " s");
				SegmentEngine engine = new SegmentEngine(connection, Clock.systemUTC(), CustomRules.NONE);
				engine.installBuiltIns();

				start = System.nanoTime();
				engine.rebuildAll();
				row(report, vendor, "full rebuild of the 10 built-ins + stages, from empty", seconds(start) + " s");
				StringBuilder sizes = new StringBuilder();
				for (Segment segment : engine.segments()) {
					sizes.append(segment.code()).append(' ').append(segment.memberCount()).append("; ");
				}
				row(report, vendor, "sizes", sizes.toString());
				start = System.nanoTime();
				engine.rebuildAll();
				row(report, vendor, "full rebuild again (nothing changes)", seconds(start) + " s");
				if (kind == DatabaseVendor.POSTGRESQL) {
					jdbc.execute("ANALYZE"); // what autovacuum does after the rebuild's inserts
				}
				engine.sweep(); // the first sweep after installing evaluates everyone
				start = System.nanoTime();
				long looked = engine.sweep();
				row(report, vendor, "sweep (every minute, steady state)", seconds(start) + " s, " + looked
						+ " contacts looked at");

				ContactEventProcessor processor = new ContactEventProcessor(connection,
						InstallSecrets.loadOrCreate(jdbc, Clock.systemUTC()), Clock.systemUTC());
				processor.onContactsChanged(engine::refresh);
				Random random = new Random(42);
				long[] perEvent = new long[500];
				for (int i = 0; i < perEvent.length; i++) {
					long contact = 1 + random.nextInt(contacts);
					TrackedEvent event = TrackedEvent.builder(i % 2 == 0 ? EventType.CART_ITEM_ADDED : EventType.ORDER_PLACED,
							EventSource.STORE)
						.shopper(ShopperIds.of("v" + contact, null, null, false))
						.cartCode("bench-cart-" + contact)
						.occurredAt(Instant.now())
						.properties(i % 2 == 0 ? Map.of("product_id", 7, "quantity", 1, "price", 12.5)
								: Map.of("order_id", "bench-" + i, "value", 40))
						.build();
					long t0 = System.nanoTime();
					processor.process(List.of(event));
					perEvent[i] = System.nanoTime() - t0;
				}
				row(report, vendor, "one event → profile + segments (500 events: cart adds and orders)",
						"p50 " + ms(perEvent, 50) + " ms, p95 " + ms(perEvent, 95) + " ms, max " + ms(perEvent, 100) + " ms");

				long[] list = timed(100, () -> engine.segments().size());
				row(report, vendor, "segment list (100 reads)", "p50 " + ms(list, 50) + " ms, p95 " + ms(list, 95) + " ms");
				long biggest = engine.segments().stream().max((a, b) -> Long.compare(a.memberCount(), b.memberCount()))
					.get().id();
				long[] pages = timed(100, () -> jdbc.queryForList("SELECT m.contact_id, m.entered_at, c.email,"
						+ " c.first_name, c.last_name, c.stage FROM rmk_segment_member m JOIN rmk_contact c ON c.id ="
						+ " m.contact_id WHERE m.segment_id = ? ORDER BY m.entered_at DESC, m.contact_id DESC LIMIT 50"
						+ " OFFSET " + (random.nextInt(100) * 50), biggest).size());
				row(report, vendor, "members page of the biggest segment (100 reads, pages 1-100)",
						"p50 " + ms(pages, 50) + " ms, p95 " + ms(pages, 95) + " ms");
				connection.destroy();
			}
			finally {
				if (!Boolean.getBoolean("bench.keep")) {
					db.drop();
				}
			}
			System.out.println(report);
		}
		System.out.println(report);
	}

	private static long[] timed(int times, LongSupplier work) {
		long[] took = new long[times];
		for (int i = 0; i < times; i++) {
			long t0 = System.nanoTime();
			work.getAsLong();
			took[i] = System.nanoTime() - t0;
		}
		return took;
	}

	private static String ms(long[] nanos, int percentile) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
		return String.format("%.1f", sorted[Math.max(0, index)] / 1e6);
	}

	private static String seconds(long start) {
		return String.format("%.1f", (System.nanoTime() - start) / 1e9);
	}

	private static void row(StringBuilder report, String vendor, String step, String result) {
		report.append("| ").append(vendor).append(" | ").append(step).append(" | ").append(result).append(" |\n");
		System.out.println(vendor + ": " + step + ": " + result);
	}

	/** Fills the database with set-based SQL (generate_series / MariaDB's sequence engine). */
	private static final class Generator {

		private final JdbcTemplate jdbc;

		private final DatabaseVendor vendor;

		private final int contacts;

		private final int eventsPer;

		private final String now;

		Generator(JdbcTemplate jdbc, DatabaseVendor vendor, int contacts, int eventsPer) {
			this.jdbc = jdbc;
			this.vendor = vendor;
			this.contacts = contacts;
			this.eventsPer = eventsPer;
			this.now = "TIMESTAMP '" + LocalDateTime.ofInstant(NOW, ZoneOffset.UTC).toString().replace('T', ' ') + "'";
		}

		private String series(String alias, int to) {
			return (this.vendor == DatabaseVendor.MYSQL) ? "seq_1_to_" + to + " " + alias
					: "generate_series(1, " + to + ") AS " + alias + "(seq)";
		}

		private String minusDays(String days) {
			return new SqlDialect(this.vendor).plusDays(this.now, "-(" + days + ")");
		}

		private String minusMinutes(String minutes) {
			return (this.vendor == DatabaseVendor.MYSQL) ? "DATE_SUB(" + this.now + ", INTERVAL (" + minutes + ") MINUTE)"
					: "(" + this.now + " - (" + minutes + ") * INTERVAL '1 minute')";
		}

		private String text(String expression) {
			return (this.vendor == DatabaseVendor.MYSQL) ? "CAST(" + expression + " AS CHAR)"
					: "CAST(" + expression + " AS VARCHAR)";
		}

		private String concat(String... parts) {
			return (this.vendor == DatabaseVendor.MYSQL) ? "CONCAT(" + String.join(", ", parts) + ")"
					: "(" + String.join(" || ", parts) + ")";
		}

		void run() {
			String g = "g.seq";
			String orders = "(CASE WHEN " + g + " % 100 < 55 THEN 0 WHEN " + g + " % 100 < 75 THEN 1 WHEN " + g
					+ " % 100 < 92 THEN 2 + " + g + " % 3 ELSE 5 + " + g + " % 4 END)";
			String cart = "(" + g + " % 100 BETWEEN 55 AND 59 OR " + g + " % 20 = 0)";
			this.jdbc.update("INSERT INTO rmk_contact (id, created_at, updated_at, first_seen, last_seen, email,"
					+ " language, birthday, visits, cart_code, cart_items, cart_value, cart_updated_at, checkout_step,"
					+ " checkout_step_at, orders_count, total_spent, first_order_at, last_order_at) SELECT " + g + ", "
					+ minusDays(g + " % 400") + ", " + this.now + ", " + minusDays(g + " % 400") + ", "
					+ minusDays("(" + g + " * 11) % 300") + ", CASE WHEN " + g + " % 10 < 7 THEN "
					+ concat("'c'", text(g), "'@example.com'") + " END, CASE WHEN " + g + " % 3 = 0 THEN 'vi' ELSE 'en' END,"
					+ " CASE WHEN " + g + " % 2 = 0 THEN " + new SqlDialect(this.vendor).plusDays("DATE '1980-01-01'", g + " % 365")
					+ " END, 1 + " + g + " % 20, CASE WHEN " + cart + " THEN " + concat("'cart-'", text(g)) + " END,"
					+ " CASE WHEN " + cart + " THEN 1 + " + g + " % 3 ELSE 0 END, CASE WHEN " + cart + " THEN 25 ELSE 0 END,"
					+ " CASE WHEN " + cart + " THEN " + minusMinutes("(" + g + " * 13) % 20000") + " END,"
					+ " CASE WHEN " + g + " % 50 = 0 THEN 'begin_checkout' END, CASE WHEN " + g + " % 50 = 0 THEN "
					+ minusMinutes("(" + g + " * 13) % 20000") + " END, " + orders + ", " + orders + " * (20 + " + g
					+ " % 80), CASE WHEN " + orders + " > 0 THEN " + minusDays("(" + g + " * 37) % 200 + 30") + " END,"
					+ " CASE WHEN " + orders + " > 0 THEN " + minusDays("(" + g + " * 37) % 200") + " END FROM "
					+ series("g", this.contacts));
			if (this.vendor == DatabaseVendor.POSTGRESQL) {
				this.jdbc.execute("ALTER TABLE rmk_contact ALTER COLUMN id RESTART WITH " + (this.contacts + 1));
			}
			this.jdbc.update("INSERT INTO rmk_contact_identity (kind, identity_value, contact_id, verified, first_seen)"
					+ " SELECT 'VISITOR', " + concat("'v'", text(g)) + ", " + g + ", FALSE, " + this.now + " FROM "
					+ series("g", this.contacts));
			this.jdbc.update("INSERT INTO rmk_contact_product (contact_id, product_id, sku, category_code, views,"
					+ " view_seconds, last_viewed_at, cart_quantity, bought_count, last_bought_at) SELECT c.id,"
					+ " (c.id * 7 + k.seq * 131) % 500, NULL, " + concat("'cat-'", text("((c.id * 7 + k.seq * 131) % 500) % 12"))
					+ ", 1 + (c.id + k.seq) % 5, (c.id * k.seq) % 120, " + minusDays("(c.id * 3 + k.seq * 7) % 180")
					+ ", CASE WHEN k.seq = 1 AND c.cart_items > 0 THEN c.cart_items ELSE 0 END,"
					+ " CASE WHEN k.seq = 1 AND c.orders_count > 0 THEN 1 ELSE 0 END,"
					+ " CASE WHEN k.seq = 1 AND c.orders_count > 0 THEN c.last_order_at END"
					+ " FROM rmk_contact c CROSS JOIN " + series("k", 3));
			this.jdbc.update("INSERT INTO rmk_contact_category (contact_id, category_code, views, bought_count,"
					+ " last_viewed_at) SELECT c.id, " + concat("'cat-'", text("(c.id + k.seq * 5) % 12")) + ", k.seq,"
					+ " CASE WHEN k.seq = 1 AND c.orders_count > 0 THEN 1 ELSE 0 END, c.last_seen FROM rmk_contact c"
					+ " CROSS JOIN " + series("k", 2));
			this.jdbc.update("INSERT INTO rmk_contact_order (order_id, contact_id, total, currency, status, placed_at,"
					+ " counted, updated_at) SELECT " + concat("'o'", text("c.id"), "'-'", text("k.seq")) + ", c.id,"
					+ " CASE WHEN c.id % 100 >= 97 THEN 300 ELSE 20 + c.id % 80 END, 'USD', NULL, " + new SqlDialect(this.vendor).plusDays("c.last_order_at",
							"-((k.seq - 1) * 30)")
					+ ", TRUE, c.last_order_at FROM rmk_contact c CROSS JOIN " + series("k", 3)
					+ " WHERE k.seq <= c.orders_count");
			String[] types = { "page_view", "view_item", "view_item_list", "page_leave", "cart_item_added" };
			String type = "CASE e.seq % 5 WHEN 0 THEN '" + types[0] + "' WHEN 1 THEN '" + types[1] + "' WHEN 2 THEN '"
					+ types[2] + "' WHEN 3 THEN '" + types[3] + "' ELSE '" + types[4] + "' END";
			int step = 100_000;
			for (int from = 0; from < this.contacts; from += step) {
				this.jdbc.update("INSERT INTO rmk_event (event_id, event_type, occurred_at, received_at, contact_id,"
						+ " visitor_id, customer_id, source, payload, product_id, category_code) SELECT "
						+ concat("'e'", text("c.id"), "'-'", text("e.seq")) + ", " + type + ", "
						+ minusMinutes("(c.id * 17 + e.seq * 997) % 259200") + ", " + this.now + ", c.id, NULL, NULL,"
						+ " 'browser', '{}', (c.id * 7 + e.seq * 131) % 500, NULL FROM rmk_contact c CROSS JOIN "
						+ series("e", this.eventsPer) + " WHERE c.id > ? AND c.id <= ?", from, from + step);
			}
			for (int category = 0; category < 4; category++) {
				this.jdbc.update("INSERT INTO rmk_usage_period (scope, scope_key, days) VALUES ('CATEGORY', ?, 30)",
						"cat-" + category);
			}
			this.jdbc.update("INSERT INTO rmk_category_news (category_code, newest_added_at) VALUES ('cat-5', "
					+ minusDays("2") + ")");
			if (this.vendor == DatabaseVendor.POSTGRESQL) {
				this.jdbc.execute("ANALYZE");
			}
			else {
				for (String table : List.of("rmk_contact", "rmk_contact_product", "rmk_contact_category",
						"rmk_contact_order", "rmk_event", "rmk_contact_identity")) {
					this.jdbc.execute("ANALYZE TABLE " + table);
				}
			}
		}

	}

}
