package org.remarketing.samplestore.capture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.remarketing.core.tracking.Outbox;
import org.remarketing.core.tracking.TrackedEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * A stand-in outbox for the capture tests: writes each event's id on the connection it is given
 * (so a row exists only if the store's transaction committed) and keeps the event objects in
 * memory. {@link #committed()} is what a real outbox would hold.
 */
final class RecordingOutbox implements Outbox {

    private final List<TrackedEvent> appended = new CopyOnWriteArrayList<>();
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    volatile boolean failing;

    RecordingOutbox(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE IF NOT EXISTS CAPTURE_TEST_OUTBOX (SEQ BIGINT AUTO_INCREMENT PRIMARY KEY,"
                + " EVENT_ID VARCHAR(36) NOT NULL, TYPE VARCHAR(40) NOT NULL)");
    }

    @Override
    public void append(Connection connection, List<TrackedEvent> events) {
        if (failing) {
            throw new IllegalStateException("outbox down");
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO CAPTURE_TEST_OUTBOX (EVENT_ID, TYPE) VALUES (?, ?)")) {
            for (TrackedEvent event : events) {
                insert.setString(1, event.id());
                insert.setString(2, event.type().wireName());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
        appended.addAll(events);
    }

    @Override
    public void append(List<TrackedEvent> events) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            append(connection, events);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** The events whose rows were committed, in the order they were written. */
    List<TrackedEvent> committed() {
        Set<String> ids = jdbc.queryForList("SELECT EVENT_ID FROM CAPTURE_TEST_OUTBOX ORDER BY SEQ", String.class)
                .stream().collect(Collectors.toSet());
        return appended.stream().filter(e -> ids.contains(e.id())).collect(Collectors.toList());
    }

    /** Events written (committed or not): rolled back ones show here but not in {@link #committed()}. */
    List<TrackedEvent> appended() {
        return List.copyOf(appended);
    }
}
