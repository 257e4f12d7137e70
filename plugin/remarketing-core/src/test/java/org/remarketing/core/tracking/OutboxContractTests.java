package org.remarketing.core.tracking;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remarketing.core.schema.DatabaseVendor;
import org.remarketing.core.schema.RemarketingSchema;
import org.remarketing.core.schema.TestDatabase;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the outbox promises on every supported database: events commit and roll back with the
 * store's transaction, and the relay hands each one over exactly once, in order, across nodes,
 * failures and restarts. One subclass per database.
 */
abstract class OutboxContractTests {

    private static final Instant NOW = Instant.parse("2024-03-05T12:00:00Z");

    private TestDatabase database;

    private DataSource dataSource;

    private JdbcTemplate jdbc;

    private final MutableClock clock = new MutableClock(NOW);

    private JdbcOutbox outbox;

    private final List<OutboxRelay> relays = new ArrayList<>();

    abstract TestDatabase createDatabase();

    @BeforeEach
    void migrate() {
        this.database = createDatabase();
        this.dataSource = this.database.dataSource();
        new RemarketingSchema(this.dataSource, getClass().getClassLoader()).migrate();
        this.jdbc = this.database.jdbc();
        this.outbox = new JdbcOutbox(this.dataSource, this.clock);
    }

    @AfterEach
    void drop() {
        this.relays.forEach(OutboxRelay::stop);
        this.database.drop();
    }

    @Test
    void appendJoinsTheCallersTransactionAndRollsBackWithIt() {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
        tx.executeWithoutResult((status) -> {
            this.outbox.append(events(3));
            status.setRollbackOnly();
        });
        assertThat(rows()).isZero();
        tx.executeWithoutResult((status) -> this.outbox.append(events(3)));
        assertThat(rows()).isEqualTo(3);
    }

    @Test
    void appendOnTheStoresConnectionNeitherCommitsNorCloses() throws SQLException {
        try (Connection store = this.dataSource.getConnection()) {
            store.setAutoCommit(false);
            this.outbox.append(store, events(2));
            assertThat(store.isClosed()).isFalse();
            assertThat(rows()).as("not visible before the store commits").isZero();
            store.rollback();
            assertThat(rows()).isZero();
            this.outbox.append(store, events(2));
            store.commit();
        }
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void appendWithoutTransactionCommitsAllTogether() {
        this.outbox.append(events(5));
        this.outbox.append(events(1));
        assertThat(rows()).isEqualTo(6);
    }

    @Test
    void rowsKeepUtcTimesKeyTypeAndPayload() {
        Instant occurred = Instant.parse("2024-03-05T23:30:00.123456Z");
        TrackedEvent event = TrackedEvent.builder(EventType.CART_ITEM_ADDED, EventSource.STORE)
                .occurredAt(occurred)
                .shopper(ShopperIds.of("v-1", 42L, "ana@example.com", true))
                .property("sku", "PHỞ-1")
                .property("price", new BigDecimal("12.90"))
                .build();
        this.outbox.append(List.of(event));
        List<Object> row = this.jdbc.queryForObject("SELECT event_id, partition_key, event_type, occurred_at,"
                + " created_at, payload, claimed_by, claimed_until, attempts FROM rmk_outbox", (rs, i) -> List.of(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDateTime.class),
                        rs.getObject(5, LocalDateTime.class), rs.getString(6), String.valueOf(rs.getString(7)),
                        String.valueOf(rs.getObject(8)), rs.getInt(9)));
        assertThat(row).containsExactly(event.id(), "c:42", "cart_item_added",
                LocalDateTime.ofInstant(occurred, ZoneOffset.UTC), LocalDateTime.ofInstant(NOW, ZoneOffset.UTC),
                TrackedEventJson.toJson(event), "null", "null", 0);
    }

    @Test
    void commitListenerHearsOfCommitsNotOfRollbacks() throws SQLException {
        AtomicInteger commits = new AtomicInteger();
        this.outbox.addCommitListener(commits::incrementAndGet);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
        tx.executeWithoutResult((status) -> {
            this.outbox.append(events(1));
            assertThat(commits).as("not before the commit").hasValue(0);
            status.setRollbackOnly();
        });
        assertThat(commits).hasValue(0);
        tx.executeWithoutResult((status) -> this.outbox.append(events(1)));
        assertThat(commits).hasValue(1);
        this.outbox.append(events(2));
        assertThat(commits).hasValue(2);
        try (Connection store = this.dataSource.getConnection()) {
            store.setAutoCommit(false);
            this.outbox.append(store, events(1));
            store.commit();
        }
        assertThat(commits).as("a bare connection's commit is invisible: the relay polls").hasValue(2);
    }

