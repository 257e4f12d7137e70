package org.remarketing.samplestore.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

import javax.mail.MessagingException;

import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The demo's SMTP server: GreenMail on 127.0.0.1:{@code sample.mail.smtp-port}, accepting any
 * recipient and handing every received message to the {@link Mailbox} shown at /dev/mailbox.
 *
 * <p>Started as one of the first lifecycle beans (long before the web server, which starts at
 * {@code Integer.MAX_VALUE - 1}) and stopped as one of the last, so whatever sends mail from a
 * runner, an event listener or a request finds it listening. Code that sends mail during bean
 * creation (before the context is refreshed) would not: send from a runner or on
 * {@code ApplicationReadyEvent} instead.
 */
@Component
@ConditionalOnProperty(prefix = "sample.mail", name = "embedded", havingValue = "true")
public class EmbeddedSmtpServer implements SmartLifecycle {

    /** Early start, late stop; leaves room for anything that must come before it. */
    static final int PHASE = Integer.MIN_VALUE + 1000;

    static final String BIND_ADDRESS = "127.0.0.1";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSmtpServer.class);

    private final int port;
    private final Mailbox mailbox;
    private volatile GreenMail greenMail;

    @Autowired
    EmbeddedSmtpServer(SampleMailProperties properties, Mailbox mailbox) {
        this(properties.getSmtpPort(), mailbox);
    }

    EmbeddedSmtpServer(int port, Mailbox mailbox) {
        this.port = port;
        this.mailbox = mailbox;
    }

    @Override
    public synchronized void start() {
        if (greenMail != null) {
            return;
        }
        ensurePortIsFree();
        GreenMail server = new GreenMail(new ServerSetup(port, BIND_ADDRESS, ServerSetup.PROTOCOL_SMTP));
        try {
            server.start();
        } catch (RuntimeException e) {
            server.stop();
            throw new IllegalStateException(portProblem("could not be started"), e);
        }
        UserManager users = server.getUserManager();
        users.setMessageDeliveryHandler(new CapturingDeliveryHandler(users, mailbox));
        greenMail = server;
        log.info("Embedded SMTP server listening on {}:{}; received mail is shown at /dev/mailbox", BIND_ADDRESS, port);
    }

    @Override
    public synchronized void stop() {
        GreenMail server = greenMail;
        greenMail = null;
        if (server != null) {
            server.stop();
            log.info("Embedded SMTP server on {}:{} stopped", BIND_ADDRESS, port);
        }
    }

    @Override
    public boolean isRunning() {
        return greenMail != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    public int getPort() {
        return port;
    }

    /** Empties the mailbox and GreenMail's own per-recipient inboxes. */
    void purge() {
        mailbox.purge();
        GreenMail server = greenMail;
        if (server != null) {
            try {
                server.purgeEmailFromAllMailboxes();
            } catch (Exception e) {
                log.warn("Could not purge the embedded SMTP server's inboxes: {}", e.toString());
            }
        }
    }

    /**
     * GreenMail reports a port in use only as a startup timeout, so check first and say what to do.
     */
    private void ensurePortIsFree() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(BIND_ADDRESS), port));
        } catch (BindException e) {
            throw new IllegalStateException(portProblem("is already in use"), e);
        } catch (IOException e) {
            throw new IllegalStateException(portProblem("cannot be opened"), e);
        }
    }

    private String portProblem(String what) {
        return "The embedded SMTP server cannot listen on " + BIND_ADDRESS + ":" + port + " (port " + what
                + "). Set sample.mail.smtp-port to a free port (spring.mail.port follows it), or set"
                + " sample.mail.embedded=false and point spring.mail.host/spring.mail.port at another SMTP server.";
    }

    /**
     * Records each SMTP transaction once (GreenMail calls the handler once per recipient) and
     * delivers to an inbox created on the fly, so any recipient is accepted. Replaces GreenMail's
     * default handler, which logs every new recipient's address.
     */
    static final class CapturingDeliveryHandler implements com.icegreen.greenmail.user.MessageDeliveryHandler {

        private final UserManager users;
        private final Mailbox mailbox;
        private final Set<MovingMessage> seen = Collections.newSetFromMap(
                Collections.synchronizedMap(new WeakHashMap<MovingMessage, Boolean>()));

        CapturingDeliveryHandler(UserManager users, Mailbox mailbox) {
            this.users = users;
            this.mailbox = mailbox;
        }

        @Override
        public GreenMailUser handle(MovingMessage message, MailAddress address) throws MessagingException, UserException {
            if (seen.add(message)) {
                mailbox.add(Instant.now(), rawSource(message));
            }
            String email = address.getEmail();
            synchronized (users) {
                GreenMailUser user = users.getUserByEmail(email);
                return user != null ? user : users.createUser(email, email, email);
            }
        }

        private static byte[] rawSource(MovingMessage message) throws MessagingException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                message.getMessage().writeTo(out);
            } catch (IOException e) {
                throw new MessagingException("Could not read the received message", e);
            }
            return out.toByteArray();
        }
    }
}
