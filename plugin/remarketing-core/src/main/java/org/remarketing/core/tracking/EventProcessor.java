package org.remarketing.core.tracking;

import java.util.List;

/**
 * Applies events to the plugin's state: the event log, contacts and their identities, profiles,
 * consent. Idempotent: an event whose id was already applied is skipped, so at-least-once
 * transports are safe. Events of one shopper are applied in the order given.
 */
public interface EventProcessor {

    void process(List<TrackedEvent> events);
}
