package org.remarketing.samplestore.durability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.remarketing.core.tracking.EventTransport;
import org.remarketing.core.tracking.TrackedEvent;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Extra source for a child store ({@code --spring.main.sources=} this class): after the transport
 * has applied a batch (the events are in {@code rmk_event}) and before the relay deletes the batch
 * from {@code rmk_outbox}, it writes a line to {@code killtest.window-file} and waits
 * {@code killtest.window-millis}. A test that kills the JVM when a line appears hits the relay's
 * worst moment: events applied, not yet removed from the outbox. Deliberately not a
 * {@code @Configuration}: the sample store's component scan must not pick it up in other tests.
 */
public class SlowHandOver {

    @Bean
    static BeanPostProcessor killTestSlowHandOver(Environment environment) {
        Path window = Paths.get(environment.getRequiredProperty("killtest.window-file"));
        long millis = environment.getProperty("killtest.window-millis", Long.class, 2000L);
        return new BeanPostProcessor() {

            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return (bean instanceof EventTransport) ? new Slow((EventTransport) bean, window, millis) : bean;
            }

        };
    }

    static final class Slow implements EventTransport {

        private final EventTransport delegate;

        private final Path window;

        private final long millis;

        Slow(EventTransport delegate, Path window, long millis) {
            this.delegate = delegate;
            this.window = window;
            this.millis = millis;
        }

        @Override
        public void send(List<TrackedEvent> batch) {
            this.delegate.send(batch);
            try {
                Files.write(this.window, (batch.size() + "\n").getBytes(StandardCharsets.UTF_8),
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            try {
                Thread.sleep(this.millis);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public String name() {
            return this.delegate.name();
        }

    }

}
