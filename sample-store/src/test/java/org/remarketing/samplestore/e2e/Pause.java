package org.remarketing.samplestore.e2e;

import java.time.Duration;
import java.time.Instant;

/** Sleeping between polls of what the store does in the background; an interrupt fails the test. */
final class Pause {

    private Pause() {
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /** Sleeps until {@code instant} has passed (not at all if it has). */
    static void until(Instant instant) {
        Duration left = Duration.between(Instant.now(), instant);
        if (!left.isNegative()) {
            pause(left);
        }
    }
}
