package org.remarketing.core.tracking;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The minimal {@link EventProcessor}: appends each event to the event log ({@code rmk_event}) once,
 * by event id, so that everything captured is kept and counted even before (or without) contact
 * profiles. The contacts feature replaces it with the full processor (identity, profiles, consent),
 * which writes the same log.
 */
public class EventLogProcessor implements EventProcessor {

    static final String INSERT = "INSERT INTO rmk_event (event_id, event_type, occurred_at, received_at, contact_id,"
            + " visitor_id, customer_id, source, payload) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?)";

    private static final int CHUNK = 500;

    private static final int MAX_VISITOR_ID = 64;

    private final JdbcTemplate jdbc;

    private final Clock clock;

    public EventLogProcessor(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    @Override
    public void process(List<TrackedEvent> events) {
        for (int from = 0; from < events.size(); from += CHUNK) {
            processChunk(events.subList(from, Math.min(events.size(), from + CHUNK)));
        }
    }

    private void processChunk(List<TrackedEvent> events) {
        Map<String, TrackedEvent> byId = new LinkedHashMap<>();
        for (TrackedEvent event : events) {
            byId.putIfAbsent(event.id(), event);
        }
        byId.keySet().removeAll(existing(byId.keySet()));
        if (byId.isEmpty()) {
            return;
        }
        LocalDateTime receivedAt = LocalDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>(byId.size());
        for (TrackedEvent event : byId.values()) {
            rows.add(row(event, receivedAt));
        }
        try {
            this.jdbc.batchUpdate(INSERT, rows);
        }
        catch (DuplicateKeyException ex) {
            // Another node logged some of them meanwhile: one by one, skipping those.
            for (Object[] row : rows) {
                try {
                    this.jdbc.update(INSERT, row);
                }
                catch (DuplicateKeyException duplicate) {
                    // applied already
                }
            }
        }
    }

    private Set<String> existing(Set<String> ids) {
        StringBuilder sql = new StringBuilder("SELECT event_id FROM rmk_event WHERE event_id IN (");
        int i = 0;
        for (String ignored : ids) {
            sql.append(i++ == 0 ? "?" : ", ?");
        }
        sql.append(')');
        return new HashSet<>(this.jdbc.queryForList(sql.toString(), String.class, ids.toArray()));
    }

    private static Object[] row(TrackedEvent event, LocalDateTime receivedAt) {
        String visitor = event.shopper().visitorId();
        if (visitor != null && visitor.length() > MAX_VISITOR_ID) {
            visitor = visitor.substring(0, MAX_VISITOR_ID);
        }
        return new Object[] { event.id(), event.type().wireName(),
                LocalDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC), receivedAt, visitor,
                event.shopper().customerId(), event.source().name().toLowerCase(Locale.ROOT),
                TrackedEventJson.toJson(event) };
    }

}
