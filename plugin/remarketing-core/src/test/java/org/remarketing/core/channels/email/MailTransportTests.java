package org.remarketing.core.channels.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a mailbox receives from {@link MailTransport}, and how it uses the mail server: one
 * connection for many messages, a new one when the server went away.
 */
class MailTransportTests {

	private GreenMail smtp;

	private Proxy proxy;

	private MailTransport transport;

	@BeforeEach
	void start() throws IOException {
		this.smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		this.smtp.start();
		this.proxy = new Proxy(this.smtp.getSmtp().getPort());
		JavaMailSenderImpl mail = new JavaMailSenderImpl();
		mail.setHost("127.0.0.1");
		mail.setPort(this.proxy.port());
		this.transport = new MailTransport(mail);
	}

	@AfterEach
	void stop() throws IOException {
		this.transport.close();
		this.proxy.close();
		this.smtp.stop();
	}

	@Test
	void aMailboxGetsTheTextAndHtmlAlternativesInUtf8WithTheUnsubscribeHeaders() throws Exception {
		String longLine = "x".repeat(300);
		String html = "<p>Chào Hương, giỏ hàng của bạn vẫn còn: Bát Tràng teapot — 48,00 ₫</p><p>" + longLine + "</p>";
		String text = "Chào Hương,\r\nBát Tràng teapot — 48,00 ₫\r\n" + longLine;
		this.transport.send(new OutgoingEmail("Maison Lotus <shop@example.com>", "huong@example.com",
				"Giỏ hàng của bạn đang chờ", html, text, "r1:s1.install@remarketing", "https://shop.example/u?t=1",
				"shop@example.com"));

		MimeMessage received = this.smtp.getReceivedMessages()[0];
		assertThat(received.getSubject()).isEqualTo("Giỏ hàng của bạn đang chờ");
		assertThat(received.getMessageID()).isEqualTo("<r1:s1.install@remarketing>");
		assertThat(received.getHeader("List-Unsubscribe")[0])
			.isEqualTo("<https://shop.example/u?t=1>, <mailto:shop@example.com?subject=unsubscribe>");
		assertThat(received.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(received.getContentType()).startsWith("multipart/alternative");
		MimeMultipart parts = (MimeMultipart) received.getContent();
		assertThat(parts.getCount()).isEqualTo(2);
		MimeBodyPart plain = (MimeBodyPart) parts.getBodyPart(0);
		MimeBodyPart rich = (MimeBodyPart) parts.getBodyPart(1);
		assertThat(plain.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
		assertThat(rich.getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
		assertThat(plain.getContent()).isEqualTo(text);
		assertThat(rich.getContent()).isEqualTo(html);
		// No line of the message is longer than SMTP allows, though the HTML has a 300-character one.
		assertThat(new String(received.getRawInputStream().readAllBytes(), "US-ASCII").lines()).allMatch((l) -> l.length() <= 998);
	}

	@Test
	void messagesShareOneConnectionToTheMailServer() throws Exception {
		for (int i = 0; i < 5; i++) {
			this.transport.send(email(i));
		}
		assertThat(this.smtp.getReceivedMessages()).hasSize(5);
		assertThat(this.proxy.connections.get()).isEqualTo(1);
	}

	@Test
	void aMailServerThatRestartedIsReconnectedToWithoutLosingAMessage() throws Exception {
		this.transport.send(email(1));
		int port = this.smtp.getSmtp().getPort();
		this.smtp.stop();
		this.smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		this.smtp.start();
		Thread.sleep(1_100); // an idle connection is checked before it is used again

		this.transport.send(email(2));
		assertThat(this.smtp.getReceivedMessages()).hasSize(1);
		assertThat(this.proxy.connections.get()).isEqualTo(2);
	}

	@Test
	void aMailServerThatIsDownIsATransientFailure() throws Exception {
		this.smtp.stop();
		assertThatThrownBy(() -> this.transport.send(email(1))).isInstanceOfSatisfying(MailFailure.class,
				(failure) -> assertThat(failure.permanent()).isFalse());
	}

	private static OutgoingEmail email(int i) {
		return new OutgoingEmail("shop@example.com", "s" + i + "@example.com", "Hello " + i, "<p>" + i + "</p>", "" + i,
				"m" + i + "@remarketing", null, null);
	}

	/** A TCP relay to the SMTP server that counts the connections made through it. */
	private static final class Proxy implements AutoCloseable {

		final AtomicInteger connections = new AtomicInteger();

		private final ServerSocket server;

		Proxy(int target) throws IOException {
			this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
			Thread acceptor = new Thread(() -> {
				while (!this.server.isClosed()) {
					try {
						Socket client = this.server.accept();
						this.connections.incrementAndGet();
						try {
							Socket upstream = new Socket("127.0.0.1", target);
							pipe(client, upstream);
							pipe(upstream, client);
						}
						catch (IOException ex) {
							client.close(); // the server is down: so is the connection
						}
					}
					catch (IOException ex) {
						// closed
					}
				}
			}, "smtp-proxy");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		int port() {
			return this.server.getLocalPort();
		}

		private static void pipe(Socket from, Socket to) {
			Thread copier = new Thread(() -> {
				try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
					in.transferTo(out);
				}
				catch (IOException ex) {
					// one side closed
				}
				finally {
					try {
						from.close();
						to.close();
					}
					catch (IOException ex) {
						// already closed
					}
				}
			}, "smtp-proxy-pipe");
			copier.setDaemon(true);
			copier.start();
		}

		@Override
		public void close() throws IOException {
			this.server.close();
		}

	}

}