    @Test
    void relayHandsEventsOverOldestFirstAndDeletesThem() {
        List<TrackedEvent> events = events(7);
        this.outbox.append(events.subList(0, 4));
        this.outbox.append(events.subList(4, 7));
        RecordingTransport transport = new RecordingTransport();
        OutboxRelay relay = relay(transport, options().withBatchSize(5));
        assertThat(relay.drainOnce()).isEqualTo(5);
        assertThat(relay.drainOnce()).isEqualTo(2);
        assertThat(relay.drainOnce()).isZero();
        assertThat(transport.received()).containsExactlyElementsOf(events);
        assertThat(transport.batchSizes()).containsExactly(5, 2);
        assertThat(rows()).isZero();
        assertThat(relay.metrics().delivered()).isEqualTo(7);
        assertThat(relay.metrics().lastRelayAt()).isEqualTo(NOW);
    }

    @Test
    void twoNodesDeliverEveryEventExactlyOnce() throws Exception {
        int count = 5_000;
        List<TrackedEvent> events = events(count);
        this.outbox.append(events);
        RecordingTransport transport = new RecordingTransport();
        List<OutboxRelay> nodes = List.of(relay(transport, options().withBatchSize(100).withNodeId("node-a")),
                relay(transport, options().withBatchSize(100).withNodeId("node-b")));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> delivered = new ArrayList<>();
            for (OutboxRelay node : nodes) {
                delivered.add(threads.submit(() -> drainUntilEmpty(node)));
            }
            int total = 0;
            for (Future<Integer> future : delivered) {
                total += future.get(120, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(count);
        }
        finally {
            threads.shutdownNow();
        }
        List<String> received = transport.received().stream().map(TrackedEvent::id).collect(Collectors.toList());
        assertThat(received).hasSize(count).doesNotHaveDuplicates();
        assertThat(new HashSet<>(received)).isEqualTo(events.stream().map(TrackedEvent::id).collect(Collectors.toSet()));
        assertThat(rows()).isZero();
    }

    private int drainUntilEmpty(OutboxRelay relay) throws InterruptedException {
        int delivered = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(100);
        while (System.nanoTime() < deadline) {
            try {
                int batch = relay.drainOnce();
                delivered += batch;
                if (batch == 0 && rows() == 0) {
                    return delivered;
                }
            }
            catch (RuntimeException ex) {
                // The other node held a lock the database would not wait for: a retry, as the relay thread does.
                Thread.sleep(5);
            }
        }
        throw new AssertionError("outbox not drained in time");
    }

    @Test
    void aClaimedBatchIsLeftAloneUntilItsLeaseEnds() {
        this.outbox.append(events(3));
        RecordingTransport stuck = new RecordingTransport();
        stuck.failWhen((event) -> {
            throw new OutOfMemoryError("the node dies mid-batch");
        });
        OutboxRelay dying = relay(stuck, options().withLease(Duration.ofMinutes(1)));
        assertThatThrownBy(dying::drainOnce).isInstanceOf(OutOfMemoryError.class);

        RecordingTransport transport = new RecordingTransport();
        OutboxRelay other = relay(transport, options());
        assertThat(other.drainOnce()).as("the lease still runs").isZero();
        this.clock.advance(Duration.ofSeconds(61));
        assertThat(other.drainOnce()).isEqualTo(3);
        assertThat(rows()).isZero();
    }

    @Test
    void aNewRelayOnTheSameDatabaseDeliversWhatTheOldOneLeft() {
        List<TrackedEvent> events = events(12);
        this.outbox.append(events);
        RecordingTransport first = new RecordingTransport();
        OutboxRelay before = relay(first, options().withBatchSize(5));
        before.start();
        before.stop();
        first.received().clear();
        int deliveredBefore = rows();
        RecordingTransport transport = new RecordingTransport();
        OutboxRelay restarted = relay(transport, options().withBatchSize(5));
        while (restarted.drainOnce() > 0) {
            // until empty
        }
        assertThat(first.received().size() + transport.received().size()).isEqualTo(12);
        assertThat(transport.received()).hasSize(deliveredBefore);
        assertThat(rows()).isZero();
    }

    @Test
    void aFailingTransportLeavesTheRowsThenDeliversThemLater() {
        List<TrackedEvent> events = events(4);
        this.outbox.append(events);
        RecordingTransport transport = new RecordingTransport();
        transport.failWhen((event) -> true);
        OutboxRelay relay = relay(transport, options().withRetryDelay(Duration.ofSeconds(10), Duration.ofMinutes(1)));
        assertThatIllegalStateException().isThrownBy(relay::drainOnce).withMessage("broker unavailable");
        assertThat(rows()).isEqualTo(4);
        assertThat(this.jdbc.queryForList("SELECT attempts FROM rmk_outbox", Integer.class)).containsOnly(1);
        assertThat(relay.drainOnce()).as("held back for the retry delay").isZero();

        this.clock.advance(Duration.ofSeconds(11));
        transport.failWhen((event) -> false);
        assertThat(relay.drainOnce() + relay.drainOnce() + relay.drainOnce() + relay.drainOnce()).isEqualTo(4);
        assertThat(transport.received()).containsExactlyElementsOf(events);
        assertThat(rows()).isZero();
    }

    @Test
    void aPoisonEventIsQuarantinedWithoutHoldingUpTheOthers() {
        List<TrackedEvent> events = events(5);
        TrackedEvent poison = events.get(1);
        this.outbox.append(events);
        RecordingTransport transport = new RecordingTransport();
        transport.failWhen((event) -> event.id().equals(poison.id()));
        OutboxRelay relay = relay(transport, options().withMaxAttempts(3)
                .withRetryDelay(Duration.ofSeconds(1), Duration.ofSeconds(4)));
        for (int round = 0; round < 10 && rows() > 1; round++) {
            try {
                relay.drainOnce();
            }
            catch (IllegalStateException expected) {
                this.clock.advance(Duration.ofSeconds(5));
            }
        }
        assertThat(transport.received()).containsExactly(events.get(0), events.get(2), events.get(3), events.get(4));
        assertThat(this.jdbc.queryForObject("SELECT event_id FROM rmk_outbox WHERE claimed_by = 'quarantined'",
                String.class)).isEqualTo(poison.id());
        assertThat(relay.metrics().quarantined()).isEqualTo(1);
        assertThat(relay.metrics().backlog()).isZero();
        this.clock.advance(Duration.ofDays(365));
        assertThat(relay.drainOnce()).as("quarantined: never tried again by itself").isZero();

        transport.failWhen((event) -> false);
        assertThat(relay.requeueQuarantined()).isEqualTo(1);
        assertThat(relay.drainOnce()).isEqualTo(1);
        assertThat(transport.received()).contains(poison);
        assertThat(rows()).isZero();
    }

    @Test
    void anUnreadablePayloadIsQuarantinedAtOnce() {
        List<TrackedEvent> events = events(2);
        this.outbox.append(events);
        this.jdbc.update("UPDATE rmk_outbox SET payload = ? WHERE event_id = ?", "{\"email\":\"x@y.example\"",
                events.get(0).id());
        RecordingTransport transport = new RecordingTransport();
        OutboxRelay relay = relay(transport, options());
        assertThat(relay.drainOnce()).isEqualTo(1);
        assertThat(transport.received()).containsExactly(events.get(1));
        assertThat(relay.metrics().quarantined()).isEqualTo(1);
    }

    @Test
    void metricsTellTheBacklogAndItsAge() {
        RecordingTransport transport = new RecordingTransport();
        OutboxRelay relay = relay(transport, options());
        assertThat(relay.metrics().backlog()).isZero();
        assertThat(relay.metrics().oldestPendingAge()).isNull();
        this.outbox.append(events(3));
        this.clock.advance(Duration.ofSeconds(90));
        this.outbox.append(events(1));
        OutboxRelay.Metrics metrics = relay.metrics();
        assertThat(metrics.backlog()).isEqualTo(4);
        assertThat(metrics.oldestPendingAge()).isEqualTo(Duration.ofSeconds(90));
        assertThat(metrics.lastRelayAt()).isNull();
    }

    @Test
    void relayThreadWakesOnACommitOnThisNodeAndFinishesItsBatchWhenStopped() throws Exception {
        CountDownLatch inSend = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingTransport recording = new RecordingTransport();
        EventTransport slow = new EventTransport() {
            @Override
            public void send(List<TrackedEvent> events) {
                inSend.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    throw new IllegalStateException(ex);
                }
                recording.send(events);
            }

            @Override
            public String name() {
                return "slow";
            }
        };
        // A poll interval far beyond the test: only the wake-up can explain a delivery.
        OutboxRelay relay = relay(slow, options().withPollInterval(Duration.ofMinutes(10)));
        this.outbox.addCommitListener(relay::wake);
        relay.start();
        assertThat(relayThreads()).containsExactly(OutboxRelay.THREAD_NAME);
        new TransactionTemplate(new DataSourceTransactionManager(this.dataSource))
                .executeWithoutResult((status) -> this.outbox.append(events(2)));
        assertThat(inSend.await(10, TimeUnit.SECONDS)).isTrue();

        Thread stopping = new Thread(relay::stop);
        stopping.start();
        stopping.join(300);
        assertThat(stopping.isAlive()).as("stop waits for the batch in flight").isTrue();
        release.countDown();
        stopping.join(10_000);
        assertThat(stopping.isAlive()).isFalse();
        assertThat(relay.isRunning()).isFalse();
        assertThat(recording.received()).hasSize(2);
        assertThat(rows()).isZero();
        assertThat(relayThreads()).isEmpty();
    }

