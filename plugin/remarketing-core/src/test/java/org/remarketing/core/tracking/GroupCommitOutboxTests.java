package org.remarketing.core.tracking;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remarketing.core.schema.RemarketingSchema;
import org.remarketing.core.schema.TestDatabase;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the endpoint's group commit promises on every supported database: each caller returns
 * only once its own rows are committed (visible from another connection), a failed commit fails
 * exactly its callers with none of their rows written, the queue and the wait are bounded, and
 * closing commits what was queued. One subclass per database.
 */
abstract class GroupCommitOutboxTests {

    private static final Instant NOW = Instant.parse("2024-03-05T12:00:00Z");

    private TestDatabase database;

    private HikariDataSource pool;

    private ControlledDataSource dataSource;

    private JdbcTemplate otherConnection;

    private GroupCommitOutbox outbox;

    private final ExecutorService callers = Executors.newCachedThreadPool();

    private final AtomicInteger sequence = new AtomicInteger();

    abstract TestDatabase createDatabase();

    @BeforeEach
    void migrate() {
        this.database = createDatabase();
        new RemarketingSchema(this.database.dataSource(), getClass().getClassLoader()).migrate();
        this.pool = new HikariDataSource();
        this.pool.setDataSource(this.database.dataSource());
        this.pool.setMaximumPoolSize(10);
        this.dataSource = new ControlledDataSource(this.pool);
        // a fresh connection of its own for every check: never the pool's
        this.otherConnection = this.database.jdbc();
    }

    @AfterEach
    void drop() throws InterruptedException {
        this.dataSource.release();
        if (this.outbox != null) {
            this.outbox.close();
        }
        this.callers.shutdownNow();
        this.callers.awaitTermination(10, TimeUnit.SECONDS);
        this.pool.close();
        this.database.drop();
    }

