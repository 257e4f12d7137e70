package org.remarketing.core.tracking;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@link JdbcOutbox} with <em>group commit</em> for appends made outside any transaction (the
 * browser events endpoint): concurrent callers hand their events (already serialised) to a
 * bounded in-memory queue; a writer thread ({@value #THREAD_NAME}-1) takes whatever is queued, up
 * to {@linkplain Options#maxBatch() a batch} of rows, inserts it as one JDBC batch, commits it once
 * and releases the callers; what arrives meanwhile makes up its next batch. One durable commit then
 * serves many requests instead of one. Further writers join only while a full batch or more waits.
 *
 * <p>What a caller is promised does not change: {@link #append(List)} returns only once its rows
 * are committed, and throws otherwise (nothing acknowledged is lost). A caller's events are never
 * split across batches, and a batch is one transaction, so its rows are all written or none. When
 * the database refuses a batch because of what one caller sent (a constraint or a value it cannot
 * store), each caller's rows are retried in a transaction of their own, so that only that caller
 * fails; any other failure (database down, commit failed) fails exactly the callers of that batch.
 *
 * <p><b>Bounded</b>: at most {@linkplain Options#queueCapacity() queue capacity} events wait; a
 * caller that does not fit is refused at once ({@link TransientDataAccessResourceException}). A
 * caller waits at most {@linkplain Options#maxWait() max wait}: still queued by then, its events
 * are taken out of the queue (never written) and it gets a {@link QueryTimeoutException}; already
 * in a writer's batch, it gets the same exception, and its events may still be committed (they
 * are then delivered as usual: the event id keeps a retry from being applied twice).
 *
 * <p>Unchanged: {@link #append(java.sql.Connection, List)} (the store's capture, in the store's
 * transaction), and {@link #append(List)} inside a Spring-managed transaction, which joins it.
 * Writers start with the first grouped append; {@link #close()} lets them commit what is queued,
 * then stops them, and later appends are written directly. Commit listeners hear of every group
 * commit.
 */
public class GroupCommitOutbox extends JdbcOutbox implements AutoCloseable {

    public static final String THREAD_NAME = "remarketing-outbox-writer";

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger logger = LoggerFactory.getLogger(GroupCommitOutbox.class);

    private final Options options;

    private final ReentrantLock lock = new ReentrantLock();

    /** The first writer's: something is queued. */
    private final Condition queued = this.lock.newCondition();

    /** The other writers': a full batch or more is queued, more than the first writer takes at once. */
    private final Condition backlog = this.lock.newCondition();

    private final ArrayDeque<Request> queue = new ArrayDeque<>();

    private final List<Thread> writers = new ArrayList<>();

    private int queuedEvents;

    private boolean closed;

    private final AtomicLong commits = new AtomicLong();

    private final AtomicLong committedEvents = new AtomicLong();

    private final AtomicLong refused = new AtomicLong();

    private final AtomicLong timedOut = new AtomicLong();

    public GroupCommitOutbox(DataSource dataSource, Clock clock, Options options) {
        super(dataSource, clock);
        this.options = options;
    }

    /**
     * Returns once the events are committed, in a group commit shared with concurrent callers; in
     * a Spring-managed transaction, joins it instead (as {@link JdbcOutbox} does).
     * @throws TransientDataAccessResourceException when the queue is full (nothing written)
     * @throws QueryTimeoutException when the commit did not happen within the maximum wait
     * @throws org.springframework.dao.DataAccessException what the database threw for the batch
     */
    @Override
    public void append(List<TrackedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()
                || TransactionSynchronizationManager.hasResource(dataSource())) {
            super.append(events);
            return;
        }
        // serialised here, on the callers' threads, not on the writer's
        Request request = new Request(Row.of(events), System.nanoTime() + this.options.maxWait().toNanos());
        boolean enqueued = false;
        this.lock.lock();
        try {
            if (!this.closed) {
                if (this.queuedEvents > 0 && this.queuedEvents + events.size() > this.options.queueCapacity()) {
                    this.refused.incrementAndGet();
                    throw new TransientDataAccessResourceException("The remarketing outbox's write queue is full ("
                            + this.queuedEvents + " events waiting): " + events.size() + " event(s) not recorded");
                }
                startWriters();
                this.queue.addLast(request);
                this.queuedEvents += events.size();
                signalWriters();
                enqueued = true;
            }
        }
        finally {
            this.lock.unlock();
        }
        if (enqueued) {
            await(request);
        }
        else {
            // closed: no writers any more
            appendCommitted(request.rows);
        }
    }

    private void await(Request request) {
        boolean interrupted = false;
        try {
            request.done.await(request.deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            interrupted = true;
        }
        boolean withdrawn = false;
        if (request.done.getCount() > 0) {
            this.lock.lock();
            try {
                withdrawn = this.queue.removeFirstOccurrence(request);
                if (withdrawn) {
                    this.queuedEvents -= request.rows.size();
                }
            }
            finally {
                this.lock.unlock();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        // not withdrawn: a writer has it, and may have finished just now
        if (withdrawn || request.done.getCount() > 0) {
            this.timedOut.incrementAndGet();
            String waited = (interrupted ? "interrupted before" : "waited " + this.options.maxWait() + " for")
                    + " the outbox";
            throw new QueryTimeoutException(withdrawn
                    ? "Remarketing events not recorded: " + waited + "'s writer to take them"
                    : "Remarketing events may or may not be recorded: " + waited + "'s commit");
        }
        if (request.failure != null) {
            throw request.failure;
        }
    }

    private void startWriters() {
        if (!this.writers.isEmpty()) {
            return;
        }
        for (int i = 1; i <= this.options.writers(); i++) {
            boolean first = i == 1;
            Thread writer = new Thread(() -> write(first), THREAD_NAME + "-" + i);
            writer.setDaemon(true);
            this.writers.add(writer);
            writer.start();
        }
        logger.debug("Outbox group commit started with {} writer(s)", this.options.writers());
    }

    /** Under the lock: wakes the first writer for anything queued, the others for a backlog. */
    private void signalWriters() {
        if (!this.queue.isEmpty()) {
            this.queued.signal();
        }
        if (this.queuedEvents >= this.options.maxBatch()) {
            this.backlog.signal();
        }
    }

    private void write(boolean first) {
        List<Request> batch;
        while ((batch = take(first)) != null) {
            commit(batch);
        }
    }

    /**
     * The oldest queued requests, up to a batch of rows (at least one request); null once closed and
     * empty. The first writer takes whatever is queued as soon as it is free, so requests arriving
     * while it commits make up its next batch. The others take only a full batch: waking them for
     * less would split the batches into small commits.
     */
    private List<Request> take(boolean first) {
        this.lock.lock();
        try {
            while (first ? this.queue.isEmpty() : this.queuedEvents < this.options.maxBatch()) {
                if (this.closed) {
                    if (this.queue.isEmpty()) {
                        return null;
                    }
                    // closing: everyone commits what is left
                    break;
                }
                try {
                    (first ? this.queued : this.backlog).await();
                }
                catch (InterruptedException ex) {
                    // only close() interrupts, once its time is up
                    return null;
                }
            }
            List<Request> batch = new ArrayList<>();
            int rows = 0;
            Request next;
            while ((next = this.queue.peekFirst()) != null
                    && (batch.isEmpty() || rows + next.rows.size() <= this.options.maxBatch())) {
                this.queue.pollFirst();
                batch.add(next);
                rows += next.rows.size();
            }
            this.queuedEvents -= rows;
            signalWriters();
            return batch;
        }
        finally {
            this.lock.unlock();
        }
    }

    private void commit(List<Request> batch) {
        List<Row> rows;
        if (batch.size() == 1) {
            rows = batch.get(0).rows;
        }
        else {
            rows = new ArrayList<>();
            for (Request request : batch) {
                rows.addAll(request.rows);
            }
        }
        try {
            appendCommitted(rows);
            committed(rows.size());
            batch.forEach((request) -> request.finish(null));
        }
        catch (DataIntegrityViolationException ex) {
            if (batch.size() == 1) {
                batch.get(0).finish(ex);
                return;
            }
            // Something one caller sent: each caller on its own, so that it fails no one else.
            logger.debug("Outbox group commit of {} requests refused ({}); committing them one by one", batch.size(),
                    ex.getClass().getSimpleName());
            for (Request request : batch) {
                try {
                    appendCommitted(request.rows);
                    committed(request.rows.size());
                    request.finish(null);
                }
                catch (RuntimeException | Error one) {
                    request.finish(failure(one));
                }
            }
        }
        catch (RuntimeException | Error ex) {
            logger.debug("Outbox group commit of {} events failed: {}", rows.size(), ex.toString());
            RuntimeException failure = failure(ex);
            batch.forEach((request) -> request.finish(failure));
        }
    }

    private void committed(int events) {
        this.commits.incrementAndGet();
        this.committedEvents.addAndGet(events);
    }

    private static RuntimeException failure(Throwable ex) {
        return (ex instanceof RuntimeException) ? (RuntimeException) ex
                : new IllegalStateException("Remarketing outbox writer failed", ex);
    }

    /**
     * Stops taking new work into the queue, lets the writers commit what is queued, and stops
     * them (waiting 30 s at most). Appends after this are written directly.
     */
    @Override
    public void close() {
        List<Thread> running;
        this.lock.lock();
        try {
            this.closed = true;
            this.queued.signalAll();
            this.backlog.signalAll();
            running = new ArrayList<>(this.writers);
        }
        finally {
            this.lock.unlock();
        }
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        try {
            for (Thread writer : running) {
                writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (writer.isAlive()) {
                    logger.warn("Remarketing outbox writer {} did not finish within {}; its callers time out",
                            writer.getName(), STOP_TIMEOUT);
                    writer.interrupt();
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Events waiting in the queue now. */
    public int queuedEvents() {
        this.lock.lock();
        try {
            return this.queuedEvents;
        }
        finally {
            this.lock.unlock();
        }
    }

    /** Group commits made (a retried caller's own commit counts as one). */
    public long commits() {
        return this.commits.get();
    }

    /** Events committed through the queue. */
    public long committedEvents() {
        return this.committedEvents.get();
    }

    /** Appends refused because the queue was full. */
    public long refused() {
        return this.refused.get();
    }

    /** Appends that gave up after the maximum wait. */
    public long timedOut() {
        return this.timedOut.get();
    }

    public Options options() {
        return this.options;
    }

    private static final class Request {

        final List<Row> rows;

        final long deadline;

        final CountDownLatch done = new CountDownLatch(1);

        volatile RuntimeException failure;

        Request(List<Row> rows, long deadline) {
            this.rows = rows;
            this.deadline = deadline;
        }

        void finish(RuntimeException failure) {
            this.failure = failure;
            this.done.countDown();
        }

    }

    /** How the group commit works; immutable, {@code with…} returns a copy. */
    public static final class Options {

        public static final int DEFAULT_WRITERS = 2;

        public static final int DEFAULT_MAX_BATCH = 500;

        public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

        public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(5);

        private final int writers;

        private final int maxBatch;

        private final int queueCapacity;

        private final Duration maxWait;

        private Options(int writers, int maxBatch, int queueCapacity, Duration maxWait) {
            atLeast(writers, 1, "writers");
            atLeast(maxBatch, 1, "max-batch");
            atLeast(queueCapacity, maxBatch, "queue-capacity");
            if (maxWait == null || maxWait.isZero() || maxWait.isNegative()) {
                throw new IllegalArgumentException(
                        "remarketing.tracking.group-commit.max-wait must be a positive duration, such as 5s");
            }
            this.writers = writers;
            this.maxBatch = maxBatch;
            this.queueCapacity = queueCapacity;
            this.maxWait = maxWait;
        }

        private static void atLeast(int value, int min, String name) {
            if (value < min) {
                throw new IllegalArgumentException("remarketing.tracking.group-commit." + name + " must be at least "
                        + min + ((min > 1) ? " (max-batch)" : "") + ", not " + value);
            }
        }

        public static Options defaults() {
            return new Options(DEFAULT_WRITERS, DEFAULT_MAX_BATCH, DEFAULT_QUEUE_CAPACITY, DEFAULT_MAX_WAIT);
        }

        /**
         * Threads committing batches side by side (each holds a connection while it commits). The
         * first takes whatever is queued; the others join only while a full batch or more waits.
         */
        public Options withWriters(int writers) {
            return new Options(writers, this.maxBatch, this.queueCapacity, this.maxWait);
        }

        /** Most rows in one commit; a caller's events are never split, so one caller may exceed it alone. */
        public Options withMaxBatch(int maxBatch) {
            return new Options(this.writers, maxBatch, this.queueCapacity, this.maxWait);
        }

        /** Most events waiting at once; at least the batch. */
        public Options withQueueCapacity(int queueCapacity) {
            return new Options(this.writers, this.maxBatch, queueCapacity, this.maxWait);
        }

        /** Longest a caller waits for its commit. */
        public Options withMaxWait(Duration maxWait) {
            return new Options(this.writers, this.maxBatch, this.queueCapacity, maxWait);
        }

        public int writers() {
            return this.writers;
        }

        public int maxBatch() {
            return this.maxBatch;
        }

        public int queueCapacity() {
            return this.queueCapacity;
        }

        public Duration maxWait() {
            return this.maxWait;
        }

    }

}