    @Test
    void eventLogProcessorLogsEachEventOnce() {
        EventLogProcessor processor = new EventLogProcessor(this.dataSource, this.clock);
        List<TrackedEvent> events = events(3);
        processor.process(events);
        processor.process(List.of(events.get(1), events.get(2), events.get(2)));
        List<TrackedEvent> more = new ArrayList<>(events(2));
        more.add(events.get(0));
        processor.process(more);
        assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_event", Integer.class)).isEqualTo(5);
        TrackedEvent first = events.get(0);
        assertThat(this.jdbc.queryForObject("SELECT payload FROM rmk_event WHERE event_id = ?", String.class,
                first.id())).isEqualTo(TrackedEventJson.toJson(first));
        LocalDateTime occurredAt = this.jdbc.queryForObject("SELECT occurred_at FROM rmk_event WHERE event_id = ?",
                (rs, i) -> rs.getObject(1, LocalDateTime.class), first.id());
        assertThat(occurredAt).isEqualTo(LocalDateTime.ofInstant(first.occurredAt(), ZoneOffset.UTC));
    }

    @Test
    void inProcessTransportFeedsTheEventLogThroughTheRelay() {
        this.outbox.append(events(4));
        OutboxRelay relay = relay(new InProcessTransport(new EventLogProcessor(this.dataSource, this.clock)), options());
        assertThat(relay.drainOnce()).isEqualTo(4);
        assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_event", Integer.class)).isEqualTo(4);
        assertThat(rows()).isZero();
    }

