package org.remarketing.samplestore.durability;

import org.remarketing.core.schema.RemarketingSchema;
import org.remarketing.core.tracking.EventTransport;
import org.remarketing.core.tracking.OutboxRelay;

import org.springframework.context.annotation.Bean;

/**
 * Extra source for a child store ({@code --spring.main.sources=} this class): its outbox relay never
 * starts, so whatever the store commits stays in {@code rmk_outbox}, unprocessed, until the JVM
 * dies. Deliberately not a {@code @Configuration}: the sample store's component scan must not
 * pick it up in other tests.
 */
public class HeldRelay {

    @Bean
    OutboxRelay killTestHeldRelay(RemarketingSchema schema, EventTransport transport) {
        return new OutboxRelay(schema.dataSource(), schema.vendor(), transport, OutboxRelay.Options.defaults()) {

            @Override
            public synchronized void start() {
                // held back: nothing is relayed in this JVM
            }

        };
    }

}
