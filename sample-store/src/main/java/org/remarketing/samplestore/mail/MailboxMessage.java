package org.remarketing.samplestore.mail;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One entry of {@code GET /dev/mailbox/messages}. {@code html} and {@code text} are null when
 * the message has no such part; {@code receivedAt} is ISO-8601 in UTC.
 */
@JsonPropertyOrder({"to", "subject", "receivedAt", "html", "text", "raw"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public final class MailboxMessage {

    private final String to;
    private final String subject;
    private final String receivedAt;
    private final String html;
    private final String text;
    private final String raw;

    MailboxMessage(ReceivedMail mail) {
        this.to = mail.getTo();
        this.subject = mail.getSubject();
        this.receivedAt = mail.getReceivedAt().toString();
        this.html = mail.getHtml();
        this.text = mail.getText();
        this.raw = mail.getRaw();
    }

    public String getTo() {
        return to;
    }

    public String getSubject() {
        return subject;
    }

    public String getReceivedAt() {
        return receivedAt;
    }

    public String getHtml() {
        return html;
    }

    public String getText() {
        return text;
    }

    public String getRaw() {
        return raw;
    }
}
