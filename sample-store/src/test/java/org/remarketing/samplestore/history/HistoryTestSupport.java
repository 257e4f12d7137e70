package org.remarketing.samplestore.history;

import org.remarketing.samplestore.durability.ChildStore;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample store of a history test: its embedded SMTP server off, mail sent to a free port. */
abstract class HistoryTestSupport {

    @DynamicPropertySource
    static void freeSmtpPort(DynamicPropertyRegistry registry) {
        registry.add("sample.mail.smtp-port", ChildStore::freePort);
    }
}
