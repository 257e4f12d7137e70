package org.remarketing.core.journeys;

import java.time.Instant;

/**
 * Holds a message until its time: the persistent scheduler in production (db-scheduler, joined to
 * the caller's transaction), a list in tests.
 */
@FunctionalInterface
public interface StepQueue {

	/** Runs the message's step at {@code at} (on exactly one node). */
	void schedule(long messageId, Instant at);

}