    private static Set<String> relayThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter((thread) -> thread.getName().equals(OutboxRelay.THREAD_NAME) && thread.isAlive())
                .map(Thread::getName)
                .collect(Collectors.toSet());
    }

    private OutboxRelay.Options options() {
        return OutboxRelay.Options.defaults().withClock(this.clock).withPollInterval(Duration.ofMillis(20))
                .withRetryDelay(Duration.ofMillis(10), Duration.ofMillis(100));
    }

    private OutboxRelay relay(EventTransport transport, OutboxRelay.Options options) {
        OutboxRelay relay = new OutboxRelay(this.dataSource, DatabaseVendor.of(this.dataSource), transport, options);
        this.relays.add(relay);
        return relay;
    }

    private int rows() {
        return this.jdbc.queryForObject("SELECT COUNT(*) FROM rmk_outbox", Integer.class);
    }

    /** Events of a few shoppers, a microsecond apart, with typical details. */
    private List<TrackedEvent> events(int count) {
        return IntStream.range(0, count)
                .mapToObj((i) -> TrackedEvent.builder(EventType.CART_ITEM_ADDED, EventSource.STORE)
                        .occurredAt(NOW.plusNanos(i * 1000L))
                        .shopper(ShopperIds.of("v-" + (i % 7), (i % 3 == 0) ? (long) i : null, null, false))
                        .cartCode("cart-" + (i % 7))
                        .property("sku", "SKU-" + i)
                        .property("quantity", (long) (1 + i % 4))
                        .property("price", new BigDecimal("9.90"))
                        .build())
                .collect(Collectors.toList());
    }

}
