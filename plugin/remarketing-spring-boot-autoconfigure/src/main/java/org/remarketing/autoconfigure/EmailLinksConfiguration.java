package org.remarketing.autoconfigure;

import java.time.Clock;

import org.remarketing.core.channels.email.CartRecoveries;
import org.remarketing.core.channels.email.ClickRedirects;
import org.remarketing.core.channels.email.LinkTokens;
import org.remarketing.core.channels.email.MachineOpens;
import org.remarketing.core.channels.email.MessageLinks;
import org.remarketing.core.channels.email.OpenTracking;
import org.remarketing.core.channels.email.StoreOrigin;
import org.remarketing.core.channels.email.Unsubscribes;
import org.remarketing.core.schema.RemarketingSchema;
import org.remarketing.core.system.InstallSecrets;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The links of the plugin's emails (docs/email-links.md): tokens signed with the install's
 * secret, the URLs a message carries (when {@code remarketing.store.url} says where the store
 * is), and the services behind the public endpoints: unsubscribes, clicks, opens and cart
 * recovery. Imported by {@link RemarketingAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class EmailLinksConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LinkTokens remarketingLinkTokens(InstallSecrets secrets) {
		return new LinkTokens(secrets.secret());
	}

	/**
	 * Links on {@code remarketing.store.url}; a URL with port 0 (a server on a random port, as in
	 * tests and {@code http://localhost:${server.port}}) takes the server's port once it is known.
	 */
	@Bean
	@ConditionalOnMissingBean
	MessageLinks remarketingMessageLinks(LinkTokens tokens, RemarketingProperties properties, Environment environment) {
		String url = properties.getStore().getUrl();
		storeOrigin(url);
		return new MessageLinks(() -> withServerPort(url, environment), tokens);
	}

	static String withServerPort(String url, Environment environment) {
		String port = environment.getProperty("local.server.port");
		if (port != null && url.matches("https?://[^/]+:0(/.*)?")) {
			return url.replaceFirst(":0(?=/|$)", ":" + port);
		}
		return url;
	}

	@Bean
	@ConditionalOnMissingBean
	Unsubscribes remarketingUnsubscribes(RemarketingSchema schema) {
		return new Unsubscribes(schema.dataSource(), Clock.systemUTC());
	}

	/** Clicks may only lead to the store's host, so they need to know it. */
	@Bean
	@ConditionalOnMissingBean
	ClickRedirects remarketingClickRedirects(RemarketingSchema schema, RemarketingProperties properties) {
		return new ClickRedirects(schema.dataSource(), storeOrigin(properties.getStore().getUrl()), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	OpenTracking remarketingOpenTracking(RemarketingSchema schema) {
		return new OpenTracking(schema.dataSource(), new MachineOpens());
	}

	@Bean
	@ConditionalOnMissingBean
	CartRecoveries remarketingCartRecoveries(RemarketingSchema schema, LinkTokens tokens) {
		return new CartRecoveries(schema.dataSource(), tokens, Clock.systemUTC());
	}

	static StoreOrigin storeOrigin(String url) {
		try {
			return new StoreOrigin(url);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("remarketing.store.url must be the store's absolute public URL, such as "
					+ "https://shop.example.com, but is '" + url + "'.", ex);
		}
	}

}
