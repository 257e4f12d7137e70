package org.remarketing.samplestore.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;

import javax.mail.Address;
import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

/**
 * One received message: its MIME source and what a person reads in it (recipients, subject,
 * the HTML and plain-text bodies with transfer encodings and charsets decoded).
 */
final class ReceivedMail {

    private static final Session PARSING_SESSION = parsingSession();
    private static final DateTimeFormatter DISPLAY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Instant receivedAt;
    private final String raw;
    private final String to;
    private final String from;
    private final String subject;
    private final String html;
    private final String text;
    private final List<String[]> headers;

    private ReceivedMail(Instant receivedAt, String raw, String to, String from, String subject, String html,
            String text, List<String[]> headers) {
        this.receivedAt = receivedAt;
        this.raw = raw;
        this.to = to;
        this.from = from;
        this.subject = subject;
        this.html = html;
        this.text = text;
        this.headers = headers;
    }

    static ReceivedMail parse(Instant receivedAt, byte[] rawSource) {
        String raw = new String(rawSource, StandardCharsets.UTF_8);
        try {
            MimeMessage message = new MimeMessage(PARSING_SESSION, new ByteArrayInputStream(rawSource));
            Bodies bodies = new Bodies();
            bodies.collect(message);
            return new ReceivedMail(receivedAt, raw, addresses(message, "To"), addresses(message, "From"),
                    nullToEmpty(message.getSubject()), bodies.html, bodies.text, headers(message));
        } catch (MessagingException | IOException | RuntimeException e) {
            // Still show what arrived, even if it cannot be parsed.
            return new ReceivedMail(receivedAt, raw, "", "", "(unreadable message: " + e.getClass().getSimpleName() + ")",
                    null, null, Collections.<String[]>emptyList());
        }
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    /** Local date and time for people, to the second. */
    public String getReceivedAtDisplay() {
        return DISPLAY_TIME.format(receivedAt);
    }

    public String getRaw() {
        return raw;
    }

    public String getTo() {
        return to;
    }

    public String getFrom() {
        return from;
    }

    public String getSubject() {
        return subject;
    }

    /** The HTML body, or null when the message has none. */
    public String getHtml() {
        return html;
    }

    /** The plain-text body, or null when the message has none. */
    public String getText() {
        return text;
    }

    /** Header name and decoded value pairs in the order they appear. */
    public List<String[]> getHeaders() {
        return headers;
    }

    private static String addresses(MimeMessage message, String header) throws MessagingException {
        String value = message.getHeader(header, ", ");
        if (value == null) {
            return "";
        }
        try {
            Address[] parsed = InternetAddress.parseHeader(value, false);
            List<String> shown = new ArrayList<>();
            for (Address address : parsed) {
                shown.add(address instanceof InternetAddress ? readable((InternetAddress) address) : address.toString());
            }
            return String.join(", ", shown);
        } catch (MessagingException e) {
            return decode(value);
        }
    }

    /** "Name <address>" as a person writes it, without RFC 5322 quoting. */
    private static String readable(InternetAddress address) {
        String personal = address.getPersonal();
        return personal == null || personal.isEmpty() ? address.getAddress() : personal + " <" + address.getAddress() + ">";
    }

    private static List<String[]> headers(MimeMessage message) throws MessagingException {
        List<String[]> headers = new ArrayList<>();
        Enumeration<Header> all = message.getAllHeaders();
        while (all.hasMoreElements()) {
            Header header = all.nextElement();
            headers.add(new String[] {header.getName(), decode(MimeUtility.unfold(nullToEmpty(header.getValue())))});
        }
        return Collections.unmodifiableList(headers);
    }

    private static String decode(String value) {
        try {
            return MimeUtility.decodeText(value);
        } catch (UnsupportedEncodingException e) {
            return value;
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static Session parsingSession() {
        Properties properties = new Properties();
        // Accept raw UTF-8 in headers (SMTPUTF8 senders) instead of mangling it.
        properties.setProperty("mail.mime.allowutf8", "true");
        return Session.getInstance(properties);
    }

    /** Finds the first HTML and plain-text parts, through any nesting of multiparts. */
    private static final class Bodies {

        private String html;
        private String text;

        void collect(Part part) throws MessagingException, IOException {
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return;
            }
            if (part.isMimeType("multipart/*")) {
                Object content = part.getContent();
                if (content instanceof Multipart) {
                    Multipart multipart = (Multipart) content;
                    for (int i = 0; i < multipart.getCount(); i++) {
                        collect(multipart.getBodyPart(i));
                    }
                }
            } else if (part.isMimeType("text/html")) {
                if (html == null) {
                    html = read(part);
                }
            } else if (part.isMimeType("text/plain")) {
                if (text == null) {
                    text = read(part);
                }
            }
        }

        private static String read(Part part) throws MessagingException, IOException {
            try {
                Object content = part.getContent();
                if (content instanceof String) {
                    return (String) content;
                }
            } catch (UnsupportedEncodingException e) {
                // An unknown charset: fall through and read the decoded bytes as UTF-8.
            }
            try (InputStream in = part.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
