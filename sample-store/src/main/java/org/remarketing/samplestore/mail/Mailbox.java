package org.remarketing.samplestore.mail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * What the embedded SMTP server received, oldest first, each message parsed once on arrival.
 * Keeps the latest {@value #CAPACITY} messages so a long-running demo does not grow without bound.
 */
@Component
@ConditionalOnProperty(prefix = "sample.mail", name = "embedded", havingValue = "true")
class Mailbox {

    static final int CAPACITY = 1000;

    private final List<ReceivedMail> messages = new ArrayList<>();

    void add(Instant receivedAt, byte[] rawSource) {
        ReceivedMail mail = ReceivedMail.parse(receivedAt, rawSource);
        synchronized (messages) {
            messages.add(mail);
            if (messages.size() > CAPACITY) {
                messages.remove(0);
            }
        }
    }

    /** A snapshot, oldest first; a message's position is its index at /dev/mailbox/{index}. */
    List<ReceivedMail> messages() {
        synchronized (messages) {
            return new ArrayList<>(messages);
        }
    }

    Optional<ReceivedMail> message(int index) {
        synchronized (messages) {
            return index >= 0 && index < messages.size() ? Optional.of(messages.get(index)) : Optional.empty();
        }
    }

    void purge() {
        synchronized (messages) {
            messages.clear();
        }
    }
}
