package org.remarketing.samplestore.mail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The demo mailbox: what the embedded SMTP server received, as pages for people and as JSON
 * for tests. Exists only while the embedded server does ({@code sample.mail.embedded=true}).
 */
@Controller
@RequestMapping("/dev/mailbox")
@ConditionalOnProperty(prefix = "sample.mail", name = "embedded", havingValue = "true")
class MailboxController {

    static final String LIST_VIEW = "dev/mailbox";
    static final String MESSAGE_VIEW = "dev/mailbox-message";

    /**
     * Defence in depth for the pages that show received HTML: no script runs at all, and a
     * srcdoc frame inherits this policy.
     */
    static final String CONTENT_SECURITY_POLICY =
            "script-src 'none'; object-src 'none'; frame-ancestors 'self'; form-action 'self'";

    private static final Pattern HEAD_TAG = Pattern.compile("<head(\\s[^>]*)?>", Pattern.CASE_INSENSITIVE);

    private final Mailbox mailbox;
    private final EmbeddedSmtpServer server;

    MailboxController(Mailbox mailbox, EmbeddedSmtpServer server) {
        this.mailbox = mailbox;
        this.server = server;
    }

    @GetMapping
    String list(Model model, HttpServletResponse response) {
        List<ReceivedMail> messages = mailbox.messages();
        List<Entry> newestFirst = new ArrayList<>(messages.size());
        for (int i = messages.size() - 1; i >= 0; i--) {
            newestFirst.add(new Entry(i, messages.get(i)));
        }
        model.addAttribute("entries", newestFirst);
        model.addAttribute("smtpPort", server.getPort());
        noScripts(response);
        return LIST_VIEW;
    }

    @GetMapping("/{index:\\d+}")
    String message(@PathVariable int index, Model model, HttpServletResponse response) {
        ReceivedMail mail = mailbox.message(index)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No message " + index + " in the mailbox"));
        model.addAttribute("index", index);
        model.addAttribute("mail", mail);
        model.addAttribute("srcdoc", mail.getHtml() == null ? null : linksOpenOutside(mail.getHtml()));
        noScripts(response);
        return MESSAGE_VIEW;
    }

    /** All messages, oldest first (the order received): index i is /dev/mailbox/{i}. */
    @GetMapping(path = "/messages", produces = "application/json")
    @ResponseBody
    List<MailboxMessage> messages() {
        List<MailboxMessage> json = new ArrayList<>();
        for (ReceivedMail mail : mailbox.messages()) {
            json.add(new MailboxMessage(mail));
        }
        return Collections.unmodifiableList(json);
    }

    @DeleteMapping("/messages")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void purge() {
        server.purge();
    }

    private static void noScripts(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
    }

    /**
     * Inside the sandboxed frame a link would otherwise open in the frame itself; a base target
     * sends it to a new tab (the sandbox allows popups, never scripts).
     */
    static String linksOpenOutside(String html) {
        String base = "<base target=\"_blank\">";
        Matcher head = HEAD_TAG.matcher(html);
        if (head.find()) {
            return html.substring(0, head.end()) + base + html.substring(head.end());
        }
        return base + html;
    }

    /** A row of the list page. */
    static final class Entry {

        private final int index;
        private final ReceivedMail mail;

        Entry(int index, ReceivedMail mail) {
            this.index = index;
            this.mail = mail;
        }

        public int getIndex() {
            return index;
        }

        public String getTo() {
            return mail.getTo();
        }

        public String getSubject() {
            return mail.getSubject();
        }

        public String getReceivedAt() {
            return mail.getReceivedAt().toString();
        }

        public String getReceivedAtDisplay() {
            return mail.getReceivedAtDisplay();
        }

        public boolean isHasHtml() {
            return mail.getHtml() != null;
        }
    }
}
