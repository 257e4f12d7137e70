package org.remarketing.samplestore.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.remarketing.samplestore.durability.ChildStore;

/**
 * The plugin's cost on the store's own requests: two sample stores side by side (same classpath,
 * one database each), one with the plugin (default settings: capture, outbox, in-process relay)
 * and one with {@code --remarketing.enabled=false}. After a warm-up, the same closed-loop mix
 * (add to cart, quantity change, guest checkout: Shopizer's REST subset) is driven against one
 * store at a time, alternating in rounds so that machine noise falls on both. Every latency is
 * kept; p50/p90/p99 and throughput per operation and side, and the ratio with / without.
 *
 * <p>Settings (system properties): {@code bench.db} (mariadb | postgresql | h2, default mariadb),
 * {@code bench.users} (8), {@code bench.seconds} per side per round (60), {@code bench.rounds} (3),
 * {@code bench.warmup} seconds per side (30).
 */
final class OverheadBenchmark {

    static final String[] OPERATIONS = { "add to cart (POST /api/v1/cart)", "quantity change (PUT /api/v1/cart/{code})",
            "guest checkout (POST /api/v1/cart/{code}/checkout)" };

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Guest emails: short and unique (Shopizer's email columns hold 50 characters). */
    private static final AtomicLong EMAILS = new AtomicLong();

    private OverheadBenchmark() {
    }

    static String run() throws Exception {
        String vendor = System.getProperty("bench.db", "default");
        vendor = "default".equals(vendor) ? "mariadb" : vendor;
        int users = Bench.intSetting("bench.users", 8);
        int seconds = Bench.intSetting("bench.seconds", 60);
        int rounds = Bench.intSetting("bench.rounds", 3);
        int warmup = Bench.intSetting("bench.warmup", 30);
        String started = Bench.machine();
        LocalDateTime date = LocalDateTime.now();

        Side with = new Side("with plugin", "rmk_bench_with");
        Side without = new Side("without plugin", "rmk_bench_without");
        List<ChildStore> children = new ArrayList<>();
        try {
            for (Side side : Arrays.asList(with, without)) {
                List<String> args = new ArrayList<>();
                if ("h2".equals(vendor)) {
                    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("bench-overhead");
                    args.add("--spring.datasource.url=jdbc:h2:file:" + dir.resolve("store") + ";MODE=MySQL;NON_KEYWORDS=VALUE");
                }
                else {
                    Databases.fresh(vendor, side.database);
                    args.addAll(Arrays.asList(Databases.storeArgs(vendor, side.database)));
                }
                if (side == without) {
                    args.add("--remarketing.enabled=false");
                }
                side.store = ChildStore.start("bench-overhead-" + side.database,
                        Arrays.asList("-Xms768m", "-Xmx768m"), args);
                children.add(side.store);
                side.store.awaitHealthy(Duration.ofMinutes(5));
                System.out.println("Started " + side.name + ": " + side.store);
                if (!"h2".equals(vendor)) {
                    try (Connection db = Databases.connect(vendor, side.database); Statement statement = db.createStatement()) {
                        // Stock for as many checkouts as the run makes (the seed holds ~100 per product).
                        statement.executeUpdate("UPDATE PRODUCT_AVAILABILITY SET QUANTITY = 100000000");
                    }
                }
            }
            List<String> skus = purchasable(with);
            System.out.println("Products: " + skus);

            System.out.println("Warm-up: " + warmup + " s per side");
            for (int half = 0; half < 2; half++) {
                drive(with, skus, users, Math.max(1, warmup / 2), false);
                drive(without, skus, users, Math.max(1, warmup / 2), false);
            }
            StringBuilder loads = new StringBuilder();
            for (int round = 0; round < rounds; round++) {
                List<Side> order = (round % 2 == 0) ? Arrays.asList(with, without) : Arrays.asList(without, with);
                for (Side side : order) {
                    String load = Bench.loadAverage();
                    drive(side, skus, users, seconds, true);
                    loads.append(String.format("round %d %s: load average at start %s%n", round + 1, side.name, load));
                    System.out.printf("Round %d, %s: %d iterations so far, load %s%n", round + 1, side.name,
                            side.latencies.get(OPERATIONS[0]).count(), load);
                }
            }
            return report(vendor, users, seconds, rounds, warmup, started, date, with, without, loads.toString());
        }
        finally {
            for (ChildStore child : children) {
                child.stop(Duration.ofSeconds(30));
            }
            if (!"h2".equals(vendor) && !Boolean.getBoolean("bench.keep")) {
                Databases.drop(vendor, with.database);
                Databases.drop(vendor, without.database);
            }
        }
    }

    private static List<String> purchasable(Side side) throws Exception {
        HttpResponse<String> response = side.http.send(HttpRequest.newBuilder(
                URI.create(side.store.baseUrl() + "/api/v1/products?store=DEFAULT&lang=en&count=100")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> skus = new ArrayList<>();
        for (JsonNode product : JSON.readTree(response.body()).get("products")) {
            if (product.get("canBePurchased").asBoolean() && skus.size() < 10) {
                skus.add(product.get("sku").asText());
            }
        }
        return skus;
    }

    /** Closed loop: each user runs add → change → checkout until the time is up. */
    private static void drive(Side side, List<String> skus, int users, int seconds, boolean record) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Map<String, Latencies>> perUser = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        for (int u = 0; u < users; u++) {
            Map<String, Latencies> mine = new LinkedHashMap<>();
            for (String operation : OPERATIONS) {
                mine.put(operation, new Latencies());
            }
            perUser.add(mine);
            int user = u;
            Thread thread = new Thread(() -> {
                int i = user;
                while (System.nanoTime() < deadline) {
                    try {
                        iteration(side, skus.get(i++ % skus.size()), mine, deadline);
                    }
                    catch (Exception ex) {
                        if (errors.incrementAndGet() <= 5) {
                            System.out.println(side.name + ": " + ex.getMessage());
                        }
                    }
                }
            }, "bench-user-" + u);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(seconds + 120).toMillis());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (record) {
            for (Map<String, Latencies> mine : perUser) {
                mine.forEach((operation, latencies) -> side.latencies.get(operation).addAll(latencies));
            }
            side.seconds += elapsed;
            side.errors += errors.get();
        }
    }

    private static void iteration(Side side, String sku, Map<String, Latencies> latencies, long deadline) throws Exception {
        JsonNode cart = timed(side, "POST", "/api/v1/cart?store=DEFAULT&lang=en",
                "{\"product\":\"" + sku + "\",\"quantity\":1}", 201, latencies.get(OPERATIONS[0]));
        String code = cart.get("code").asText();
        if (System.nanoTime() >= deadline) {
            return;
        }
        cart = timed(side, "PUT", "/api/v1/cart/" + code, "{\"product\":\"" + sku + "\",\"quantity\":2}", 201,
                latencies.get(OPERATIONS[1]));
        if (System.nanoTime() >= deadline) {
            return;
        }
        String total = cart.get("total").decimalValue().toPlainString();
        timed(side, "POST", "/api/v1/cart/" + code + "/checkout", guestCheckout("b" + Long.toHexString(EMAILS.incrementAndGet()) + "-" + Long.toHexString(System.nanoTime()) + "@bench.test", total),
                200, latencies.get(OPERATIONS[2]));
    }

    private static JsonNode timed(Side side, String method, String path, String body, int expected, Latencies latencies)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(side.store.baseUrl() + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build();
        long start = System.nanoTime();
        HttpResponse<String> response = side.http.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        latencies.add(took);
        return JSON.readTree(response.body());
    }

    static String guestCheckout(String email, String amount) {
        return "{\"customer\":{\"emailAddress\":\"" + email + "\",\"billing\":{\"firstName\":\"Guest\",\"lastName\":\"Buyer\","
                + "\"address\":\"1 Main St\",\"city\":\"Springfield\",\"postalCode\":\"12345\",\"country\":\"US\"}},"
                + "\"payment\":{\"paymentType\":\"CREDITCARD\",\"transactionType\":\"CAPTURE\",\"paymentModule\":\"stripe\","
                + "\"amount\":\"" + amount + "\"}}";
    }

    private static String report(String vendor, int users, int seconds, int rounds, int warmup, String machine,
            LocalDateTime date, Side with, Side without, String loads) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("### Overhead, %s, %s%n%n", vendor, date.withNano(0)));
        out.append(String.format("Machine: %s (at start); end: load average %s.%n", machine, Bench.loadAverage()));
        out.append(String.format("%d closed-loop users, %d rounds × %d s per side (alternating), %d s warm-up per side; "
                + "errors: with %d, without %d.%n%n", users, rounds, seconds, warmup, with.errors, without.errors));
        out.append("| operation | side | requests | req/s | p50 ms | p90 ms | p99 ms |\n|---|---|---:|---:|---:|---:|---:|\n");
        for (String operation : OPERATIONS) {
            for (Side side : Arrays.asList(with, without)) {
                Latencies l = side.latencies.get(operation);
                out.append(String.format("| %s | %s | %d | %s | %s | %s | %s |%n", operation, side.name, l.count(),
                        Bench.f1(l.count() / side.seconds), Bench.f2(l.percentileMillis(50)),
                        Bench.f2(l.percentileMillis(90)), Bench.f2(l.percentileMillis(99))));
            }
        }
        out.append("\n| operation | p50 with/without | p90 with/without | p99 with/without | throughput with/without |\n"
                + "|---|---:|---:|---:|---:|\n");
        for (String operation : OPERATIONS) {
            Latencies a = with.latencies.get(operation);
            Latencies b = without.latencies.get(operation);
            out.append(String.format("| %s | %s | %s | %s | %s |%n", operation,
                    ratio(a.percentileMillis(50), b.percentileMillis(50)), ratio(a.percentileMillis(90), b.percentileMillis(90)),
                    ratio(a.percentileMillis(99), b.percentileMillis(99)),
                    ratio(a.count() / with.seconds, b.count() / without.seconds)));
        }
        out.append("\n```\n").append(loads).append("```\n");
        return out.toString();
    }

    private static String ratio(double a, double b) {
        return String.format("%.3f", a / b);
    }

    static final class Side {

        final String name;

        final String database;

        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

        final Map<String, Latencies> latencies = new LinkedHashMap<>();

        ChildStore store;

        double seconds;

        long errors;

        Side(String name, String database) {
            this.name = name;
            this.database = database;
            for (String operation : OPERATIONS) {
                this.latencies.put(operation, new Latencies());
            }
        }

    }

}
