package org.remarketing.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.remarketing.core.system.StatusContributor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The {@code mail} part of the status: whether the store has a mail sender and which server it
 * talks to. Never reads credentials.
 */
final class MailStatusContributor implements StatusContributor {

	private final ObjectProvider<JavaMailSender> mailSender;

	private final ObjectProvider<MailProperties> mailProperties;

	private final String from;

	MailStatusContributor(ObjectProvider<JavaMailSender> mailSender, ObjectProvider<MailProperties> mailProperties,
			String from) {
		this.mailSender = mailSender;
		this.mailProperties = mailProperties;
		this.from = from;
	}

	@Override
	public void contribute(Map<String, Object> status) {
		JavaMailSender sender = this.mailSender.getIfUnique();
		MailProperties properties = this.mailProperties.getIfAvailable();
		String host = null;
		Integer port = null;
		if (sender instanceof JavaMailSenderImpl) {
			JavaMailSenderImpl impl = (JavaMailSenderImpl) sender;
			host = impl.getHost();
			port = (impl.getPort() > 0) ? impl.getPort() : null;
		}
		else if (properties != null) {
			host = properties.getHost();
			port = properties.getPort();
		}
		Map<String, Object> mail = new LinkedHashMap<>();
		mail.put("configured", sender != null);
		mail.put("host", host);
		mail.put("port", port);
		mail.put("from", this.from);
		status.put("mail", mail);
	}

}
