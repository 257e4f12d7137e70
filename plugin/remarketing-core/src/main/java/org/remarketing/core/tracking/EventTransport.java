package org.remarketing.core.tracking;

import java.util.List;

/**
 * Carries events from the outbox to the {@link EventProcessor}: in-process by default, or through
 * a Kafka topic keyed by {@link ShopperIds#partitionKey()} ({@code remarketing.transport=kafka}).
 * Both produce the same state.
 */
public interface EventTransport {

    /**
     * Hands a batch over. Returns normally only once the batch is durably handed over (processed
     * in-process, or acknowledged by the broker); the outbox rows are deleted after that. Throws
     * otherwise, and the batch is retried.
     */
    void send(List<TrackedEvent> events);

    /** For the status screen: "in-process" or "kafka". */
    String name();
}
