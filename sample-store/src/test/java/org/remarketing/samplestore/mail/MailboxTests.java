package org.remarketing.samplestore.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.internet.MimeMessage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.HtmlUtils;

class MailboxTests extends MailIntegrationTestSupport {

    @Autowired
    MockMvc mvc;

    @Autowired
    JavaMailSender mailSender;

    @Autowired
    ObjectMapper json;

    @Test
    void mailSentThroughTheStoresMailSenderShowsUpAsJsonWithVietnameseIntact() throws Exception {
        String marker = UUID.randomUUID().toString();
        Instant before = Instant.now();
        send("lan." + marker + "@example.com", "Xác nhận đơn hàng " + marker,
                "<p>Cảm ơn bạn đã mua <b>Cà phê sữa đá</b></p>", "Cảm ơn bạn đã mua Cà phê sữa đá");

        Map<String, Object> message = awaitMessage("Xác nhận đơn hàng " + marker);

        assertThat(message).containsOnlyKeys("to", "subject", "receivedAt", "headers", "html", "text", "raw");
        assertThat(message.get("to")).isEqualTo("lan." + marker + "@example.com");
        assertThat(Instant.parse((String) message.get("receivedAt"))).isBetween(before.minusSeconds(1), Instant.now());
        assertThat((String) message.get("html")).contains("<b>Cà phê sữa đá</b>");
        assertThat((String) message.get("text")).isEqualTo("Cảm ơn bạn đã mua Cà phê sữa đá");
        @SuppressWarnings("unchecked")
        List<Map<String, String>> headers = (List<Map<String, String>>) message.get("headers");
        assertThat(headers).as("decoded, in order").contains(Map.of("name", "To", "value", "lan." + marker + "@example.com"),
                Map.of("name", "Subject", "value", "Xác nhận đơn hàng " + marker));
        assertThat(headers).extracting(h -> h.get("name")).containsSubsequence("From", "To", "Subject");
        assertThat((String) message.get("raw"))
                .contains("Subject: ", "To: lan." + marker + "@example.com", "multipart/alternative")
                .doesNotContain("Cà phê"); // the source is transfer-encoded; the decoded fields above are not
    }

    @Test
    void messagesAreListedOldestFirstAndThePageListsThemNewestFirst() throws Exception {
        String marker = UUID.randomUUID().toString();
        send("first@example.com", "First " + marker, "<p>1</p>", "1");
        awaitMessage("First " + marker);
        send("second@example.com", "Second " + marker, "<p>2</p>", "2");
        awaitMessage("Second " + marker);

        List<Map<String, Object>> messages = messages();
        int first = indexOf(messages, "First " + marker);
        int second = indexOf(messages, "Second " + marker);
        assertThat(first).isLessThan(second);

        String page = page("/dev/mailbox");
        assertThat(page).contains("first@example.com", "second@example.com");
        assertThat(page.indexOf("Second " + marker)).isLessThan(page.indexOf("First " + marker));
        assertThat(page).contains("href=\"/dev/mailbox/" + first + "\"", "href=\"/dev/mailbox/" + second + "\"");
    }

    @Test
    void scriptsInAnEmailCannotRunInTheMailboxPage() throws Exception {
        String marker = UUID.randomUUID().toString();
        String evil = "<html><head><title>x</title></head><body><h1>Hi " + marker + "</h1>"
                + "<script>parent.document.title='owned'</script>"
                + "<img src=x onerror=\"alert('xss')\">\"' </iframe><script>alert(1)</script></body></html>";
        send("victim@example.com", "Evil " + marker, evil, "plain <script>alert(2)</script>");
        int index = indexOf(messages(), awaitMessage("Evil " + marker));

        MvcResult result = mvc.perform(get("/dev/mailbox/" + index)).andExpect(status().isOk()).andReturn();
        String page = result.getResponse().getContentAsString(StandardCharsets.UTF_8);

        // Nothing from the email becomes markup of the page itself.
        assertThat(page).doesNotContainIgnoringCase("<script").doesNotContain("onerror=\"");
        // The email's HTML is shown only inside a sandboxed frame that may not run scripts...
        Matcher iframe = Pattern.compile("<iframe[^>]*>", Pattern.DOTALL).matcher(page);
        assertThat(iframe.find()).isTrue();
        String frameTag = iframe.group();
        assertThat(frameTag).containsPattern("sandbox=\"[^\"]*\"").doesNotContain("allow-scripts")
                .doesNotContain("allow-same-origin");
        assertThat(iframe.find()).as("exactly one frame").isFalse();
        // ...whose srcdoc, once the browser unescapes the attribute, is the email's HTML exactly.
        Matcher srcdoc = Pattern.compile("srcdoc=\"([^\"]*)\"").matcher(frameTag);
        assertThat(srcdoc.find()).isTrue();
        assertThat(HtmlUtils.htmlUnescape(srcdoc.group(1)))
                .isEqualTo(evil.replace("<head>", "<head><base target=\"_blank\">"));
        // And a policy that forbids scripts outright, which the srcdoc frame inherits.
        assertThat(result.getResponse().getHeader("Content-Security-Policy")).contains("script-src 'none'");
        // The text part is shown as text.
        assertThat(page).contains("plain &lt;script&gt;alert(2)&lt;/script&gt;");
    }

    @Test
    void anUnknownMessageIsNotFound() throws Exception {
        mvc.perform(get("/dev/mailbox/100000")).andExpect(status().isNotFound());
    }

    @Test
    void purgingEmptiesTheMailbox() throws Exception {
        String marker = UUID.randomUUID().toString();
        send("someone@example.com", "Purge " + marker, "<p>x</p>", "x");
        awaitMessage("Purge " + marker);

        mvc.perform(delete("/dev/mailbox/messages")).andExpect(status().isNoContent());

        assertThat(messages()).extracting(m -> m.get("subject")).doesNotContain("Purge " + marker);
        assertThat(page("/dev/mailbox")).doesNotContain("Purge " + marker);
    }

    private void send(String to, String subject, String html, String text) throws Exception {
        MimeMessage message = mailSender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
        helper.setFrom("Sample Store <shop@sample-store.test>");
        helper.setTo(to);
        helper.setSubject(subject);
        helper.setText(text, html);
        mailSender.send(message);
    }

    private Map<String, Object> awaitMessage(String subject) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            for (Map<String, Object> message : messages()) {
                if (subject.equals(message.get("subject"))) {
                    return message;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("No message with subject '" + subject + "' in the mailbox");
    }

    private List<Map<String, Object>> messages() throws Exception {
        String body = page("/dev/mailbox/messages");
        return json.readValue(body, new TypeReference<List<Map<String, Object>>>() { });
    }

    private static int indexOf(List<Map<String, Object>> messages, String subject) {
        for (int i = 0; i < messages.size(); i++) {
            if (subject.equals(messages.get(i).get("subject"))) {
                return i;
            }
        }
        throw new AssertionError("No message with subject '" + subject + "'");
    }

    private static int indexOf(List<Map<String, Object>> messages, Map<String, Object> message) {
        return indexOf(messages, (String) message.get("subject"));
    }

    private String page(String path) throws Exception {
        return mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }
}
