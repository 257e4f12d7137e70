package org.remarketing.samplestore.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Properties;

import javax.mail.Message;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class EmbeddedSmtpServerTests {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(MailConfiguration.class, Mailbox.class, EmbeddedSmtpServer.class);

    @Test
    void acceptsMailForAnyRecipientWhileRunning() throws Exception {
        int port = MailIntegrationTestSupport.freePort();
        contexts.withPropertyValues("sample.mail.embedded=true", "sample.mail.smtp-port=" + port).run(context -> {
            assertThat(context.getBean(EmbeddedSmtpServer.class).isRunning()).isTrue();

            sendPlainMail(port, "nobody-configured-this@anywhere.example", "Hello");
            sendPlainMail(port, "someone.else@elsewhere.example", "Hello again");

            assertThat(context.getBean(Mailbox.class).messages()).extracting(ReceivedMail::getTo)
                    .containsExactly("nobody-configured-this@anywhere.example", "someone.else@elsewhere.example");
        });
        // Stopped with the context: the port is free again.
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.isBound()).isTrue();
        }
    }

    @Test
    void aMessageToSeveralRecipientsIsShownOnce() throws Exception {
        int port = MailIntegrationTestSupport.freePort();
        contexts.withPropertyValues("sample.mail.embedded=true", "sample.mail.smtp-port=" + port).run(context -> {
            Session session = Session.getInstance(smtp(port));
            MimeMessage message = new MimeMessage(session);
            message.setFrom("shop@sample-store.test");
            message.setRecipients(Message.RecipientType.TO, "a@example.com, b@example.com");
            message.setRecipients(Message.RecipientType.BCC, "c@example.com");
            message.setSubject("Team news");
            message.setText("hi", "UTF-8");
            Transport.send(message);

            assertThat(context.getBean(Mailbox.class).messages()).singleElement()
                    .satisfies(mail -> assertThat(mail.getTo()).isEqualTo("a@example.com, b@example.com"));
        });
    }

    @Test
    void aTakenPortFailsStartupNamingThePropertyToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            contexts.withPropertyValues("sample.mail.embedded=true", "sample.mail.smtp-port=" + port).run(context -> {
                assertThat(context).hasFailed();
                Throwable failure = context.getStartupFailure();
                while (failure != null && !(failure.getMessage() != null && failure.getMessage().contains("sample.mail.smtp-port"))) {
                    failure = failure.getCause();
                }
                assertThat(failure).as("a failure naming sample.mail.smtp-port").isNotNull();
                assertThat(failure.getMessage()).contains("127.0.0.1:" + port, "already in use", "sample.mail.embedded=false");
            });
        }
    }

    @Test
    void aTakenPortIsReportedWithoutWaitingForGreenMailsStartupTimeout() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedSmtpServer server = new EmbeddedSmtpServer(taken.getLocalPort(), new Mailbox());
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Set sample.mail.smtp-port to a free port");
            assertThat(server.isRunning()).isFalse();
        }
    }

    @Test
    void isAbsentUnlessSwitchedOn() {
        contexts.run(context -> assertThat(context).doesNotHaveBean(EmbeddedSmtpServer.class).doesNotHaveBean(Mailbox.class));
        contexts.withPropertyValues("sample.mail.embedded=false")
                .withUserConfiguration(MailboxController.class)
                .run(context -> assertThat(context).doesNotHaveBean(EmbeddedSmtpServer.class)
                        .doesNotHaveBean(MailboxController.class));
    }

    @Test
    void startsBeforeTheWebServerAndStopsAfterIt() {
        // Boot starts the web server in phase Integer.MAX_VALUE - 1 and stops it gracefully at Integer.MAX_VALUE.
        EmbeddedSmtpServer server = new EmbeddedSmtpServer(3025, new Mailbox());
        assertThat(server.getPhase()).isLessThan(0).isLessThan(Integer.MAX_VALUE - 1);
        assertThat(server.isAutoStartup()).isTrue();
    }

    private static void sendPlainMail(int port, String to, String subject) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(smtp(port)));
        message.setFrom(new InternetAddress("shop@sample-store.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setText("Body", "UTF-8");
        Transport.send(message);
    }

    private static Properties smtp(int port) {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        properties.setProperty("mail.smtp.port", String.valueOf(port));
        return properties;
    }
}
