package org.remarketing.samplestore.capture;

import java.sql.Connection;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * every call, so that the tests know the order events were written in. The plugin's relay drains
 * it into the event log as in production.
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

    /**
     * The committed events, in the order they were written: decoded from rmk_outbox, or from the
     * event log (rmk_event) once the relay has handed them over. The outbox is read first: a row
     * only ever moves from there to the log, so no committed event is missed in between.
     */
    List<TrackedEvent> committed() {
        Map<String, String> payloads = new HashMap<>();
        jdbc.query("SELECT event_id, payload FROM rmk_outbox", row -> {
            payloads.put(row.getString(1), row.getString(2));
        });
        jdbc.query("SELECT event_id, payload FROM rmk_event", row -> {
            payloads.putIfAbsent(row.getString(1), row.getString(2));
        });
        return appended.stream().filter(e -> payloads.containsKey(e.id()))
                .map(e -> TrackedEventJson.fromJson(payloads.get(e.id()))).collect(Collectors.toList());
    }

    /** Whether the relay has handed this event over to the event log. */
    boolean logged(String eventId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM rmk_event WHERE event_id = ?", Long.class, eventId) == 1;
    }

    /** Every event handed to the outbox, committed or not. */
    List<TrackedEvent> appended() {
        return List.copyOf(appended);
    }
}
