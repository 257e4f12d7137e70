package org.remarketing.samplestore.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sample store's mail settings ({@code sample.mail.*}). The SMTP client itself is Spring
 * Boot's ({@code spring.mail.*}), which application.properties points at the embedded server.
 */
@ConfigurationProperties(prefix = "sample.mail")
public class SampleMailProperties {

    static final int DEFAULT_SMTP_PORT = 3025;
    static final String DEFAULT_FROM = "Shopizer Sample Store <shop@sample-store.test>";

    /** Whether to run an embedded SMTP server (GreenMail) and show what it receives at /dev/mailbox. */
    private boolean embedded = false;

    /** Port of the embedded SMTP server on 127.0.0.1; spring.mail.port should follow it. */
    private int smtpPort = DEFAULT_SMTP_PORT;

    /** Sender of the store's emails, an RFC 5322 address with an optional display name. */
    private String from = DEFAULT_FROM;

    public boolean isEmbedded() {
        return embedded;
    }

    public void setEmbedded(boolean embedded) {
        this.embedded = embedded;
    }

    public int getSmtpPort() {
        return smtpPort;
    }

    public void setSmtpPort(int smtpPort) {
        this.smtpPort = smtpPort;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }
}
