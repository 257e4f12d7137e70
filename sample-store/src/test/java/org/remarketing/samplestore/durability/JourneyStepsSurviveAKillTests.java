package org.remarketing.samplestore.durability;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remarketing.core.journeys.Journey;
import org.remarketing.core.journeys.JourneyScheduler;
import org.remarketing.core.journeys.JourneyStore;
import org.remarketing.core.system.InstallSecrets;
import org.h2.tools.Server;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Journey steps are sent at most once and never silently lost when a store node dies: the sample
 * store runs in a child JVM and is killed with SIGKILL. Its database is an H2 server in this JVM
 * (a file database served over TCP), so the node dies and the database lives on, as with MariaDB or
 * PostgreSQL: the transactions the node had open are rolled back, what it committed stays. It
 * sends to an SMTP server (GreenMail) in this JVM, so what it delivered before it died is kept too.
 * <ol>
 * <li>A backlog of due steps, killed mid-drain; a second store finishes it. No Message-ID and no
 * recipient is received twice; every {@code SENT} message is in the mailbox exactly once; every
 * message ends {@code SENT} or, for those in flight at the kill, {@code UNCERTAIN} (never re-sent);
 * a message neither sent, uncertain nor received would be a loss.</li>
 * <li>The engine pass, killed while it enrols shoppers: a run, its messages and their tasks commit
 * together, so no run lacks its messages, every waiting message has its task, and after the restart
 * every segment entry has started exactly one run.</li>
 * </ol>
 */
class JourneyStepsSurviveAKillTests {

    private static final Duration START = Duration.ofMinutes(3);

    private static final int STEPS = 400;

    private static final int ENTRIES = 1_200;

    /** The messages of the test's runs (the store's own history starts runs and messages of its own). */
    private static final String OURS = "run_id IN (SELECT id FROM rmk_journey_run WHERE entry_key LIKE 'kill:%')";

    /** The store's own history (seed customers and orders) starts runs too: only the test's contacts count. */
    private static final String OUR_RUNS = "SELECT COUNT(*) FROM rmk_journey_run r JOIN rmk_contact c ON c.id = r.contact_id"
        + " WHERE c.email LIKE 'enrol%'";

    private final List<ChildStore> children = new ArrayList<>();

    private GreenMail smtp;

    private Server database;

    private String url;

    @TempDir
    Path dir;

