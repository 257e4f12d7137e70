package org.remarketing.core.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@link Outbox} in the store's database ({@code rmk_outbox}). On the store's request path
 * (add to cart, checkout): one JDBC batch per call, no network, no reading back.
 *
 * <p>Times are stored as UTC wall-clock values ({@link LocalDateTime} in UTC), whatever the JVM's
 * or the database session's time zone, so that store nodes in different zones agree on leases.
 */
public class JdbcOutbox implements Outbox {

    static final String INSERT = "INSERT INTO rmk_outbox (event_id, partition_key, event_type, occurred_at, payload,"
            + " created_at, attempts) VALUES (?, ?, ?, ?, ?, ?, 0)";

    static final int MAX_PARTITION_KEY = 200;

    private final DataSource dataSource;

    private final Clock clock;

    private final SQLExceptionTranslator exceptionTranslator = new SQLStateSQLExceptionTranslator();

    private final List<Runnable> commitListeners = new CopyOnWriteArrayList<>();

    public JdbcOutbox(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Called once events this node appended are known to be committed (a relay wakes up on it).
     * Without that knowledge (a bare connection in a transaction Spring does not manage) it is
     * not called, and the relay finds the events at its next poll.
     */
    public void addCommitListener(Runnable listener) {
        this.commitListeners.add(listener);
    }

    @Override
    public void append(Connection connection, List<TrackedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        insert(connection, Row.of(events));
        boolean autoCommit;
        try {
            autoCommit = connection.getAutoCommit();
        }
        catch (SQLException ex) {
            autoCommit = false;
        }
        signalAfterCommit(autoCommit);
    }

    @Override
    public void append(List<TrackedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(this.dataSource);
        try {
            boolean ownCommit = !DataSourceUtils.isConnectionTransactional(connection, this.dataSource)
                    && events.size() > 1 && connection.getAutoCommit();
            if (ownCommit) {
                // All or nothing, with one commit instead of one per row.
                insertAndCommit(connection, Row.of(events));
                signalAfterCommit(true);
            }
            else {
                insert(connection, Row.of(events));
                signalAfterCommit(connection.getAutoCommit());
            }
        }
        catch (SQLException ex) {
            throw this.exceptionTranslator.translate("Appending to the remarketing outbox", INSERT, ex);
        }
        finally {
            DataSourceUtils.releaseConnection(connection, this.dataSource);
        }
    }

    /**
     * Appends rows in a transaction of their own, on a connection of their own whatever the
     * calling thread's transaction, and commits them: all the rows or none. Commit listeners hear
     * of it. What {@link GroupCommitOutbox}'s writers call with the rows of many requests.
     */
    void appendCommitted(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection connection = this.dataSource.getConnection()) {
            insertAndCommit(connection, rows);
        }
        catch (SQLException ex) {
            throw this.exceptionTranslator.translate("Appending to the remarketing outbox", INSERT, ex);
        }
        notifyListeners();
    }

    DataSource dataSource() {
        return this.dataSource;
    }

    /** Inserts and commits on a connection in auto-commit mode (or not), leaving the mode as it found it. */
    private void insertAndCommit(Connection connection, List<Row> rows) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            insert(connection, rows);
            connection.commit();
        }
        catch (RuntimeException | SQLException ex) {
            try {
                connection.rollback();
            }
            catch (SQLException rollback) {
                ex.addSuppressed(rollback);
            }
            throw ex;
        }
        finally {
            if (autoCommit) {
                try {
                    connection.setAutoCommit(true);
                }
                catch (SQLException ex) {
                    // A broken connection, which the pool discards: the outcome above stands (committed or thrown).
                }
            }
        }
    }

    private void insert(Connection connection, List<Row> rows) {
        LocalDateTime createdAt = utc(this.clock.instant());
        int size = rows.size();
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int i = 0; i < size; i++) {
                Row row = rows.get(i);
                insert.setString(1, row.eventId);
                insert.setString(2, row.partitionKey);
                insert.setString(3, row.eventType);
                insert.setObject(4, row.occurredAt);
                insert.setString(5, row.payload);
                insert.setObject(6, createdAt);
                if (size > 1) {
                    insert.addBatch();
                }
            }
            if (size > 1) {
                insert.executeBatch();
            }
            else {
                insert.executeUpdate();
            }
        }
        catch (SQLException ex) {
            throw this.exceptionTranslator.translate("Appending to the remarketing outbox", INSERT, ex);
        }
    }

    private void signalAfterCommit(boolean committed) {
        if (this.commitListeners.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // The store's (or the caller's) Spring transaction: wake the relay once it commits.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    notifyListeners();
                }
            });
        }
        else if (committed) {
            notifyListeners();
        }
    }

    private void notifyListeners() {
        for (Runnable listener : this.commitListeners) {
            listener.run();
        }
    }

    private static String partitionKey(TrackedEvent event) {
        String key = event.shopper().partitionKey();
        return key.length() <= MAX_PARTITION_KEY ? key : key.substring(0, MAX_PARTITION_KEY);
    }

    /** An event as the columns of its row, serialised by whoever builds it (a request thread, not a writer). */
    static final class Row {

        final String eventId;

        final String partitionKey;

        final String eventType;

        final LocalDateTime occurredAt;

        final String payload;

        private Row(TrackedEvent event) {
            this.eventId = event.id();
            this.partitionKey = partitionKey(event);
            this.eventType = event.type().wireName();
            this.occurredAt = utc(event.occurredAt());
            this.payload = TrackedEventJson.toJson(event);
        }

        static List<Row> of(List<TrackedEvent> events) {
            List<Row> rows = new ArrayList<>(events.size());
            for (TrackedEvent event : events) {
                rows.add(new Row(event));
            }
            return rows;
        }

    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

}
