package org.remarketing.core.tracking;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/** Keeps what it was handed; fails (without keeping anything) while the given rule says so. */
final class RecordingTransport implements EventTransport {

    private final List<TrackedEvent> received = Collections.synchronizedList(new ArrayList<>());

    private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());

    private volatile Predicate<TrackedEvent> failWhen = (event) -> false;

    void failWhen(Predicate<TrackedEvent> rule) {
        this.failWhen = rule;
    }

    @Override
    public void send(List<TrackedEvent> events) {
        if (events.stream().anyMatch(this.failWhen)) {
            throw new IllegalStateException("broker unavailable");
        }
        this.batchSizes.add(events.size());
        this.received.addAll(events);
    }

    @Override
    public String name() {
        return "recording";
    }

    List<TrackedEvent> received() {
        synchronized (this.received) {
            return new ArrayList<>(this.received);
        }
    }

    List<Integer> batchSizes() {
        synchronized (this.batchSizes) {
            return new ArrayList<>(this.batchSizes);
        }
    }

}
