package org.remarketing.samplestore.capture;

import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.remarketing.core.tracking.JdbcOutbox;
import org.remarketing.core.tracking.Outbox;
import org.remarketing.core.tracking.TrackedEvent;
import org.remarketing.core.tracking.TrackedEventJson;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The plugin's real outbox ({@code rmk_outbox}, written on the connection it is given, so a row
 * exists only if the store's transaction committed), with a switch to make it fail and a note of
 * every call. No relay drains it in these tests: {@link #committed()} reads back what the store
 * committed, decoded from the rows' JSON.
 */
final class RecordingOutbox implements Outbox {

    private final JdbcOutbox outbox;
    private final JdbcTemplate jdbc;
    private final List<TrackedEvent> appended = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    RecordingOutbox(DataSource dataSource) {
        this.outbox = new JdbcOutbox(dataSource, Clock.systemUTC());
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public void append(Connection connection, List<TrackedEvent> events) {
        if (failing) {
            throw new IllegalStateException("outbox down");
        }
        outbox.append(connection, events);
        appended.addAll(events);
    }

    @Override
    public void append(List<TrackedEvent> events) {
        outbox.append(events);
        appended.addAll(events);
    }

    /** The events in rmk_outbox, in the order they were written. */
    List<TrackedEvent> committed() {
        return jdbc.queryForList("SELECT payload FROM rmk_outbox ORDER BY id", String.class).stream()
                .map(TrackedEventJson::fromJson).collect(Collectors.toList());
    }

    /** Every event handed to the outbox, committed or not. */
    List<TrackedEvent> appended() {
        return List.copyOf(appended);
    }
}