    @Test
    void concurrentCallersAreAllCommittedAndEachReturnsOnlyOnceItsRowsAreVisible() throws Exception {
        this.outbox = outbox(GroupCommitOutbox.Options.defaults());
        int threads = 24;
        int appendsEach = 20;
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(this.callers.submit(() -> {
                int appended = 0;
                for (int i = 0; i < appendsEach; i++) {
                    List<TrackedEvent> events = events(1 + i % 3);
                    this.outbox.append(events);
                    // what the endpoint's 202 promises: already committed, whoever looks
                    assertThat(stored(events)).as("visible from another connection on return").isEqualTo(events.size());
                    appended += events.size();
                }
                return appended;
            }));
        }
        int total = 0;
        for (Future<Integer> result : results) {
            total += result.get(120, TimeUnit.SECONDS);
        }
        assertThat(rows()).isEqualTo(total);
        assertThat(this.otherConnection.queryForObject("SELECT COUNT(DISTINCT event_id) FROM rmk_outbox", Integer.class))
            .isEqualTo(total);
        assertThat(this.outbox.committedEvents()).isEqualTo(total);
        assertThat(this.outbox.queuedEvents()).isZero();
    }

    @Test
    void callersQueuedWhileAWriterCommitsShareOneCommit() throws Exception {
        this.outbox = outbox(GroupCommitOutbox.Options.defaults().withWriters(1));
        AtomicInteger wakeUps = new AtomicInteger();
        this.outbox.addCommitListener(wakeUps::incrementAndGet);
        Future<?> first = holdTheWriterWith(events(1));
        List<List<TrackedEvent>> later = IntStream.range(0, 10).mapToObj((i) -> events(2)).collect(Collectors.toList());
        List<Future<?>> queued = submitAndAwaitQueued(later);

        this.dataSource.release();
        first.get(10, TimeUnit.SECONDS);
        for (Future<?> caller : queued) {
            caller.get(10, TimeUnit.SECONDS);
        }
        assertThat(rows()).isEqualTo(21);
        assertThat(this.outbox.commits()).as("the held one, then the ten queued behind it together").isEqualTo(2);
        assertThat(wakeUps).as("the relay hears of each group commit").hasValue(2);
    }

    @Test
    void aSecondWriterJoinsOnlyWhenAFullBatchWaits() throws Exception {
        this.outbox = outbox(GroupCommitOutbox.Options.defaults().withWriters(2).withMaxBatch(10));
        Future<?> first = holdTheWriterWith(events(1));
        List<Future<?>> callers = new ArrayList<>(submitAndAwaitQueued(List.of(events(4), events(4))));
        assertThat(this.dataSource.awaitWaiter(300, TimeUnit.MILLISECONDS))
            .as("8 events wait for the first writer: not worth a commit of their own").isFalse();

        List<TrackedEvent> third = events(4);
        callers.add(this.callers.submit(() -> this.outbox.append(third)));
        this.dataSource.awaitWaiter();
        assertThat(this.outbox.queuedEvents()).as("the second writer took a batch of two requests").isEqualTo(4);

        this.dataSource.release();
        first.get(10, TimeUnit.SECONDS);
        for (Future<?> caller : callers) {
            caller.get(10, TimeUnit.SECONDS);
        }
        assertThat(rows()).isEqualTo(13);
        assertThat(this.outbox.commits()).isEqualTo(3);
    }

    @Test
    void aFailedCommitFailsExactlyTheCallersOfThatBatchWithNoneOfTheirRowsAndARetryWritesThemOnce()
            throws Exception {
        this.outbox = outbox(GroupCommitOutbox.Options.defaults().withWriters(1));
        List<TrackedEvent> a = events(1);
        List<TrackedEvent> b = events(3);
        List<TrackedEvent> c = events(2);
        Future<?> first = holdTheWriterWith(a);
        List<Future<?>> batch = submitAndAwaitQueued(List.of(b, c));
        this.dataSource.failCommit(2);

        this.dataSource.release();
        first.get(10, TimeUnit.SECONDS);
        for (Future<?> caller : batch) {
            assertThatThrownBy(() -> caller.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(DataAccessResourceFailureException.class)
                .hasMessageContaining("connection lost during commit");
        }
        List<TrackedEvent> d = events(2);
        this.outbox.append(d);
        assertThat(stored(a)).isEqualTo(1);
        assertThat(stored(b)).as("not half-written").isZero();
        assertThat(stored(c)).isZero();
        assertThat(stored(d)).isEqualTo(2);

        // the endpoint's 503 makes the tracker send them again, with the same ids
        this.outbox.append(b);
        this.outbox.append(c);
        assertThat(rows()).isEqualTo(8);
        assertThat(this.otherConnection.queryForObject("SELECT COUNT(DISTINCT event_id) FROM rmk_outbox", Integer.class))
            .as("no event twice").isEqualTo(8);
    }

    @Test
    void eventsTheDatabaseRefusesFailOnlyTheCallerWhoSentThem() throws Exception {
        this.outbox = outbox(GroupCommitOutbox.Options.defaults().withWriters(1));
        List<TrackedEvent> b = events(2);
        List<TrackedEvent> poisoned = new ArrayList<>(events(2));
        // longer than rmk_outbox.event_id (36): the database refuses the row
        poisoned.add(TrackedEvent.builder(EventType.PAGE_VIEW, EventSource.BROWSER).id("x".repeat(37))
            .occurredAt(NOW).shopper(ShopperIds.of("v-9", null, null, false)).build());
        List<TrackedEvent> c = events(1);
        Future<?> first = holdTheWriterWith(events(1));
        List<Future<?>> batch = submitAndAwaitQueued(List.of(b, poisoned, c));

        this.dataSource.release();
        first.get(10, TimeUnit.SECONDS);
        batch.get(0).get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> batch.get(1).get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(DataIntegrityViolationException.class);
        batch.get(2).get(10, TimeUnit.SECONDS);
        assertThat(stored(b)).isEqualTo(2);
        assertThat(stored(poisoned)).as("none of the refused caller's rows").isZero();
        assertThat(stored(c)).isEqualTo(1);
        assertThat(rows()).isEqualTo(4);
    }

    @Test
    void aFullQueueRefusesAtOnceAndWritesNothingOfTheRefusedCaller() throws Exception {
        this.outbox = outbox(GroupCommitOutbox.Options.defaults().withWriters(1).withMaxBatch(5).withQueueCapacity(5));
        Future<?> first = holdTheWriterWith(events(1));
        List<Future<?>> queued = submitAndAwaitQueued(List.of(events(3), events(2)));
        assertThat(this.outbox.queuedEvents()).isEqualTo(5);

        List<TrackedEvent> refused = events(1);
        long started = System.nanoTime();
        assertThatThrownBy(() -> this.outbox.append(refused)).isInstanceOf(TransientDataAccessResourceException.class)
            .hasMessageContaining("queue is full");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no waiting for room")
            .isLessThan(Duration.ofSeconds(1));
        assertThat(this.outbox.refused()).isEqualTo(1);

        this.dataSource.release();
        first.get(10, TimeUnit.SECONDS);
        for (Future<?> caller : queued) {
            caller.get(10, TimeUnit.SECONDS);
        }
        assertThat(rows()).isEqualTo(6);
        assertThat(stored(refused)).isZero();
    }

    @Test
    void aCallerWaitsAtMostTheMaximumAndWhatWasStillQueuedIsNeverWritten() throws Exception {
        this.outbox = outbox(GroupCommitOutbox.Options.defaults().withWriters(1).withMaxWait(Duration.ofMillis(300)));
        List<TrackedEvent> inFlight = events(1);
        Future<?> first = holdTheWriterWith(inFlight);
        List<TrackedEvent> queued = events(2);
        long started = System.nanoTime();
        assertThatThrownBy(() -> this.outbox.append(queued)).isInstanceOf(QueryTimeoutException.class)
            .hasMessageContaining("not recorded");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(QueryTimeoutException.class)
            .hasMessageContaining("may or may not be recorded");
        assertThat(this.outbox.queuedEvents()).isZero();

        this.dataSource.release();
        awaitRows(1);
        assertThat(stored(inFlight)).as("the batch in flight still commits").isEqualTo(1);
        assertThat(stored(queued)).as("withdrawn before a writer took it").isZero();
        assertThat(this.outbox.timedOut()).isEqualTo(2);
    }

    @Test
    void closingCommitsWhatIsQueuedThenWritesDirectly() throws Exception {
        this.outbox = outbox(GroupCommitOutbox.Options.defaults().withWriters(1));
        Future<?> first = holdTheWriterWith(events(1));
        List<Future<?>> queued = submitAndAwaitQueued(List.of(events(2), events(3)));
        Thread closing = new Thread(this.outbox::close);
        closing.start();
        closing.join(300);
        assertThat(closing.isAlive()).as("close waits for the queue to be committed").isTrue();

        this.dataSource.release();
        closing.join(10_000);
        assertThat(closing.isAlive()).isFalse();
        first.get(1, TimeUnit.SECONDS);
        for (Future<?> caller : queued) {
            caller.get(1, TimeUnit.SECONDS);
        }
        assertThat(rows()).isEqualTo(6);
        assertThat(writerThreads()).isEmpty();

        List<TrackedEvent> late = events(2);
        this.outbox.append(late);
        assertThat(stored(late)).isEqualTo(2);
        assertThat(writerThreads()).isEmpty();
    }

    @Test
    void insideATransactionItJoinsItAndTheStoresCapturePathIsUnchanged() throws SQLException {
        this.outbox = outbox(GroupCommitOutbox.Options.defaults());
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
        tx.executeWithoutResult((status) -> {
            this.outbox.append(events(3));
            status.setRollbackOnly();
        });
        assertThat(rows()).isZero();
        tx.executeWithoutResult((status) -> this.outbox.append(events(2)));
        assertThat(rows()).isEqualTo(2);
        try (Connection store = this.dataSource.getConnection()) {
            store.setAutoCommit(false);
            this.outbox.append(store, events(2));
            store.rollback();
        }
        assertThat(rows()).isEqualTo(2);
        assertThat(this.outbox.commits()).as("none of these went through the queue").isZero();
        assertThat(writerThreads()).as("writers start with the first grouped append").isEmpty();
    }

    @Test
    void theCommitListenerHearsOfAGroupCommitOnceItsRowsAreVisible() {
        this.outbox = outbox(GroupCommitOutbox.Options.defaults());
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        this.outbox.addCommitListener(() -> seen.add(rows()));
        this.outbox.append(events(3));
        assertThat(seen).containsExactly(3);
    }

    private GroupCommitOutbox outbox(GroupCommitOutbox.Options options) {
        return new GroupCommitOutbox(this.dataSource, new MutableClock(NOW), options);
    }

    /** An append whose batch a writer has taken and is stuck on, waiting for a connection. */
    private Future<?> holdTheWriterWith(List<TrackedEvent> events) throws InterruptedException {
        this.dataSource.hold();
        Future<?> caller = this.callers.submit(() -> this.outbox.append(events));
        this.dataSource.awaitWaiter();
        return caller;
    }

    /** Appends, each from a thread of its own, in this order, returning once all are queued. */
    private List<Future<?>> submitAndAwaitQueued(List<List<TrackedEvent>> appends) throws InterruptedException {
        List<Future<?>> futures = new ArrayList<>();
        int expected = this.outbox.queuedEvents();
        for (List<TrackedEvent> events : appends) {
            futures.add(this.callers.submit((Callable<Void>) () -> {
                this.outbox.append(events);
                return null;
            }));
            expected += events.size();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (this.outbox.queuedEvents() < expected && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertThat(this.outbox.queuedEvents()).isEqualTo(expected);
        }
        return futures;
    }

    private void awaitRows(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (rows() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private int rows() {
        return this.otherConnection.queryForObject("SELECT COUNT(*) FROM rmk_outbox", Integer.class);
    }

    private int stored(List<TrackedEvent> events) {
        List<String> ids = events.stream().map(TrackedEvent::id).collect(Collectors.toList());
        return new NamedParameterJdbcTemplate(this.otherConnection).queryForObject(
                "SELECT COUNT(*) FROM rmk_outbox WHERE event_id IN (:ids)", Collections.singletonMap("ids", ids),
                Integer.class);
    }

    private static List<String> writerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter((thread) -> thread.getName().startsWith(GroupCommitOutbox.THREAD_NAME) && thread.isAlive())
            .map(Thread::getName)
            .collect(Collectors.toList());
    }

    /** Browser-like events of one visitor, each with an id of its own. */
    private List<TrackedEvent> events(int count) {
        String visitor = "v-" + this.sequence.incrementAndGet();
        return IntStream.range(0, count)
            .mapToObj((i) -> TrackedEvent.builder(EventType.PAGE_VIEW, EventSource.BROWSER)
                .occurredAt(NOW.plusMillis(i))
                .shopper(ShopperIds.of(visitor, null, null, false))
                .property("url", "https://shop.example/p/" + i)
                .build())
            .collect(Collectors.toList());
    }

}
