package org.remarketing.core.tracking;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.remarketing.core.schema.DatabaseVendor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Moves events from {@code rmk_outbox} to the {@link EventTransport}, oldest first, and deletes
 * them once the transport returns: at-least-once delivery, made exactly-once by the idempotent
 * {@link EventProcessor}.
 *
 * <p><b>Cluster-safe</b>: several store nodes share the database. A node claims a batch with one
 * UPDATE that stamps free rows (never claimed, or whose lease ran out) with a claim token unique to
 * this claim and a lease, then reads back the rows carrying its token. Two nodes never hold the
 * same row at once; a row is sent twice only if a node outlived its lease (the processor then
 * skips it by event id). PostgreSQL claims with {@code FOR UPDATE SKIP LOCKED}; MySQL/MariaDB with
 * {@code UPDATE … ORDER BY id LIMIT n} at READ COMMITTED (no gap locks that would hold up the
 * store's inserts); H2 with an {@code IN (SELECT … LIMIT n)}.
 *
 * <p><b>Failures</b>: a failed batch goes back with its rows' {@code attempts} increased and each
 * row held back for an exponential delay. Rows that failed before are then sent one by one, so a
 * single bad event (a "poison" row) cannot keep holding up the others. After
 * {@linkplain Options#maxAttempts() max attempts}, or at once when its payload cannot be read, a row
 * is <em>quarantined</em>: kept in the table ({@code claimed_by = 'quarantined'}, lease far ahead),
 * counted in the {@linkplain #metrics() metrics}, logged by event id (never its payload), and put
 * back by {@link #requeueQuarantined()}. Nothing is deleted that was not delivered.
 *
 * <p><b>Thread</b>: {@link #start()} runs one daemon thread, {@value #THREAD_NAME}, that relays as
 * long as there is backlog, then waits for {@link #wake()} (the outbox calls it after a commit on
 * this node) or the poll interval (events committed by other nodes, or on connections whose commit
 * the plugin cannot see). {@link #stop()} lets the batch in flight finish.
 */
public class OutboxRelay {

    public static final String THREAD_NAME = "remarketing-outbox-relay";

    /** {@code claimed_by} of rows set aside after too many failures. */
    public static final String QUARANTINED = "quarantined";

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /** How long the relay gathers further commits after a wake-up before it claims them. */
    static final Duration COALESCE = Duration.ofMillis(500);

    private static final LocalDateTime FAR_FUTURE = LocalDateTime.of(9999, 1, 1, 0, 0);

    private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

    private final DataSource dataSource;

    private final JdbcTemplate jdbc;

    private final EventTransport transport;

    private final Options options;

    private final String claimExpiredSql;

    private final String claimFreshSql;

    private final boolean readCommittedClaim;

    private final DatabaseVendor vendor;

    private final AtomicLong claimSequence = new AtomicLong();

    private final AtomicLong delivered = new AtomicLong();

    private final Object monitor = new Object();

    private boolean wakeRequested;

    private volatile boolean running;

    private volatile Thread thread;

    private volatile Instant lastRelayAt;

    public OutboxRelay(DataSource dataSource, DatabaseVendor vendor, EventTransport transport, Options options) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transport = transport;
        this.options = options;
        this.claimExpiredSql = claimSql(vendor, "claimed_until < ?");
        this.claimFreshSql = claimSql(vendor, "claimed_until IS NULL");
        this.readCommittedClaim = vendor == DatabaseVendor.MYSQL;
        this.vendor = vendor;
    }

    /**
     * One claim statement for rows matching {@code free}. Claims are made in two statements, each
     * walking the index on {@code (claimed_until, id)} in id order: first rows whose lease ran out
     * or whose retry time came ({@code claimed_until < now}: few, the rows in flight or held
     * back), then never-claimed rows ({@code claimed_until IS NULL}) to fill the batch. As one
     * statement with {@code IS NULL OR < now}, the database read both ranges and sorted them: over
     * a backlog of 350k rows MariaDB sorted all of them for every batch.
     */
    static String claimSql(DatabaseVendor vendor, String free) {
        String set = "UPDATE rmk_outbox SET claimed_by = ?, claimed_until = ? WHERE ";
        switch (vendor) {
            case MYSQL:
                // MySQL forbids a subquery on the updated table; UPDATE … ORDER BY … LIMIT does it in one go.
                return set + free + " ORDER BY id LIMIT ?";
            case POSTGRESQL:
                // A CTE that locks runs exactly once; as an IN (subquery) the planner may run it again per row
                // and claim more than the limit.
                return "WITH picked AS (SELECT id FROM rmk_outbox WHERE " + free
                        + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED) UPDATE rmk_outbox SET claimed_by = ?,"
                        + " claimed_until = ? WHERE id IN (SELECT id FROM picked)";
            default:
                // Re-checking "free" outside the subquery: a row claimed meanwhile by another node is skipped.
                return set + free + " AND id IN (SELECT id FROM rmk_outbox WHERE " + free + " ORDER BY id LIMIT ?)";
        }
    }

    /** Starts the relay thread; does nothing if it runs already. */
    public synchronized void start() {
        if (this.running) {
            return;
        }
        this.running = true;
        Thread relay = new Thread(this::run, THREAD_NAME);
        relay.setDaemon(true);
        this.thread = relay;
        relay.start();
        logger.debug("Outbox relay {} started on {} transport", this.options.nodeId(), this.transport.name());
    }

    /**
     * Stops the relay thread after the batch in flight (if any) is handed over and deleted. Waits
     * at most the lease (30 s at most): after that, another node or the next start takes the batch
     * over when the lease ends.
     */
    public synchronized void stop() {
        Thread relay = this.thread;
        if (!this.running || relay == null) {
            return;
        }
        this.running = false;
        wake();
        try {
            relay.join(Math.min(this.options.lease().toMillis(), STOP_TIMEOUT.toMillis()));
            if (relay.isAlive()) {
                logger.warn("Outbox relay did not finish its batch within {}; another node (or the next start)"
                        + " will take it over when the lease ends", this.options.lease());
                relay.interrupt();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        this.thread = null;
    }

    public boolean isRunning() {
        return this.running;
    }

    /** Makes the relay thread look for work now, instead of at the next poll. */
    public void wake() {
        synchronized (this.monitor) {
            this.wakeRequested = true;
            this.monitor.notifyAll();
        }
    }

    /**
     * Relays one batch: claims up to {@linkplain Options#batchSize() batch size} free rows, hands
     * them to the transport and deletes them.
     * @return the number of events handed over
     * @throws RuntimeException what the transport threw (the rows are back in the outbox, held back
     *     for a while) or what the database threw
     */
    public int drainOnce() {
        return relayBatch().delivered;
    }

    private Batch relayBatch() {
        String token = this.options.nodeId() + "#" + this.claimSequence.incrementAndGet();
        List<Row> claimed = claim(token);
        if (claimed.isEmpty()) {
            return Batch.EMPTY;
        }
        List<Row> readable = new ArrayList<>(claimed.size());
        for (Row row : claimed) {
            try {
                row.event = TrackedEventJson.fromJson(row.payload);
                readable.add(row);
            }
            catch (IllegalArgumentException ex) {
                quarantine(row, token, ex.getMessage());
            }
        }
        if (readable.isEmpty()) {
            return new Batch(claimed.size(), 0);
        }
        boolean suspect = readable.stream().anyMatch((row) -> row.attempts > 0);
        if (!suspect) {
            List<TrackedEvent> events = readable.stream().map((row) -> row.event).collect(Collectors.toList());
            try {
                this.transport.send(events);
            }
            catch (RuntimeException ex) {
                failed(readable, token);
                throw ex;
            }
            delivered(readable);
            return new Batch(claimed.size(), readable.size());
        }
        // Some of these failed before: one at a time, so that a bad one holds up nothing but itself.
        int sent = 0;
        for (Row row : readable) {
            try {
                this.transport.send(Collections.singletonList(row.event));
            }
            catch (RuntimeException ex) {
                failed(Collections.singletonList(row), token);
                release(token);
                throw ex;
            }
            delivered(Collections.singletonList(row));
            sent++;
        }
        return new Batch(claimed.size(), sent);
    }

    private List<Row> claim(String token) {
        LocalDateTime now = utc(this.options.clock().instant());
        LocalDateTime until = now.plus(this.options.lease());
        int batchSize = this.options.batchSize();
        int claimed = withClaimConnection((jdbc) -> {
            int rows = jdbc.update(this.claimExpiredSql, claimArgs(token, until, now, batchSize));
            if (rows < batchSize) {
                rows += jdbc.update(this.claimFreshSql, claimArgs(token, until, null, batchSize - rows));
            }
            return rows;
        });
        if (claimed == 0) {
            return Collections.emptyList();
        }
        return this.jdbc.query("SELECT id, event_id, payload, attempts FROM rmk_outbox WHERE claimed_by = ? ORDER BY id",
                (rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)), token);
    }

    /** The claim statement's arguments in its vendor's order; {@code now} only for the expired-rows statement. */
    private Object[] claimArgs(String token, LocalDateTime until, LocalDateTime now, int limit) {
        List<Object> args = new ArrayList<>();
        if (this.vendor == DatabaseVendor.POSTGRESQL) {
            if (now != null) {
                args.add(now);
            }
            args.addAll(List.of(limit, token, until));
            return args.toArray();
        }
        args.add(token);
        args.add(until);
        if (now != null) {
            args.add(now);
            if (this.vendor != DatabaseVendor.MYSQL) {
                args.add(now); // "free" is checked again outside the subquery
            }
        }
        args.add(limit);
        return args.toArray();
    }

    private int withClaimConnection(Function<JdbcTemplate, Integer> work) {
        if (!this.readCommittedClaim) {
            return work.apply(this.jdbc);
        }
        Connection connection = DataSourceUtils.getConnection(this.dataSource);
        try {
            int previous = connection.getTransactionIsolation();
            boolean changed = previous != Connection.TRANSACTION_READ_COMMITTED;
            if (changed) {
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
            try {
                return work.apply(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
            }
            finally {
                if (changed) {
                    connection.setTransactionIsolation(previous);
                }
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not set READ COMMITTED for claiming outbox rows", ex);
        }
        finally {
            DataSourceUtils.releaseConnection(connection, this.dataSource);
        }
    }

    private void delivered(List<Row> rows) {
        StringBuilder sql = new StringBuilder("DELETE FROM rmk_outbox WHERE id IN (");
        Object[] ids = new Object[rows.size()];
        for (int i = 0; i < ids.length; i++) {
            sql.append(i == 0 ? "?" : ", ?");
            ids[i] = rows.get(i).id;
        }
        this.jdbc.update(sql.append(')').toString(), ids);
        this.delivered.addAndGet(rows.size());
        this.lastRelayAt = this.options.clock().instant();
    }

    private void failed(List<Row> rows, String token) {
        Instant now = this.options.clock().instant();
        List<Object[]> retries = new ArrayList<>(rows.size());
        List<String> quarantined = new ArrayList<>();
        for (Row row : rows) {
            int attempts = row.attempts + 1;
            if (attempts >= this.options.maxAttempts()) {
                retries.add(new Object[] { QUARANTINED, FAR_FUTURE, row.id, token });
                quarantined.add(row.eventId);
            }
            else {
                retries.add(new Object[] { null, utc(now.plus(this.options.backoff(attempts))), row.id, token });
            }
        }
        this.jdbc.batchUpdate("UPDATE rmk_outbox SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1"
                + " WHERE id = ? AND claimed_by = ?", retries);
        if (!quarantined.isEmpty()) {
            logger.warn("Remarketing quarantined {} outbox event(s) after {} failed attempts on the {} transport: {}."
                    + " They stay in rmk_outbox; requeue them once the cause is fixed.", quarantined.size(),
                    this.options.maxAttempts(), this.transport.name(), quarantined);
        }
    }

    private void quarantine(Row row, String token, String reason) {
        this.jdbc.update("UPDATE rmk_outbox SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1"
                + " WHERE id = ? AND claimed_by = ?", QUARANTINED, FAR_FUTURE, row.id, token);
        logger.warn("Remarketing quarantined outbox event {}: its payload cannot be read ({})", row.eventId, reason);
    }

    private void release(String token) {
        this.jdbc.update("UPDATE rmk_outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ?", token);
    }

    /**
     * Puts quarantined rows back in line, with their attempts reset.
     * @return how many
     */
    public int requeueQuarantined() {
        int requeued = this.jdbc.update("UPDATE rmk_outbox SET claimed_by = NULL, claimed_until = NULL, attempts = 0"
                + " WHERE claimed_by = ?", QUARANTINED);
        if (requeued > 0) {
            wake();
        }
        return requeued;
    }

    /** Reads the outbox's backlog now; the last relay time and the count delivered are this node's. */
    public Metrics metrics() {
        return this.jdbc.queryForObject("SELECT COUNT(*),"
                + " SUM(CASE WHEN claimed_by = ? THEN 1 ELSE 0 END),"
                + " MIN(CASE WHEN claimed_by IS NULL OR claimed_by <> ? THEN created_at END) FROM rmk_outbox",
                (rs, i) -> {
                    long total = rs.getLong(1);
                    long quarantined = rs.getLong(2);
                    LocalDateTime oldest = rs.getObject(3, LocalDateTime.class);
                    Duration age = null;
                    if (oldest != null) {
                        age = Duration.between(oldest.toInstant(ZoneOffset.UTC), this.options.clock().instant());
                        age = age.isNegative() ? Duration.ZERO : age;
                    }
                    return new Metrics(total - quarantined, quarantined, age, this.lastRelayAt, this.delivered.get());
                }, QUARANTINED, QUARANTINED);
    }

    private void run() {
        int failures = 0;
        while (this.running) {
            Batch batch;
            try {
                batch = relayBatch();
                failures = 0;
            }
            catch (RuntimeException ex) {
                failures++;
                Duration delay = this.options.backoff(failures);
                // The exception's class and message only: transports do not quote payloads, a stack might.
                logger.warn("Remarketing outbox relay failed on the {} transport ({}: {}); retrying in {}",
                        this.transport.name(), ex.getClass().getSimpleName(), ex.getMessage(), delay);
                pause(delay, false);
                continue;
            }
            catch (Error ex) {
                logger.error("Remarketing outbox relay stopped", ex);
                this.running = false;
                throw ex;
            }
            if (batch.claimed < this.options.batchSize()) {
                pause(this.options.pollInterval(), true);
            }
        }
        logger.debug("Outbox relay {} stopped", this.options.nodeId());
    }

    /**
     * Waits for the delay; if {@code wakeable}, a wake-up cuts the wait short to {@link #COALESCE}
     * more, so that the commits of a burst of store requests are relayed as one batch (one
     * transaction of the processor) rather than one each.
     */
    private void pause(Duration delay, boolean wakeable) {
        long deadline = System.nanoTime() + delay.toNanos();
        boolean woken = false;
        synchronized (this.monitor) {
            while (this.running) {
                if (wakeable && !woken && this.wakeRequested) {
                    woken = true;
                    deadline = Math.min(deadline, System.nanoTime() + COALESCE.toNanos());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this.monitor, left);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            this.wakeRequested = false;
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static final class Row {

        final long id;

        final String eventId;

        final String payload;

        final int attempts;

        TrackedEvent event;

        Row(long id, String eventId, String payload, int attempts) {
            this.id = id;
            this.eventId = eventId;
            this.payload = payload;
            this.attempts = attempts;
        }

    }

    private static final class Batch {

        static final Batch EMPTY = new Batch(0, 0);

        final int claimed;

        final int delivered;

        Batch(int claimed, int delivered) {
            this.claimed = claimed;
            this.delivered = delivered;
        }

    }

    /** The outbox's state for the status screen and health. */
    public static final class Metrics {

        private final long backlog;

        private final long quarantined;

        private final Duration oldestPendingAge;

        private final Instant lastRelayAt;

        private final long delivered;

        Metrics(long backlog, long quarantined, Duration oldestPendingAge, Instant lastRelayAt, long delivered) {
            this.backlog = backlog;
            this.quarantined = quarantined;
            this.oldestPendingAge = oldestPendingAge;
            this.lastRelayAt = lastRelayAt;
            this.delivered = delivered;
        }

        /** Rows waiting to be relayed (in flight included, quarantined not). */
        public long backlog() {
            return this.backlog;
        }

        public long quarantined() {
            return this.quarantined;
        }

        /** Age of the oldest waiting row, or null when none waits. */
        public Duration oldestPendingAge() {
            return this.oldestPendingAge;
        }

        /** When this node last handed a batch over, or null. */
        public Instant lastRelayAt() {
            return this.lastRelayAt;
        }

        /** Events this node handed over since it started. */
        public long delivered() {
            return this.delivered;
        }

    }

    /** How the relay works; immutable, {@code with…} returns a copy. */
    public static final class Options {

        public static final int DEFAULT_BATCH_SIZE = 500;

        public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(200);

        public static final Duration DEFAULT_LEASE = Duration.ofMinutes(1);

        public static final int DEFAULT_MAX_ATTEMPTS = 20;

        public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);

        public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofMinutes(5);

        private final int batchSize;

        private final Duration pollInterval;

        private final Duration lease;

        private final int maxAttempts;

        private final Duration retryDelay;

        private final Duration maxRetryDelay;

        private final Clock clock;

        private final String nodeId;

        private Options(int batchSize, Duration pollInterval, Duration lease, int maxAttempts, Duration retryDelay,
                Duration maxRetryDelay, Clock clock, String nodeId) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("remarketing.outbox.batch-size must be at least 1, not " + batchSize);
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("remarketing.outbox.max-attempts must be at least 1, not " + maxAttempts);
            }
            requirePositive(pollInterval, "remarketing.outbox.poll-interval");
            requirePositive(lease, "remarketing.outbox.lease");
            requirePositive(retryDelay, "retry delay");
            requirePositive(maxRetryDelay, "maximum retry delay");
            if (nodeId.length() > 40) {
                throw new IllegalArgumentException("An outbox relay node id has at most 40 characters");
            }
            this.batchSize = batchSize;
            this.pollInterval = pollInterval;
            this.lease = lease;
            this.maxAttempts = maxAttempts;
            this.retryDelay = retryDelay;
            this.maxRetryDelay = maxRetryDelay;
            this.clock = Objects.requireNonNull(clock, "clock");
            this.nodeId = nodeId;
        }

        private static void requirePositive(Duration duration, String name) {
            if (duration == null || duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException(name + " must be a positive duration, such as 200ms or 1m");
            }
        }

        public static Options defaults() {
            return new Options(DEFAULT_BATCH_SIZE, DEFAULT_POLL_INTERVAL, DEFAULT_LEASE, DEFAULT_MAX_ATTEMPTS,
                    DEFAULT_RETRY_DELAY, DEFAULT_MAX_RETRY_DELAY, Clock.systemUTC(), generatedNodeId());
        }

        static String generatedNodeId() {
            return "node-" + ProcessHandle.current().pid() + "-"
                    + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        }

        public Options withBatchSize(int batchSize) {
            return new Options(batchSize, pollInterval, lease, maxAttempts, retryDelay, maxRetryDelay, clock, nodeId);
        }

        public Options withPollInterval(Duration pollInterval) {
            return new Options(batchSize, pollInterval, lease, maxAttempts, retryDelay, maxRetryDelay, clock, nodeId);
        }

        public Options withLease(Duration lease) {
            return new Options(batchSize, pollInterval, lease, maxAttempts, retryDelay, maxRetryDelay, clock, nodeId);
        }

        public Options withMaxAttempts(int maxAttempts) {
            return new Options(batchSize, pollInterval, lease, maxAttempts, retryDelay, maxRetryDelay, clock, nodeId);
        }

        /** The first retry's delay; each further failure doubles it, up to {@code maxRetryDelay}. */
        public Options withRetryDelay(Duration retryDelay, Duration maxRetryDelay) {
            return new Options(batchSize, pollInterval, lease, maxAttempts, retryDelay, maxRetryDelay, clock, nodeId);
        }

        public Options withClock(Clock clock) {
            return new Options(batchSize, pollInterval, lease, maxAttempts, retryDelay, maxRetryDelay, clock, nodeId);
        }

        /** Names this node in claim tokens ({@code claimed_by}); unique per relay, at most 40 characters. */
        public Options withNodeId(String nodeId) {
            return new Options(batchSize, pollInterval, lease, maxAttempts, retryDelay, maxRetryDelay, clock, nodeId);
        }

        public int batchSize() {
            return this.batchSize;
        }

        public Duration pollInterval() {
            return this.pollInterval;
        }

        public Duration lease() {
            return this.lease;
        }

        public int maxAttempts() {
            return this.maxAttempts;
        }

        public Clock clock() {
            return this.clock;
        }

        public String nodeId() {
            return this.nodeId;
        }

        /** The delay after the n-th consecutive failure. */
        Duration backoff(int failures) {
            int doublings = Math.min(Math.max(failures - 1, 0), 30);
            Duration delay = this.retryDelay.multipliedBy(1L << doublings);
            return delay.compareTo(this.maxRetryDelay) > 0 ? this.maxRetryDelay : delay;
        }

    }

}
