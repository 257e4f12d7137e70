package org.remarketing.core.tracking;

import java.sql.Connection;
import java.util.List;

/**
 * The durable inbox of everything captured, kept in the store's own database. Writing an event
 * here is the whole of capture: a relay then hands it to the {@link EventTransport}. Nothing
 * written here is lost (at-least-once delivery) and nothing is applied twice (the
 * {@link EventProcessor} is idempotent by event id).
 */
public interface Outbox {

    /**
     * Appends events on the given connection, inside its caller's transaction: used by the
     * store's Hibernate hooks just before the store's transaction commits, so the events commit
     * (or roll back) with the change they describe.
     */
    void append(Connection connection, List<TrackedEvent> events);

    /**
     * Appends events through the plugin's DataSource, joining the caller's Spring-managed
     * transaction if there is one (browser events, plugin events).
     */
    void append(List<TrackedEvent> events);
}
