package org.remarketing.core.contacts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.remarketing.core.schema.DatabaseVendor;
import org.remarketing.core.system.InstallSecrets;
import org.remarketing.core.tracking.EventSource;
import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.InProcessTransport;
import org.remarketing.core.tracking.JdbcOutbox;
import org.remarketing.core.tracking.OutboxRelay;
import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * How fast the contacts processor applies events, alone and behind the outbox relay, on the
 * machine's MariaDB and PostgreSQL: the drain side of the ingest benchmark without HTTP. Events
 * as the ingest benchmark sends them (50 per visitor: page views and product views of 500
 * products in one category). Not a test: run it with
 * <pre>
 * mvn -pl plugin/remarketing-core -am test -Dtest=ProcessorThroughputBenchmark \
 *     -Dsurefire.groups=bench -Dsurefire.excludedGroups= [-Dbench.db=postgresql,mariadb] [-Dbench.events=20000]
 * </pre>
 * Each database gets three rounds per mode on a fresh schema (the first warms the JVM up); every
 * round uses new visitors, so contacts and their product rows are created as well as updated.
 */
@Tag("bench")
class ProcessorThroughputBenchmark {

	private static final int PER_VISITOR = 50;

	@Test
	void applyEvents() throws Exception {
		int count = Integer.getInteger("bench.events", 20_000);
		StringBuilder report = new StringBuilder(String.format(
				"%n| database | path | round | events | seconds | events/s |%n|---|---|---:|---:|---:|---:|%n"));
		for (String vendor : System.getProperty("bench.db", "postgresql,mariadb").split(",")) {
			for (boolean relay : new boolean[] { false, true }) {
				ContactTestDatabase db = vendor.trim().equals("mariadb") ? ContactTestDatabase.MariaDb.create()
						: ContactTestDatabase.PostgreSql.create();
				try {
					db.migrated();
					SingleConnectionDataSource connection = new SingleConnectionDataSource(db.dataSource().getConnection(),
							true);
					ContactEventProcessor processor = new ContactEventProcessor(connection,
							InstallSecrets.loadOrCreate(db.jdbc(), Clock.systemUTC()), Clock.systemUTC());
					for (int round = 1; round <= 3; round++) {
						List<TrackedEvent> events = events(vendor + relay + round, count);
						double seconds = relay ? throughRelay(connection, processor, events) : direct(processor, events);
						report.append(String.format("| %s | %s | %d | %d | %.2f | %.0f |%n", vendor.trim(),
								relay ? "outbox → relay → processor" : "processor, chunks of 500", round, count, seconds,
								count / seconds));
						if (processor.chunksAppliedOneByOne() > 0) {
							throw new IllegalStateException("Chunks fell back to one by one: the numbers would lie");
						}
					}
					connection.destroy();
				}
				finally {
					db.drop();
				}
			}
		}
		System.out.println(report);
	}

	private static double direct(ContactEventProcessor processor, List<TrackedEvent> events) {
		long start = System.nanoTime();
		for (int i = 0; i < events.size(); i += 500) {
			processor.process(events.subList(i, Math.min(events.size(), i + 500)));
		}
		return (System.nanoTime() - start) / 1e9;
	}

	/** Appends everything first (not timed), then times the relay draining it. */
	private static double throughRelay(SingleConnectionDataSource connection, ContactEventProcessor processor,
			List<TrackedEvent> events) {
		JdbcOutbox outbox = new JdbcOutbox(connection, Clock.systemUTC());
		for (int i = 0; i < events.size(); i += 500) {
			outbox.append(events.subList(i, Math.min(events.size(), i + 500)));
		}
		OutboxRelay relay = new OutboxRelay(connection, DatabaseVendor.of(connection),
				new InProcessTransport(processor), OutboxRelay.Options.defaults());
		long start = System.nanoTime();
		int drained = 0;
		for (int batch = relay.drainOnce(); batch > 0; batch = relay.drainOnce()) {
			drained += batch;
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		if (drained != events.size()) {
			throw new IllegalStateException("The relay drained " + drained + " of " + events.size() + " events");
		}
		return seconds;
	}

	private static List<TrackedEvent> events(String prefix, int count) {
		List<TrackedEvent> events = new ArrayList<>(count);
		Instant now = Instant.now();
		for (int k = 0; k < count; k++) {
			ShopperIds visitor = ShopperIds.of(prefix + "-visitor-" + (k / PER_VISITOR), null, null, false);
			long product = k % 500;
			events.add((k % 2 == 0)
					? TrackedEvent.builder(EventType.PAGE_VIEW, EventSource.BROWSER).shopper(visitor).occurredAt(now)
						.properties(Map.of("url", "https://shop.example/product/coffee-" + product, "new_session", false,
								"utm_source", "newsletter"))
						.build()
					: TrackedEvent.builder(EventType.PRODUCT_VIEW, EventSource.BROWSER).shopper(visitor).occurredAt(now)
						.properties(Map.of("product_id", product, "sku", "COF" + product, "category", "coffee-tea"))
						.build());
		}
		return events;
	}

}
