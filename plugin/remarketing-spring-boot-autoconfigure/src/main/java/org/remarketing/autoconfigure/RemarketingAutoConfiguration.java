package org.remarketing.autoconfigure;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.remarketing.core.schema.RemarketingSchema;
import org.remarketing.core.shop.ShopStores;
import org.remarketing.core.shop.StoreLinks;
import org.remarketing.core.system.InstallSecrets;
import org.remarketing.core.system.StatusContributor;
import org.remarketing.core.system.SystemStatus;
import org.remarketing.core.templates.TemplateRenderer;
import org.remarketing.shopizer.ShopizerStores;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigureAfter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.liquibase.LiquibaseAutoConfiguration;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of the remarketing plugin: its schema in the store's database, its
 * templates and its status. It declares no bean of a type that the host's own
 * auto-configuration backs off from (Flyway, FreeMarker, mail, JdbcTemplate...).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "remarketing", name = "enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(DataSource.class)
@AutoConfigureAfter({ DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
		LiquibaseAutoConfiguration.class, MailSenderAutoConfiguration.class })
@EnableConfigurationProperties(RemarketingProperties.class)
// Contacts first: its EventProcessor must exist before any fallback processor's condition is evaluated.
@Import({ RemarketingContactsConfiguration.class, OutboxConfiguration.class, KafkaTransportConfiguration.class,
		SegmentsConfiguration.class, EmailLinksConfiguration.class, JourneysConfiguration.class,
		JourneysReadConfiguration.class })
public class RemarketingAutoConfiguration {

	private static final String KAFKA_TEMPLATE = "org.springframework.kafka.core.KafkaTemplate";

	RemarketingAutoConfiguration(RemarketingProperties properties, ResourceLoader resourceLoader) {
		if (properties.getTransport() == RemarketingProperties.Transport.KAFKA
				&& !ClassUtils.isPresent(KAFKA_TEMPLATE, resourceLoader.getClassLoader())) {
			throw new IllegalStateException("remarketing.transport=kafka needs Spring for Apache Kafka: add "
					+ "org.springframework.kafka:spring-kafka to the store, or set remarketing.transport=in-process.");
		}
	}

	/**
	 * The plugin's tables, migrated (or verified) at creation. Database initializers of the host
	 * (its Flyway, Liquibase or SQL scripts) run first: a host Flyway meeting our tables in a
	 * schema it has not baselined would refuse to start.
	 */
	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	RemarketingSchema remarketingSchema(DataSource dataSource, RemarketingProperties properties,
			ResourceLoader resourceLoader) {
		RemarketingSchema schema = new RemarketingSchema(dataSource, resourceLoader.getClassLoader());
		if (properties.getSchema().isMigrate()) {
			schema.migrate();
		}
		else {
			schema.verify();
		}
		return schema;
	}

	@Bean
	@ConditionalOnMissingBean
	InstallSecrets remarketingInstallSecrets(RemarketingSchema schema) {
		return InstallSecrets.loadOrCreate(new JdbcTemplate(schema.dataSource()), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	@Order(0)
	SystemStatus remarketingSystemStatus(RemarketingSchema schema) {
		return new SystemStatus(schema);
	}

	@Bean
	@ConditionalOnMissingBean
	TemplateRenderer remarketingTemplateRenderer(ResourceLoader resourceLoader) {
		return new TemplateRenderer(resourceLoader.getClassLoader());
	}

	/** Absolute links into the storefront (remarketing.store.*), for emails. */
	@Bean
	@ConditionalOnMissingBean
	StoreLinks remarketingStoreLinks(RemarketingProperties properties) {
		return properties.getStore().links();
	}

	@Bean
	@ConditionalOnMissingBean
	ShopStores remarketingShopStores(DataSource dataSource) {
		return new ShopizerStores(dataSource);
	}

	@Bean
	@ConditionalOnMissingBean(name = "remarketingTransportStatus")
	@Order(10)
	StatusContributor remarketingTransportStatus(RemarketingProperties properties) {
		String transport = properties.getTransport().externalName();
		return (status) -> status.put("transport", transport);
	}

	@Bean
	@ConditionalOnMissingBean(name = "remarketingStoreStatus")
	@Order(30)
	StatusContributor remarketingStoreStatus(ShopStores stores) {
		return (status) -> stores.defaultStore().ifPresent((store) -> {
			Map<String, Object> part = new LinkedHashMap<>();
			part.put("code", store.code());
			part.put("name", store.name());
			status.put("store", part);
		});
	}

	/** Without Spring's mail support there is no sender to report (see {@link MailStatusConfiguration}). */
	@Bean
	@ConditionalOnMissingBean(name = "remarketingMailStatus")
	@Order(20)
	StatusContributor remarketingMailStatus(RemarketingProperties properties) {
		String from = properties.getMail().getFrom();
		return (status) -> {
			Map<String, Object> mail = new LinkedHashMap<>();
			mail.put("configured", false);
			mail.put("host", null);
			mail.put("port", null);
			mail.put("from", from);
			status.put("mail", mail);
		};
	}

	// A member class is processed before the @Bean methods above, so its contributor wins when mail is there.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.mail.javamail.JavaMailSenderImpl",
			"javax.mail.internet.MimeMessage" })
	static class MailStatusConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "remarketingMailStatus")
		@Order(20)
		StatusContributor remarketingMailStatus(ObjectProvider<JavaMailSender> mailSender,
				ObjectProvider<MailProperties> mailProperties, RemarketingProperties properties) {
			return new MailStatusContributor(mailSender, mailProperties, properties.getMail().getFrom());
		}

	}

}
