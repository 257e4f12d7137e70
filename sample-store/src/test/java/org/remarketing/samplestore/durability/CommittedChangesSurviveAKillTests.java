package org.remarketing.samplestore.durability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change the store committed is captured even when the JVM dies right after: the sample store
 * runs in a child JVM on an H2 file database, is killed with SIGKILL (no shutdown hook, no relay
 * stop), and a second store started on the same file turns what the first one committed into
 * exactly the expected events in {@code rmk_event}: none lost, none doubled.
 */
class CommittedChangesSurviveAKillTests {

    private static final Duration START = Duration.ofMinutes(3);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<ChildStore> children = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void killChildren() {
        this.children.forEach(ChildStore::close);
    }

    @Test
    void aGuestCheckoutCommittedRightBeforeAKillIsCapturedOnceAfterTheRestart() throws Exception {
        String url = ChildStore.h2Url(this.dir);
        ChildStore store = start("kill-after-checkout-1", "--spring.datasource.url=" + url,
                "--spring.main.sources=" + HeldRelay.class.getName());

        JsonNode cart = call(store, "POST", "/api/v1/cart", "{\"product\":\"COF001\",\"quantity\":2}", 201);
        String code = cart.get("code").asText();
        cart = call(store, "PUT", "/api/v1/cart/" + code, "{\"product\":\"COF001\",\"quantity\":3}", 201);
        assertThat(cart.get("quantity").asInt()).isEqualTo(3);
        String total = cart.get("total").decimalValue().toPlainString();
        JsonNode order = call(store, "POST", "/api/v1/cart/" + code + "/checkout", guestCheckout("kill@durability.test", total), 200);
        store.kill();

        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            assertThat(count(db, "SELECT COUNT(*) FROM ORDERS WHERE ORDER_ID = " + order.get("id").asLong()))
                .as("the store committed the order").isEqualTo(1);
            assertThat(eventTypesOfCart(db, "rmk_event", code)).as("nothing was processed before the kill").isEmpty();
            assertThat(eventTypesOfCart(db, "rmk_outbox", code)).as("the outbox rows were committed with the store's changes")
                .containsOnlyKeys("cart_item_added", "cart_quantity_changed", "cart_converted", "order_placed");
        }

