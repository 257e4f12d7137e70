package org.remarketing.samplestore.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One application context for the mail tests: in-memory H2, the embedded SMTP server on a free
 * port, MockMvc without the security filters (the store's security permits /dev/** anyway).
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:mail;MODE=MySQL;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1",
        "spring.jpa.hibernate.ddl-auto=create-drop",
        "spring.jpa.properties.hibernate.hbm2ddl.halt_on_error=true",
        "sample.mail.embedded=true",
        "sample.store.base-url=http://shop.example.test:8080/"
})
@AutoConfigureMockMvc(addFilters = false)
abstract class MailIntegrationTestSupport {

    static final int SMTP_PORT = freePort();

    @DynamicPropertySource
    static void smtpPort(DynamicPropertyRegistry registry) {
        registry.add("sample.mail.smtp-port", () -> SMTP_PORT);
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
