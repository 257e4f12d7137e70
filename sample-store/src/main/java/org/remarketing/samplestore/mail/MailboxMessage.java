package org.remarketing.samplestore.mail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One entry of {@code GET /dev/mailbox/messages}. {@code html} and {@code text} are null when
 * the message has no such part; {@code receivedAt} is ISO-8601 in UTC; {@code headers} are the
 * message's headers in order, unfolded and decoded ({@code List-Unsubscribe} and the like).
 */
@JsonPropertyOrder({"to", "subject", "receivedAt", "headers", "html", "text", "raw"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public final class MailboxMessage {

    private final String to;
    private final String subject;
    private final String receivedAt;
    private final List<Header> headers;
    private final String html;
    private final String text;
    private final String raw;

    MailboxMessage(ReceivedMail mail) {
        this.to = mail.getTo();
        this.subject = mail.getSubject();
        this.receivedAt = mail.getReceivedAt().toString();
        List<Header> headers = new ArrayList<>();
        for (String[] header : mail.getHeaders()) {
            headers.add(new Header(header[0], header[1]));
        }
        this.headers = Collections.unmodifiableList(headers);
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

    public List<Header> getHeaders() {
        return headers;
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

    /** One header line: its name as written and its value. */
    @JsonPropertyOrder({"name", "value"})
    public static final class Header {

        private final String name;
        private final String value;

        Header(String name, String value) {
            this.name = name;
            this.value = value;
        }

        public String getName() {
            return name;
        }

        public String getValue() {
            return value;
        }
    }
}
