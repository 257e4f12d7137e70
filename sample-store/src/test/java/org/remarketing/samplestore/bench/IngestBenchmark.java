package org.remarketing.samplestore.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.remarketing.samplestore.durability.ChildStore;
import org.remarketing.samplestore.durability.HeldRelay;

/**
 * Browser events into the store: {@code POST /api/v1/remarketing/events} driven from this machine,
 * (a) one event per request and (b) 50 per request, into a fresh MariaDB and PostgreSQL database
 * each. Measures the events accepted (202) per second at the endpoint (they are then in
 * {@code rmk_outbox}), and the relay's rate into {@code rmk_event} (from the rows' received_at),
 * with the time it needs after the load to drain the outbox. Beside them: a raw JDBC loop
 * inserting the same number of rows (batches of 500, same columns, a payload the store wrote)
 * into the same tables of the same database.
 *
 * <p>Visitors: a pool of {@code bench.visitors} (20,000) well-formed {@code rmk_vid} cookies used
 * in turn, which keeps each under the per-visitor limit (120 a minute); the per-IP limit (600 a
 * minute, meant for real shoppers) is raised for the run since all load comes from 127.0.0.1.
 *
 * <p>Settings: {@code bench.db} (mariadb,postgresql), {@code bench.modes} (single,batch),
 * {@code bench.seconds} (60), {@code bench.single-users} (32), {@code bench.batch-users} (8),
 * {@code bench.drain-timeout} seconds (600), {@code bench.raw-max} rows (1,000,000), {@code bench.store-args}
 * (more store options, separated by spaces), {@code bench.hold-relay} (false: true measures the endpoint
 * with no relay running beside it).
 */
final class IngestBenchmark {

    private static final String DATABASE = "rmk_bench_ingest";

    private static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/120.0 Safari/537.36";

    private IngestBenchmark() {
    }

    static String run() throws Exception {
        List<String> vendors = Bench.listSetting("bench.db", "mariadb,postgresql");
        List<String> modes = Bench.listSetting("bench.modes", "single,batch");
        int seconds = Bench.intSetting("bench.seconds", 60);
        StringBuilder out = new StringBuilder();
        out.append(String.format("### Ingest, %s%n%nMachine: %s (at start). Store options beyond the benchmark's: %s.%s%n%n",
                LocalDateTime.now().withNano(0), Bench.machine(), storeArgs().isEmpty() ? "none" : String.join(" ", storeArgs()),
                holdRelay() ? " Relay held back (bench.hold-relay): the relay and drain columns do not apply." : ""));
        out.append("| database | events per request | users | accepted events/s | requests/s | p50 / p99 ms | other answers |"
                + " relay events/s into rmk_event | drain after load | raw JDBC rows/s rmk_outbox | endpoint / raw | raw JDBC rows/s rmk_event | relay / raw |"
                + " CPU ms per request: store / load generator / database; machine busy | load avg (start → end of the load) |\n"
                + "|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (String vendor : vendors) {
            for (String mode : modes) {
                int perRequest = "batch".equals(mode) ? 50 : 1;
                int users = "batch".equals(mode) ? Bench.intSetting("bench.batch-users", 8) : Bench.intSetting("bench.single-users", 32);
                String row = runOne(vendor, perRequest, users, seconds);
                out.append(row);
                System.out.print(row);
            }
        }
        return out.toString();
    }

