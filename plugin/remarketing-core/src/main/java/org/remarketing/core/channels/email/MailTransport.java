package org.remarketing.core.channels.email;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;

import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.InternetHeaders;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import com.sun.mail.smtp.SMTPAddressFailedException;
import com.sun.mail.smtp.SMTPSendFailedException;
import com.sun.mail.smtp.SMTPSenderFailedException;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Sends {@link OutgoingEmail}s through Spring's {@link JavaMailSender} to the store's SMTP server:
 * multipart/alternative (plain text and HTML), a Message-ID made from the send key, and for
 * marketing mail {@code List-Unsubscribe} (HTTPS URL and mailto) with
 * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058). Failures are sorted
 * into permanent (5xx about the recipient) and transient (everything else). With Spring's own
 * {@link JavaMailSenderImpl} (what Spring Boot creates from {@code spring.mail.*}) connections to
 * the server are kept alive and reused between messages ({@link SmtpConnections}); any other
 * {@link JavaMailSender} is called once per message. {@link #close()} ends the idle connections.
 */
public class MailTransport implements AutoCloseable {

	private static final String UTF_8 = StandardCharsets.UTF_8.name();

	private final JavaMailSender sender;

	private final SmtpConnections connections;

	public MailTransport(JavaMailSender sender) {
		this.sender = sender;
		// Only the plain class: a subclass may change how a message goes out (signing, archiving...).
		this.connections = (sender != null && sender.getClass() == JavaMailSenderImpl.class)
				? new SmtpConnections((JavaMailSenderImpl) sender) : null;
	}

	/** Sends one message. */
	public void send(OutgoingEmail email) throws MailFailure {
		send(prepare(email));
	}

	/**
	 * Builds and encodes a message, so that sending it is the SMTP exchange alone.
	 * @throws MailFailure (permanent) when an address or header is invalid
	 */
	public Prepared prepare(OutgoingEmail email) throws MailFailure {
		try {
			MimeMessage message = mime(email);
			message.saveChanges();
			return new Prepared(email, message);
		}
		catch (MessagingException | UnsupportedEncodingException ex) {
			throw new MailFailure("the message could not be built (an address or header is invalid)", true, -1, ex);
		}
	}

	/** Sends a prepared message. */
	public void send(Prepared prepared) throws MailFailure {
		try {
			if (this.connections != null) {
				this.connections.send(prepared.message);
			}
			else {
				this.sender.send(prepared.message);
			}
		}
		catch (MailException ex) {
			throw classify(ex);
		}
	}

	/** Closes the idle connections to the mail server. */
	@Override
	public void close() {
		if (this.connections != null) {
			this.connections.close();
		}
	}

	MimeMessage mime(OutgoingEmail email) throws MessagingException, UnsupportedEncodingException {
		String messageId = email.messageId();
		MimeMessage message = new MimeMessage((Session) null) {
			@Override
			protected void updateMessageID() throws MessagingException {
				setHeader("Message-ID", "<" + messageId + ">");
			}
		};
		InternetAddress[] from = InternetAddress.parse(email.from(), true);
		message.setFrom(from[0]);
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(email.to(), true));
		message.setSubject(email.subject(), UTF_8);
		MimeMultipart alternative = new MimeMultipart("alternative");
		alternative.addBodyPart(textPart(email.text(), "plain"));
		alternative.addBodyPart(textPart(email.html(), "html"));
		message.setContent(alternative);
		message.setSentDate(new Date());
		if (email.unsubscribeUrl() != null) {
			String header = "<" + email.unsubscribeUrl() + ">";
			if (email.unsubscribeMailto() != null && !email.unsubscribeMailto().isBlank()) {
				header += ", <mailto:" + email.unsubscribeMailto() + "?subject=unsubscribe>";
			}
			message.setHeader("List-Unsubscribe", header);
			message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		}
		message.setHeader("Auto-Submitted", "auto-generated");
		return message;
	}

	/** A UTF-8 text part, encoded here in quoted-printable ({@link QuotedPrintable}) and handed to JavaMail as is. */
	private static MimeBodyPart textPart(String content, String subtype) throws MessagingException {
		InternetHeaders headers = new InternetHeaders();
		headers.setHeader("Content-Type", "text/" + subtype + "; charset=UTF-8");
		headers.setHeader("Content-Transfer-Encoding", "quoted-printable");
		return new MimeBodyPart(headers, QuotedPrintable.encode(content));
	}

	static MailFailure classify(MailException ex) {
		if (ex instanceof MailAuthenticationException) {
			return new MailFailure("the mail server refused the login: " + ex.getMessage(), false, -1, ex);
		}
		if (ex instanceof MailSendException) {
			Map<Object, Exception> failed = ((MailSendException) ex).getFailedMessages();
			for (Exception cause : failed.values()) {
				MailFailure found = classify(cause);
				if (found != null) {
					return found;
				}
			}
			Throwable cause = ex.getCause();
			MailFailure found = (cause instanceof Exception) ? classify((Exception) cause) : null;
			if (found != null) {
				return found;
			}
		}
		return new MailFailure("the mail server could not be reached: " + rootMessage(ex), false, -1, ex);
	}

	private static MailFailure classify(Exception ex) {
		for (Throwable t = ex; t != null; t = (t instanceof MessagingException)
				? ((MessagingException) t).getNextException() : t.getCause()) {
			int code = -1;
			if (t instanceof SMTPAddressFailedException) {
				code = ((SMTPAddressFailedException) t).getReturnCode();
			}
			else if (t instanceof SMTPSendFailedException) {
				code = ((SMTPSendFailedException) t).getReturnCode();
			}
			else if (t instanceof SMTPSenderFailedException) {
				code = ((SMTPSenderFailedException) t).getReturnCode();
			}
			if (code >= 500 && t instanceof SMTPAddressFailedException) {
				return new MailFailure("the mail server refused the recipient: " + code, true, code, true, ex);
			}
			if (code >= 500) {
				return new MailFailure("the mail server refused the message: " + code, true, code, ex);
			}
			if (code >= 400) {
				return new MailFailure("the mail server deferred the message: " + code, false, code, ex);
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return null;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + (root.getMessage() != null ? " " + root.getMessage() : "");
	}

	/** A message ready to go: built, encoded, its headers final. */
	public static final class Prepared {

		private final OutgoingEmail email;

		private final MimeMessage message;

		Prepared(OutgoingEmail email, MimeMessage message) {
			this.email = email;
			this.message = message;
		}

		public OutgoingEmail email() {
			return this.email;
		}

	}

}