        ChildStore restarted = start("kill-after-checkout-2", "--spring.datasource.url=" + url);
        awaitOutboxDrained(restarted);
        restarted.stop(Duration.ofSeconds(60));

        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            Map<String, Integer> expected = new TreeMap<>();
            expected.put("cart_item_added", 1);
            expected.put("cart_quantity_changed", 1);
            expected.put("cart_converted", 1);
            expected.put("order_placed", 1);
            assertThat(eventTypesOfCart(db, "rmk_event", code)).isEqualTo(expected);
            assertThat(count(db, "SELECT COUNT(*) FROM rmk_outbox")).as("outbox left over").isZero();
        }
    }

    @Test
    void aKillWhileTheRelayIsApplyingABatchLosesAndDoublesNothing() throws Exception {
        String url = ChildStore.h2Url(this.dir);
        Path window = this.dir.resolve("relay-window");
        // The relay applies batches of 10 events, then waits 2 s before deleting them from the outbox (SlowHandOver);
        // a short lease lets the restarted store take the killed node's claimed batch over quickly.
        ChildStore store = start("kill-mid-relay-1", "--spring.datasource.url=" + url,
                "--spring.main.sources=" + SlowHandOver.class.getName(), "--killtest.window-file=" + window,
                "--killtest.window-millis=2000", "--remarketing.outbox.batch-size=10", "--remarketing.outbox.lease=5s");

        int carts = 20;
        int quantities = 10;
        List<String> codes = new ArrayList<>();
        int changes = 0;
        for (int c = 0; c < carts / 2; c++) {
            codes.add(fillCart(store, quantities));
            changes += quantities;
        }
        // Half of the 200 changes are made: kill as soon as the relay has applied a further batch, before it deletes it.
        long seen = lines(window);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (lines(window) <= seen && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(lines(window)).as("the relay applied a batch").isGreaterThan(seen);
        store.kill();

        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            assertThat(count(db, "SELECT COUNT(*) FROM rmk_outbox o JOIN rmk_event e ON e.event_id = o.event_id"))
                .as("killed between applying a batch and deleting it from the outbox").isPositive();
            assertThat(count(db, "SELECT COUNT(*) FROM rmk_outbox WHERE event_id NOT IN (SELECT event_id FROM rmk_event)"))
                .as("and with events not applied yet").isPositive();
        }

        ChildStore restarted = start("kill-mid-relay-2", "--spring.datasource.url=" + url);
        for (int c = carts / 2; c < carts; c++) {
            codes.add(fillCart(restarted, quantities));
            changes += quantities;
        }
        assertThat(changes).isEqualTo(200);
        awaitOutboxDrained(restarted);
        restarted.stop(Duration.ofSeconds(60));

        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            for (String code : codes) {
                Map<String, Integer> expected = new TreeMap<>();
                expected.put("cart_item_added", 1);
                expected.put("cart_quantity_changed", quantities - 1);
                assertThat(eventTypesOfCart(db, "rmk_event", code)).as("events of cart %s", code).isEqualTo(expected);
                assertThat(quantitiesOfCart(db, code)).as("each change of cart %s once", code)
                    .hasSize(quantities).doesNotHaveDuplicates();
            }
            assertThat(count(db, "SELECT COUNT(*) FROM rmk_outbox")).as("outbox left over").isZero();
        }
    }

    /** One item added, then its quantity changed to 2, 3, ... n: n store changes. */
    private String fillCart(ChildStore store, int changes) throws Exception {
        String code = call(store, "POST", "/api/v1/cart", "{\"product\":\"COF001\",\"quantity\":1}", 201).get("code").asText();
        for (int quantity = 2; quantity <= changes; quantity++) {
            call(store, "PUT", "/api/v1/cart/" + code, "{\"product\":\"COF001\",\"quantity\":" + quantity + "}", 201);
        }
        return code;
    }

    private ChildStore start(String name, String... args) {
        List<Class<?>> sources = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--spring.main.sources=" + HeldRelay.class.getName())) {
                sources.add(HeldRelay.class);
            }
            if (arg.equals("--spring.main.sources=" + SlowHandOver.class.getName())) {
                sources.add(SlowHandOver.class);
            }
        }
        ChildStore store = ChildStore.start(name, Arrays.asList("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                Arrays.asList(args), sources);
        this.children.add(store);
        return store.awaitHealthy(START);
    }

    private static void awaitOutboxDrained(ChildStore store) {
        store.awaitHealth(Duration.ofSeconds(90), (health) -> {
            JsonNode details = health.path("components").path("remarketing").path("details");
            return details.has("outboxBacklog") && details.get("outboxBacklog").asLong() == 0;
        }, "an empty outbox");
    }

    private JsonNode call(ChildStore store, String method, String path, String body, int expectedStatus)
            throws IOException, InterruptedException {
        HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(store.baseUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    static String guestCheckout(String email, String amount) {
        return "{\"customer\":{\"emailAddress\":\"" + email + "\",\"billing\":{\"firstName\":\"Guest\",\"lastName\":\"Buyer\","
                + "\"address\":\"1 Main St\",\"city\":\"Springfield\",\"postalCode\":\"12345\",\"country\":\"US\"}},"
                + "\"payment\":{\"paymentType\":\"CREDITCARD\",\"transactionType\":\"CAPTURE\",\"paymentModule\":\"stripe\","
                + "\"amount\":\"" + amount + "\"}}";
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Event type → how many events of the cart the table holds (rmk_event or rmk_outbox, read from the payload). */
    private static Map<String, Integer> eventTypesOfCart(Connection db, String table, String code) throws Exception {
        Map<String, Integer> types = new TreeMap<>();
        for (JsonNode event : eventsOfCart(db, table, code)) {
            types.merge(event.get("type").asText(), 1, Integer::sum);
        }
        return types;
    }

    private static List<Long> quantitiesOfCart(Connection db, String code) throws Exception {
        List<Long> quantities = new ArrayList<>();
        for (JsonNode event : eventsOfCart(db, "rmk_event", code)) {
            quantities.add(event.path("properties").path("quantity").asLong());
        }
        return quantities;
    }

    private static List<JsonNode> eventsOfCart(Connection db, String table, String code) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery("SELECT event_id, payload FROM " + table)) {
            while (rs.next()) {
                JsonNode event = JSON.readTree(rs.getString(2));
                if (code.equals(event.path("cartCode").asText(null))) {
                    assertThat(ids.add(rs.getString(1))).as("event id %s once in %s", rs.getString(1), table).isTrue();
                    events.add(event);
                }
            }
        }
        return events;
    }

    private static long lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }

}