    private static String runOne(String vendor, int perRequest, int users, int seconds) throws Exception {
        String loadStart = Bench.loadAverage();
        Databases.fresh(vendor, DATABASE);
        List<String> args = new ArrayList<>(List.of(Databases.storeArgs(vendor, DATABASE)));
        args.add("--remarketing.tracking.rate-limit.per-ip=1000000000");
        args.addAll(storeArgs());
        List<Class<?>> sources = new ArrayList<>();
        if (holdRelay()) {
            // the endpoint alone: nothing is relayed during the run, the outbox only fills
            args.add("--spring.main.sources=" + HeldRelay.class.getName());
            sources.add(HeldRelay.class);
        }
        ChildStore store = ChildStore.start("bench-ingest-" + vendor + "-" + perRequest, List.of("-Xms1g", "-Xmx1g"), args,
                sources);
        try {
            store.awaitHealthy(Duration.ofMinutes(5));
            System.out.printf("%s, %d per request, %d users: started %s%n", vendor, perRequest, users, store);
            List<String> visitors = visitors(Bench.intSetting("bench.visitors", 20_000));
            // 5 s unrecorded warm-up (JIT, pools), then the measured run.
            drive(store, visitors, perRequest, users, 5);
            if (!holdRelay()) {
                try (Connection db = Databases.connect(vendor, DATABASE)) {
                    awaitDrained(db, Duration.ofSeconds(120));
                }
            }
            long eventsBefore;
            try (Connection db = Databases.connect(vendor, DATABASE)) {
                eventsBefore = Databases.count(db, "SELECT COUNT(*) FROM rmk_event");
            }
            LocalDateTime loadBegan = LocalDateTime.now(ZoneOffset.UTC);
            CpuTimes cpuBefore = CpuTimes.now(store.pid(), vendor);
            Result result = drive(store, visitors, perRequest, users, seconds);
            long loadEnded = System.nanoTime();
            String cpu = CpuTimes.perRequest(cpuBefore, CpuTimes.now(store.pid(), vendor), result.requests);
            String loadEnd = Bench.loadAverage();
            System.out.printf("%s, %d per request: %d events accepted in %.1f s (%.1f/s), other answers %s; draining%n", vendor,
                    perRequest, result.events, result.seconds, result.events / result.seconds, result.otherAnswers);
            String relay;
            String drain;
            long backlogAtEnd;
            try (Connection db = Databases.connect(vendor, DATABASE)) {
                backlogAtEnd = Databases.count(db, "SELECT COUNT(*) FROM rmk_outbox");
                boolean drained = awaitDrained(db, Duration.ofSeconds(holdRelay() ? 0 : Bench.intSetting("bench.drain-timeout", 600)));
                double drainSeconds = (System.nanoTime() - loadEnded) / 1e9;
                drain = drained ? Bench.f1(drainSeconds) + " s (backlog " + backlogAtEnd + ")"
                        : "not drained in " + Bench.f1(drainSeconds) + " s (backlog " + backlogAtEnd + ")";
                relay = relayRate(db, loadBegan, eventsBefore);
            }
            store.stop(Duration.ofSeconds(60));
            long rows = Math.min(result.events, Bench.intSetting("bench.raw-max", 1_000_000));
            double rawOutbox;
            double rawEvent;
            try (Connection db = Databases.connect(vendor, DATABASE)) {
                String payload = samplePayload(db);
                rawOutbox = rawInsert(db, true, rows, payload);
                rawEvent = rawInsert(db, false, rows, payload);
            }
            double accepted = result.events / result.seconds;
            double relayRate = Double.parseDouble(relay);
            return String.format("| %s | %d | %d | %s | %s | %s / %s | %s | %s | %s | %s | %s | %s | %s | %s | %s → %s |%n", vendor,
                    perRequest, users, Bench.f1(accepted), Bench.f1(result.requests / result.seconds),
                    Bench.f2(result.latencies.percentileMillis(50)), Bench.f2(result.latencies.percentileMillis(99)),
                    result.otherAnswers.isEmpty() ? "none" : result.otherAnswers.toString(), Bench.f1(relayRate), drain,
                    Bench.f1(rawOutbox), Bench.f2(accepted / rawOutbox), Bench.f1(rawEvent), Bench.f2(relayRate / rawEvent),
                    cpu, loadStart, loadEnd);
        }
        finally {
            store.close();
            if (!Boolean.getBoolean("bench.keep")) {
                Databases.drop(vendor, DATABASE);
            }
        }
    }

    private static boolean holdRelay() {
        return Boolean.parseBoolean(System.getProperty("bench.hold-relay", "false").trim());
    }

    /** {@code bench.store-args}: more options for the store, separated by spaces (e.g. to compare settings). */
    private static List<String> storeArgs() {
        String value = System.getProperty("bench.store-args", "none").trim();
        return (value.isEmpty() || "none".equals(value)) ? List.of() : List.of(value.split("\\s+"));
    }

