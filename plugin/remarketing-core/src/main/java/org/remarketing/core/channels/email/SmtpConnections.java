package org.remarketing.core.channels.email;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

import javax.mail.Address;
import javax.mail.AuthenticationFailedException;
import javax.mail.Authenticator;
import javax.mail.MessagingException;
import javax.mail.PasswordAuthentication;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.MimeMessage;
import javax.net.SocketFactory;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Kept-alive connections to the mail server of a plain {@link JavaMailSenderImpl} (its session,
 * host, port, login and protocol). {@code JavaMailSenderImpl.send(MimeMessage)} opens and closes a
 * connection per message (greeting, EHLO, STARTTLS and AUTH where configured, then QUIT): most of
 * the time of a send to a nearby server. Here an idle connection is reused by the next message on
 * any thread (most recently used first). A connection that failed is closed, never reused; one idle
 * for more than a second is checked with NOOP first; one idle for more than {@link #MAX_IDLE_SECONDS}
 * or that carried {@link #MAX_MESSAGES} is replaced, so servers that end quiet or long sessions are
 * never surprised.
 * <p>
 * Plain and STARTTLS connections are opened with {@code TCP_NODELAY}, unless the sender names its
 * own socket factory: the end of a message ({@code CRLF.CRLF}) is a small segment that Nagle's
 * algorithm holds until the server acknowledges the previous one, and servers delay that
 * acknowledgement (40 ms on Linux), so every message waited about 40 ms for nothing (measured: 152
 * messages/s from 8 threads to a local server). The sender's session is not changed: these
 * connections use a copy of its properties, and its authenticator answers through it.
 */
final class SmtpConnections implements AutoCloseable {

	/** A connection idle for longer is closed rather than reused (servers wait at least a minute). */
	static final long MAX_IDLE_SECONDS = 30;

	/** Messages per connection before it is replaced. */
	static final int MAX_MESSAGES = 100;

	private static final long CHECK_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final JavaMailSenderImpl settings;

	private volatile Session session;

	private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();

	private volatile boolean closed;

	SmtpConnections(JavaMailSenderImpl settings) {
		this.settings = settings;
	}

	/** Sends one message as {@code JavaMailSenderImpl.send} would, failing with the same exceptions. */
	void send(MimeMessage message) throws MailException {
		Connection connection = borrow();
		boolean healthy = false;
		try {
			if (message.getSentDate() == null) {
				message.setSentDate(new Date());
			}
			String messageId = message.getMessageID();
			message.saveChanges();
			if (messageId != null) {
				message.setHeader("Message-ID", messageId);
			}
			Address[] recipients = message.getAllRecipients();
			connection.transport.sendMessage(message, (recipients != null) ? recipients : new Address[0]);
			connection.messages++;
			healthy = true;
		}
		catch (MessagingException ex) {
			Map<Object, Exception> failed = new LinkedHashMap<>();
			failed.put(message, ex);
			throw new MailSendException(failed);
		}
		finally {
			if (healthy) {
				release(connection);
			}
			else {
				connection.close();
			}
		}
	}

	private Connection borrow() {
		long now = System.nanoTime();
		evictStale(now);
		Connection connection;
		while ((connection = this.idle.pollFirst()) != null) {
			if (now - connection.idleSince < CHECK_AFTER_NANOS || connection.transport.isConnected()) {
				return connection;
			}
			connection.close();
		}
		return connect();
	}

	private void release(Connection connection) {
		if (this.closed || connection.messages >= MAX_MESSAGES) {
			connection.close();
			return;
		}
		connection.idleSince = System.nanoTime();
		this.idle.offerFirst(connection);
		if (this.closed && this.idle.remove(connection)) {
			connection.close();
		}
	}

	/** The least recently used connections are at the end: close those idle for too long. */
	private void evictStale(long now) {
		Connection oldest;
		while ((oldest = this.idle.peekLast()) != null
				&& now - oldest.idleSince > TimeUnit.SECONDS.toNanos(MAX_IDLE_SECONDS)) {
			if (this.idle.removeLastOccurrence(oldest)) {
				oldest.close();
			}
		}
	}

	private Connection connect() {
		String username = this.settings.getUsername();
		String password = this.settings.getPassword();
		if ("".equals(username)) {
			username = null;
			if ("".equals(password)) {
				password = null;
			}
		}
		String protocol = this.settings.getProtocol();
		try {
			if (protocol == null) {
				protocol = this.settings.getSession().getProperty("mail.transport.protocol");
			}
			Transport transport = session().getTransport((protocol != null) ? protocol : "smtp");
			transport.connect(this.settings.getHost(), this.settings.getPort(), username, password);
			return new Connection(transport);
		}
		catch (AuthenticationFailedException ex) {
			throw new MailAuthenticationException(ex);
		}
		catch (MessagingException ex) {
			throw new MailSendException("Mail server connection failed", ex);
		}
	}

	/** The sender's session with {@code TCP_NODELAY} sockets for plain SMTP (and STARTTLS), made once. */
	private Session session() {
		Session current = this.session;
		if (current == null) {
			Session base = this.settings.getSession();
			Properties properties = new Properties();
			properties.putAll(base.getProperties());
			if (!properties.containsKey("mail.smtp.socketFactory") && !properties.containsKey("mail.smtp.socketFactory.class")) {
				properties.put("mail.smtp.socketFactory", NoDelaySockets.INSTANCE);
			}
			current = Session.getInstance(properties, new Authenticator() {
				@Override
				protected PasswordAuthentication getPasswordAuthentication() {
					return base.requestPasswordAuthentication(getRequestingSite(), getRequestingPort(),
							getRequestingProtocol(), getRequestingPrompt(), getDefaultUserName());
				}
			});
			current.setDebug(base.getDebug());
			this.session = current;
		}
		return current;
	}

	@Override
	public void close() {
		this.closed = true;
		Connection connection;
		while ((connection = this.idle.pollFirst()) != null) {
			connection.close();
		}
	}

	private static final class Connection {

		final Transport transport;

		int messages;

		long idleSince = System.nanoTime();

		Connection(Transport transport) {
			this.transport = transport;
		}

		void close() {
			try {
				this.transport.close();
			}
			catch (MessagingException ex) {
				// The server went away first: nothing to release.
			}
		}

	}

	/** Plain sockets that send small segments at once. */
	static final class NoDelaySockets extends SocketFactory {

		static final NoDelaySockets INSTANCE = new NoDelaySockets();

		@Override
		public Socket createSocket() throws IOException {
			return noDelay(new Socket());
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return noDelay(new Socket(host, port));
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			return noDelay(new Socket(host, port, localHost, localPort));
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return noDelay(new Socket(host, port));
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
			return noDelay(new Socket(address, port, localAddress, localPort));
		}

		private static Socket noDelay(Socket socket) throws IOException {
			socket.setTcpNoDelay(true);
			return socket;
		}

	}

}
