package org.remarketing.core.tracking;

import java.util.List;

/**
 * The default transport: hands each batch straight to the {@link EventProcessor} on the relay's
 * thread. The batch counts as handed over once the processor returns, having written the plugin's
 * tables.
 */
public class InProcessTransport implements EventTransport {

    public static final String NAME = "in-process";

    private final EventProcessor processor;

    public InProcessTransport(EventProcessor processor) {
        this.processor = processor;
    }

    @Override
    public void send(List<TrackedEvent> events) {
        if (!events.isEmpty()) {
            this.processor.process(events);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

}
