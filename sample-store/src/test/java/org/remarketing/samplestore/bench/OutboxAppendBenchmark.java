package org.remarketing.samplestore.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;
import org.remarketing.core.schema.RemarketingSchema;
import org.remarketing.core.tracking.EventSource;
import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.GroupCommitOutbox;
import org.remarketing.core.tracking.JdbcOutbox;
import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;

/**
 * The outbox alone, without HTTP: {@code bench.single-users} threads (32) each append one
 * browser-like event at a time through {@code Outbox.append(events)} outside any transaction, as
 * the events endpoint does, on a Hikari pool of 10 (the store's default) — once committing each
 * append alone ({@link JdbcOutbox}), then with group commit and 1 and 2 writers. Shows what the
 * database's commits allow, apart from the store's request handling.
 *
 * <p>Settings: {@code bench.db} (mariadb,postgresql), {@code bench.seconds} (60) per variant, after
 * 5 s unrecorded.
 */
final class OutboxAppendBenchmark {

    private static final String DATABASE = "rmk_bench_outbox";

    private OutboxAppendBenchmark() {
    }

    static String run() throws Exception {
        List<String> vendors = Bench.listSetting("bench.db", "mariadb,postgresql");
        int seconds = Bench.intSetting("bench.seconds", 60);
        int users = Bench.intSetting("bench.single-users", 32);
        StringBuilder out = new StringBuilder();
        out.append(String.format("### Outbox appends, %s%n%nMachine: %s (at start). %d threads, one event per append,"
                + " pool of 10.%n%n", LocalDateTime.now().withNano(0), Bench.machine(), users));
        out.append("| database | commits | appends/s | p50 / p99 ms | rows | load avg (start → end) |\n"
                + "|---|---|---:|---:|---:|---|\n");
        for (String vendor : vendors) {
            String url = Databases.fresh(vendor, DATABASE);
            try (HikariDataSource pool = new HikariDataSource()) {
                pool.setJdbcUrl(url);
                pool.setUsername(Databases.MARIADB.equals(vendor) ? "root" : "postgres");
                pool.setMaximumPoolSize(10);
                new RemarketingSchema(pool, OutboxAppendBenchmark.class.getClassLoader()).migrate();
                List<JdbcOutbox> variants = List.of(new JdbcOutbox(pool, Clock.systemUTC()),
                        new GroupCommitOutbox(pool, Clock.systemUTC(), GroupCommitOutbox.Options.defaults().withWriters(1)),
                        new GroupCommitOutbox(pool, Clock.systemUTC(), GroupCommitOutbox.Options.defaults()));
                for (JdbcOutbox outbox : variants) {
                    String name = (outbox instanceof GroupCommitOutbox)
                            ? "group commit, " + ((GroupCommitOutbox) outbox).options().writers() + " writer(s)"
                            : "one per append";
                    String loadStart = Bench.loadAverage();
                    drive(outbox, users, 5);
                    long before;
                    try (java.sql.Connection db = pool.getConnection()) {
                        before = Databases.count(db, "SELECT COUNT(*) FROM rmk_outbox");
                    }
                    long started = System.nanoTime();
                    Latencies latencies = drive(outbox, users, seconds);
                    double elapsed = (System.nanoTime() - started) / 1e9;
                    long rows;
                    try (java.sql.Connection db = pool.getConnection()) {
                        rows = Databases.count(db, "SELECT COUNT(*) FROM rmk_outbox") - before;
                    }
                    if (outbox instanceof GroupCommitOutbox) {
                        ((GroupCommitOutbox) outbox).close();
                    }
                    String row = String.format("| %s | %s | %s | %s / %s | %d | %s → %s |%n", vendor, name,
                            Bench.f1(rows / elapsed), Bench.f2(latencies.percentileMillis(50)),
                            Bench.f2(latencies.percentileMillis(99)), rows, loadStart, Bench.loadAverage());
                    out.append(row);
                    System.out.print(row);
                }
            }
            finally {
                if (!Boolean.getBoolean("bench.keep")) {
                    Databases.drop(vendor, DATABASE);
                }
            }
        }
        return out.toString();
    }

    private static Latencies drive(JdbcOutbox outbox, int users, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong failures = new AtomicLong();
        List<Latencies> perUser = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            Latencies latencies = new Latencies();
            perUser.add(latencies);
            String visitor = "bench-visitor-" + u;
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    TrackedEvent event = TrackedEvent.builder(EventType.PAGE_VIEW, EventSource.BROWSER)
                        .id(UUID.randomUUID().toString())
                        .occurredAt(Instant.now())
                        .shopper(ShopperIds.of(visitor, null, null, false))
                        .property("title", "Oolong tea – Bean & Leaf")
                        .property("page", "product")
                        .property("utm_source", "newsletter")
                        .property("url", "https://shop.example/products/oolong-tea?utm_source=newsletter")
                        .property("referrer", "https://mail.example/")
                        .property("user_agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36")
                        .build();
                    long start = System.nanoTime();
                    try {
                        outbox.append(List.of(event));
                        latencies.add(System.nanoTime() - start);
                    }
                    catch (RuntimeException ex) {
                        failures.incrementAndGet();
                    }
                }
            }, "bench-append-" + u);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failures.get() > 0) {
            System.out.println(failures.get() + " appends failed");
        }
        Latencies all = new Latencies();
        perUser.forEach(all::addAll);
        return all;
    }

}