    private static Result drive(ChildStore store, List<String> visitors, int perRequest, int users, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong next = new AtomicLong();
        AtomicLong events = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        Map<Integer, AtomicLong> others = new ConcurrentHashMap<>();
        List<Latencies> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<HttpClient> clients = new ArrayList<>();
        URI endpoint = URI.create(store.baseUrl() + "/api/v1/remarketing/events");
        long start = System.nanoTime();
        for (int u = 0; u < users; u++) {
            if (u % 4 == 0) {
                clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
            }
            HttpClient http = clients.get(clients.size() - 1);
            Latencies mine = new Latencies();
            latencies.add(mine);
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    long n = next.getAndIncrement();
                    String visitor = visitors.get((int) (n % visitors.size()));
                    HttpRequest request = HttpRequest.newBuilder(endpoint)
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "text/plain;charset=UTF-8")
                        .header("User-Agent", USER_AGENT)
                        .header("Cookie", "rmk_vid=" + visitor)
                        .POST(HttpRequest.BodyPublishers.ofString(body(n, perRequest)))
                        .build();
                    long began = System.nanoTime();
                    try {
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() == 202) {
                            mine.add(System.nanoTime() - began);
                            events.addAndGet(perRequest);
                            requests.incrementAndGet();
                        }
                        else {
                            others.computeIfAbsent(response.statusCode(), (k) -> new AtomicLong()).incrementAndGet();
                        }
                    }
                    catch (Exception ex) {
                        others.computeIfAbsent(-1, (k) -> new AtomicLong()).incrementAndGet();
                    }
                }
            }, "bench-ingest-" + u);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(seconds + 60).toMillis());
        }
        Result result = new Result();
        result.seconds = (System.nanoTime() - start) / 1e9;
        result.events = events.get();
        result.requests = requests.get();
        for (Latencies l : latencies) {
            result.latencies.addAll(l);
        }
        others.forEach((status, count) -> result.otherAnswers.put(status == -1 ? "I/O error" : String.valueOf(status), count.get()));
        return result;
    }

    /** Events like the tracker's: page views and product views, ~300 bytes each. */
    static String body(long n, int perRequest) {
        StringBuilder body = new StringBuilder(perRequest * 320 + 16).append("{\"events\":[");
        long now = System.currentTimeMillis();
        for (int i = 0; i < perRequest; i++) {
            long k = n * perRequest + i;
            if (i > 0) {
                body.append(',');
            }
            if (k % 2 == 0) {
                body.append("{\"type\":\"page_view\",\"id\":\"").append(UUID.randomUUID()).append("\",\"ts\":").append(now)
                    .append(",\"url\":\"https://shop.example/product/coffee-").append(k % 500)
                    .append("?utm_source=newsletter\",\"referrer\":\"https://www.google.com/\",")
                    .append("\"properties\":{\"title\":\"Coffee ").append(k % 500)
                    .append(" · Bean & Leaf\",\"page\":\"product\",\"new_session\":false,\"utm_source\":\"newsletter\"}}");
            }
            else {
                body.append("{\"type\":\"view_item\",\"id\":\"").append(UUID.randomUUID()).append("\",\"ts\":").append(now)
                    .append(",\"url\":\"https://shop.example/product/coffee-").append(k % 500)
                    .append("\",\"properties\":{\"product_id\":\"").append(k % 500).append("\",\"sku\":\"COF")
                    .append(k % 500).append("\",\"name\":\"Coffee ").append(k % 500)
                    .append("\",\"price\":14.9,\"category\":\"coffee-tea\",\"currency\":\"USD\"}}");
            }
        }
        return body.append("]}").toString();
    }

    static List<String> visitors(int count) {
        SecureRandom random = new SecureRandom();
        List<String> visitors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            visitors.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
        return visitors;
    }

    private static boolean awaitDrained(Connection db, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Databases.count(db, "SELECT COUNT(*) FROM rmk_outbox") == 0) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    /** Events the relay wrote since the load began, over the span of their received_at (UTC). */
    private static String relayRate(Connection db, LocalDateTime loadBegan, long eventsBefore) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(
                "SELECT COUNT(*), MIN(received_at), MAX(received_at) FROM rmk_event WHERE received_at >= ?")) {
            statement.setObject(1, loadBegan);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                long count = rs.getLong(1);
                LocalDateTime first = rs.getObject(2, LocalDateTime.class);
                LocalDateTime last = rs.getObject(3, LocalDateTime.class);
                if (count == 0 || first == null) {
                    return "0";
                }
                double span = Math.max(0.001, Duration.between(first, last).toNanos() / 1e9);
                return String.valueOf(count / span);
            }
        }
    }

    private static String samplePayload(Connection db) throws Exception {
        try (Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery("SELECT payload FROM rmk_event WHERE event_type = 'page_view'"
                        + " UNION ALL SELECT payload FROM rmk_outbox WHERE event_type = 'page_view'")) {
            statement.setMaxRows(1);
            return rs.next() ? rs.getString(1) : "{}";
        }
    }

    /** One thread, batches of 500, a commit per batch: rows per second. */
    private static double rawInsert(Connection db, boolean outbox, long rows, String payload) throws Exception {
        String sql = outbox
                ? "INSERT INTO rmk_outbox (event_id, partition_key, event_type, occurred_at, payload, created_at, attempts)"
                        + " VALUES (?, ?, ?, ?, ?, ?, 0)"
                : "INSERT INTO rmk_event (event_id, event_type, occurred_at, received_at, contact_id, visitor_id, customer_id,"
                        + " source, payload) VALUES (?, ?, ?, ?, NULL, ?, NULL, ?, ?)";
        db.setAutoCommit(false);
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(5).toNanos();
        long written = 0;
        try (PreparedStatement insert = db.prepareStatement(sql)) {
            while (written < rows && System.nanoTime() < deadline) {
                int batch = (int) Math.min(500, rows - written);
                for (int i = 0; i < batch; i++) {
                    String id = UUID.randomUUID().toString();
                    Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
                    if (outbox) {
                        insert.setString(1, id);
                        insert.setString(2, "v:bench-visitor-" + (written + i) % 20000);
                        insert.setString(3, "page_view");
                        insert.setTimestamp(4, now);
                        insert.setString(5, payload);
                        insert.setTimestamp(6, now);
                    }
                    else {
                        insert.setString(1, id);
                        insert.setString(2, "page_view");
                        insert.setTimestamp(3, now);
                        insert.setTimestamp(4, now);
                        insert.setString(5, "bench-visitor-" + (written + i) % 20000);
                        insert.setString(6, "browser");
                        insert.setString(7, payload);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
                db.commit();
                written += batch;
            }
        }
        finally {
            db.setAutoCommit(true);
        }
        return written / ((System.nanoTime() - start) / 1e9);
    }

    static final class Result {

        double seconds;

        long events;

        long requests;

        final Latencies latencies = new Latencies();

        final Map<String, Long> otherAnswers = new TreeMap<>();

    }

}