    @BeforeEach
    void startServers() throws SQLException {
        // GreenMail logs each SMTP conversation (addresses included) at DEBUG; this JVM has no Boot logging set-up.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.icegreen"))
            .setLevel(ch.qos.logback.classic.Level.INFO);
        this.smtp = new GreenMail(new ServerSetup(ChildStore.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        this.smtp.start();
        int port = ChildStore.freePort();
        this.database = Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir", this.dir.toString(), "-ifNotExists")
            .start();
        this.url = "jdbc:h2:tcp://127.0.0.1:" + port + "/store;MODE=MySQL;NON_KEYWORDS=VALUE";
    }

    @AfterEach
    void stopEverything() {
        this.children.forEach(ChildStore::close);
        this.smtp.stop();
        this.database.stop();
    }

    @Test
    void aNodeKilledWhileSendingADrainLeavesNoDuplicateAndNoLoss() throws Exception {
        String url = this.url;
        ChildStore sending = start("steps-killed", url);
        Prepared prepared = prepareDueSteps(url, STEPS);
        awaitTrue(Duration.ofSeconds(120), Duration.ofMillis(10), () -> ours(prepared).size() >= STEPS / 3, "a third of the mails received");
        sending.kill();
        int receivedAtKill = ours(prepared).size();
        Map<String, Integer> atKill = states(url);
        System.out.printf("Killed mid-drain: %d of %d mails received; states in the database at the kill: %s%n",
            receivedAtKill, STEPS, atKill);
        assertThat(atKill.getOrDefault("SENT", 0)).as("killed mid-drain: some sent").isPositive();
        assertThat(atKill.getOrDefault("SCHEDULED", 0)).as("killed mid-drain: some still waiting").isPositive();

        ChildStore finishing = start("steps-restarted", url);
        awaitTrue(Duration.ofSeconds(180), Duration.ofSeconds(1), () -> {
            Map<String, Integer> states = states(url);
            return !states.containsKey("SCHEDULED") && !states.containsKey("SENDING");
        }, "every message in a final state");
        finishing.stop(Duration.ofSeconds(60));

        Map<Long, String> stateOf = new HashMap<>();
        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(db, true));
            jdbc.query("SELECT id, state FROM rmk_message WHERE " + OURS, (rs) -> {
                stateOf.put(rs.getLong(1), rs.getString(2));
            });
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rmk_scheduled_tasks WHERE task_name = ? AND task_instance IN"
                + " (SELECT CAST(id AS VARCHAR(100)) FROM rmk_message WHERE " + OURS + ")", Integer.class,
                JourneyScheduler.STEP_TASK)).as("step tasks left").isZero();
        }
        List<MimeMessage> all = Arrays.asList(this.smtp.getReceivedMessages());
        Map<String, Integer> timesReceived = new HashMap<>();
        Map<String, Integer> recipients = new HashMap<>();
        for (MimeMessage message : all) {
            timesReceived.merge(message.getMessageID(), 1, Integer::sum);
            recipients.merge(message.getAllRecipients()[0].toString(), 1, Integer::sum);
        }
        int sent = 0;
        int uncertain = 0;
        int uncertainReceived = 0;
        int lost = 0;
        List<Long> sentNotReceived = new ArrayList<>();
        for (Map.Entry<Long, String> message : stateOf.entrySet()) {
            int received = timesReceived.getOrDefault(prepared.messageIdOf.get(message.getKey()), 0);
            if ("SENT".equals(message.getValue())) {
                sent++;
                if (received != 1) {
                    sentNotReceived.add(message.getKey());
                }
            }
            else if ("UNCERTAIN".equals(message.getValue())) {
                uncertain++;
                uncertainReceived += received;
            }
            else if (received == 0) {
                lost++;
            }
        }
        System.out.printf("After the restart: %d messages, %d SENT (all received once), %d UNCERTAIN (%d of them received"
            + " before the kill, %d not), %d lost; states %s%n", stateOf.size(), sent, uncertain, uncertainReceived,
            uncertain - uncertainReceived, lost, new TreeMap<>(count(stateOf)));

        assertThat(stateOf).hasSize(STEPS);
        assertThat(timesReceived).as("Message-IDs received more than once").allSatisfy((id, times) -> assertThat(times).isOne());
        assertThat(recipients).as("recipients mailed more than once").allSatisfy((to, times) -> assertThat(times).isOne());
        assertThat(sentNotReceived).as("SENT but not exactly once in the mailbox").isEmpty();
        assertThat(stateOf.values()).as("final states").isSubsetOf("SENT", "UNCERTAIN");
        assertThat(lost).as("neither sent, uncertain nor received").isZero();
        assertThat(sent + uncertain).isEqualTo(STEPS);
    }

    @Test
    void aNodeKilledWhileEnrollingLeavesNoRunWithoutItsMessages() throws Exception {
        String url = this.url;
        ChildStore enrolling = start("enrol-killed", url);
        int segmentEntries = prepareSegmentEntries(url, ENTRIES);
        // The pass commits its entries in batches: kill as soon as the first batch is in, while it works on the next.
        awaitTrue(Duration.ofSeconds(120), Duration.ofMillis(20), () -> count(url, OUR_RUNS) > 0, "the first runs");
        enrolling.kill();
        Enrolment atKill = enrolment(url);
        System.out.printf("Killed while enrolling: %s%n", atKill);
        assertThat(atKill.runs).as("killed during the pass").isBetween(1, ENTRIES - 1);
        atKill.assertWhole(3);

        ChildStore restarted = start("enrol-restarted", url);
        awaitTrue(Duration.ofSeconds(180), Duration.ofSeconds(1), () -> count(url, OUR_RUNS) >= ENTRIES,
            "every entry enrolled");
        restarted.stop(Duration.ofSeconds(60));
        Enrolment after = enrolment(url);
        System.out.printf("After the restart: %s%n", after);
        assertThat(after.runs).as("one run per segment entry").isEqualTo(segmentEntries);
        assertThat(after.contactsWithRuns).as("no contact enrolled twice").isEqualTo(segmentEntries);
        after.assertWhole(3);
    }

    // ---------------------------------------------------------------- preparing the database

    /**
     * {@code count} contacts with an address, each with an abandoned-cart run on the store's first
     * products and its first step due now, scheduled through db-scheduler (a scheduler built on the
     * same database, never started), all in one transaction: the running store finds a backlog.
     */
    private Prepared prepareDueSteps(String url, int count) throws SQLException {
        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            SingleConnectionDataSource dataSource = new SingleConnectionDataSource(db, true);
            JourneyScheduler scheduler = new JourneyScheduler(dataSource, null, () -> {
            }, Duration.ofSeconds(1), Duration.ofHours(1), 1, "kill-test");
            return new TransactionTemplate(new DataSourceTransactionManager(dataSource))
                .execute((status) -> prepareDueSteps(dataSource, scheduler, count));
        }
    }

    private Prepared prepareDueSteps(SingleConnectionDataSource dataSource, JourneyScheduler scheduler, int count) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Journey journey = new JourneyStore(dataSource, Clock.systemUTC()).find("abandoned-cart").orElseThrow();
        String products = productsJson(jdbc);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        insertContacts(jdbc, count, "kill", now);
        jdbc.update("INSERT INTO rmk_journey_run (journey_id, contact_id, entry_key, state, holdout, stage, products_json, entered_at)"
            + " SELECT ?, id, CONCAT('kill:', id), 'ACTIVE', FALSE, 'intending', ?, ? FROM rmk_contact WHERE email LIKE 'kill%'",
            journey.id(), products, now);
        jdbc.update("INSERT INTO rmk_message (run_id, journey_id, contact_id, step_no, channel, template, send_key, state, due_at,"
            + " attempts, created_at, updated_at) SELECT id, journey_id, contact_id, 1, 'EMAIL', 'cart-reminder',"
            + " CONCAT('r', id, ':s1'), 'SCHEDULED', ?, 0, ?, ? FROM rmk_journey_run WHERE entry_key LIKE 'kill:%'", now, now, now);
        Prepared prepared = new Prepared();
        String installId = InstallSecrets.loadOrCreate(jdbc, Clock.systemUTC()).installId();
        Map<Long, Instant> due = new LinkedHashMap<>();
        jdbc.query("SELECT m.id, m.send_key FROM rmk_message m JOIN rmk_journey_run r ON r.id = m.run_id"
            + " WHERE r.entry_key LIKE 'kill:%' ORDER BY m.id", (rs) -> {
                prepared.messageIdOf.put(rs.getLong(1), "<" + rs.getString(2) + "." + installId + "@remarketing>");
                due.put(rs.getLong(1), now.toInstant(ZoneOffset.UTC));
            });
        scheduler.scheduleAll(due);
        assertThat(prepared.messageIdOf).hasSize(count);
        return prepared;
    }

    /** {@code count} contacts who entered the abandoned-cart segment (its change log), not enrolled yet. */
    private int prepareSegmentEntries(String url, int count) throws SQLException {
        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(db, true));
            LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
            insertContacts(jdbc, count, "enrol", now);
            long segment = jdbc.queryForObject("SELECT id FROM rmk_segment WHERE code = 'abandoned-cart'", Long.class);
            return jdbc.update("INSERT INTO rmk_segment_change (segment_id, contact_id, entered, changed_at)"
                + " SELECT ?, id, TRUE, ? FROM rmk_contact WHERE email LIKE 'enrol%' ORDER BY id", segment, now);
        }
    }

    private static void insertContacts(JdbcTemplate jdbc, int count, String prefix, LocalDateTime now) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new Object[] { now, now, prefix + i + "@durability.test", "Shopper" + i });
        }
        jdbc.batchUpdate("INSERT INTO rmk_contact (created_at, updated_at, email, first_name, visits, cart_items, cart_value,"
            + " orders_count, total_spent) VALUES (?, ?, ?, ?, 1, 0, 0, 0, 0)", rows);
    }

    /** The store's first three products, as a run keeps them. */
    private static String productsJson(JdbcTemplate jdbc) {
        List<String> products = jdbc.query("SELECT PRODUCT_ID, SKU FROM PRODUCT ORDER BY PRODUCT_ID LIMIT 3",
            (rs, i) -> "{\"productId\":" + rs.getLong(1) + ",\"sku\":\"" + rs.getString(2) + "\",\"quantity\":" + (i + 1) + "}");
        assertThat(products).as("the store's seed products").hasSize(3);
        return "[" + String.join(",", products) + "]";
    }

    // ---------------------------------------------------------------- reading it back

    private List<String> ours(Prepared prepared) {
        List<String> found = new ArrayList<>();
        Set<String> wanted = new HashSet<>(prepared.messageIdOf.values());
        for (MimeMessage message : this.smtp.getReceivedMessages()) {
            try {
                if (wanted.contains(message.getMessageID())) {
                    found.add(message.getMessageID());
                }
            }
            catch (MessagingException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return found;
    }

    private static Map<String, Integer> states(String url) {
        Map<String, Integer> states = new TreeMap<>();
        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            new JdbcTemplate(new SingleConnectionDataSource(db, true)).query("SELECT state, COUNT(*) FROM rmk_message"
                + " WHERE " + OURS + " GROUP BY state", (rs) -> {
                    states.put(rs.getString(1), rs.getInt(2));
                });
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
        return states;
    }

    private static int count(String url, String sql) {
        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            return new JdbcTemplate(new SingleConnectionDataSource(db, true)).queryForObject(sql, Integer.class);
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Map<String, Integer> count(Map<Long, String> states) {
        Map<String, Integer> counts = new HashMap<>();
        states.values().forEach((state) -> counts.merge(state, 1, Integer::sum));
        return counts;
    }

    private static Enrolment enrolment(String url) throws SQLException {
        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(db, true));
            Enrolment e = new Enrolment();
            e.runs = jdbc.queryForObject("SELECT COUNT(*) FROM rmk_journey_run r JOIN rmk_contact c ON c.id = r.contact_id"
                + " WHERE c.email LIKE 'enrol%'", Integer.class);
            e.contactsWithRuns = jdbc.queryForObject("SELECT COUNT(DISTINCT r.contact_id) FROM rmk_journey_run r JOIN rmk_contact c"
                + " ON c.id = r.contact_id WHERE c.email LIKE 'enrol%'", Integer.class);
            e.messagesPerRun = new TreeMap<>();
            jdbc.query("SELECT n, COUNT(*) FROM (SELECT r.id, (SELECT COUNT(*) FROM rmk_message m WHERE m.run_id = r.id) AS n"
                + " FROM rmk_journey_run r JOIN rmk_contact c ON c.id = r.contact_id WHERE c.email LIKE 'enrol%') x GROUP BY n",
                (rs) -> {
                    e.messagesPerRun.put(rs.getInt(1), rs.getInt(2));
                });
            e.waitingWithoutTask = jdbc.queryForObject("SELECT COUNT(*) FROM rmk_message m WHERE m.state IN ('SCHEDULED', 'SENDING')"
                + " AND NOT EXISTS (SELECT 1 FROM rmk_scheduled_tasks t WHERE t.task_name = ?"
                + " AND t.task_instance = CAST(m.id AS VARCHAR(100)))", Integer.class, JourneyScheduler.STEP_TASK);
            e.tasksWithoutMessage = jdbc.queryForObject("SELECT COUNT(*) FROM rmk_scheduled_tasks t WHERE t.task_name = ?"
                + " AND NOT EXISTS (SELECT 1 FROM rmk_message m WHERE CAST(m.id AS VARCHAR(100)) = t.task_instance)",
                Integer.class, JourneyScheduler.STEP_TASK);
            e.states = new TreeMap<>();
            jdbc.query("SELECT m.step_no, m.state, COUNT(*) FROM rmk_message m JOIN rmk_contact c ON c.id = m.contact_id"
                + " WHERE c.email LIKE 'enrol%' GROUP BY m.step_no, m.state", (rs) -> {
                    e.states.put(rs.getInt(1) + " " + rs.getString(2), rs.getInt(3));
                });
            return e;
        }
    }

    private ChildStore start(String name, String url) {
        ChildStore store = ChildStore.start(name, Arrays.asList("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
            Arrays.asList("--spring.datasource.url=" + url, "--sample.mail.embedded=false", "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + this.smtp.getSmtp().getPort(), "--remarketing.journeys.demo-timing=false",
                "--remarketing.journeys.quiet-hours=false", "--remarketing.journeys.heartbeat-interval=1s",
                "--remarketing.journeys.poll-interval=500ms", "--remarketing.journeys.engine-interval=2s"));
        this.children.add(store);
        return store.awaitHealthy(START);
    }

    private static void awaitTrue(Duration timeout, Duration every, BooleanSupplier condition, String description)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + description);
            }
            Thread.sleep(every.toMillis());
        }
    }

    /** The prepared messages: id → the Message-ID their mail carries. */
    private static final class Prepared {

        final Map<Long, String> messageIdOf = new LinkedHashMap<>();

    }

    private static final class Enrolment {

        int runs;

        int contactsWithRuns;

        Map<Integer, Integer> messagesPerRun;

        int waitingWithoutTask;

        int tasksWithoutMessage;

        Map<String, Integer> states;

        void assertWhole(int steps) {
            assertThat(this.messagesPerRun).as("runs by their number of messages").containsOnlyKeys(steps);
            assertThat(this.waitingWithoutTask).as("waiting messages without a task").isZero();
            assertThat(this.tasksWithoutMessage).as("tasks without a message").isZero();
        }

        @Override
        public String toString() {
            return this.runs + " runs (" + this.contactsWithRuns + " contacts), runs by number of messages " + this.messagesPerRun
                + ", waiting messages without a task " + this.waitingWithoutTask + ", tasks without a message "
                + this.tasksWithoutMessage + ", messages by step and state " + this.states;
        }

    }

}
