package org.remarketing.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import freemarker.template.Configuration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.remarketing.core.schema.RemarketingSchema;
import org.remarketing.core.shop.ShopStores;
import org.remarketing.core.shop.StoreLinks;
import org.remarketing.core.system.InstallSecrets;
import org.remarketing.core.system.StatusContributor;
import org.remarketing.core.system.SystemStatus;
import org.remarketing.core.templates.TemplateRenderer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.boot.autoconfigure.freemarker.FreeMarkerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

class RemarketingAutoConfigurationTests {

	/** The plugin's latest migration. */
	static final String LATEST = "7";

	private final String url = TestDatabases.newUrl();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, RemarketingAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + this.url);

	@Test
	void defaultsMigrateThePluginsTablesOnTheStoresDatabase() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(RemarketingSchema.class)
				.hasSingleBean(InstallSecrets.class)
				.hasSingleBean(SystemStatus.class)
				.hasSingleBean(TemplateRenderer.class)
				.hasSingleBean(ShopStores.class);
			assertThat(context.getBean(RemarketingSchema.class).currentVersion()).isEqualTo(LATEST);
			assertThat(TestDatabases.hasTable(this.url, "rmk_schema_history")).isTrue();
			assertThat(TestDatabases.hasTable(this.url, "rmk_event")).isTrue();
			assertThat(TestDatabases.jdbc(this.url).queryForObject("SELECT COUNT(*) FROM rmk_setting", Integer.class))
				.isEqualTo(2);
		});
	}

	@Test
	void declaresNoBeanTheHostsAutoConfigurationsBackOffFrom() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(Flyway.class)
			.doesNotHaveBean(FlywayMigrationInitializer.class)
			.doesNotHaveBean(Configuration.class)
			.doesNotHaveBean(JavaMailSender.class)
			.doesNotHaveBean(JdbcOperations.class));
	}

	@Test
	void disabledPluginCreatesNothing() {
		this.runner.withPropertyValues("remarketing.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(RemarketingSchema.class)
				.doesNotHaveBean(TemplateRenderer.class)
				.doesNotHaveBean(StatusContributor.class)
				.doesNotHaveBean(RemarketingProperties.class);
			assertThat(TestDatabases.hasTable(this.url, "rmk_schema_history")).isFalse();
		});
	}

	@Test
	void backsOffFromTheUsersOwnBean() {
		this.runner.withUserConfiguration(OwnTemplateRenderer.class).run((context) -> {
			assertThat(context).hasSingleBean(TemplateRenderer.class);
			assertThat(context.getBean(TemplateRenderer.class)).isSameAs(OwnTemplateRenderer.RENDERER);
		});
	}

	@Test
	void hostsOwnFlywayRunsFirstAndBothHistoriesExist() {
		// The host's bean asks for the plugin early: our migration must still wait for the host's.
		this.runner.withUserConfiguration(HostBeanUsingThePlugin.class)
			.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
			.withPropertyValues("spring.flyway.locations=classpath:db/host-migration")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(Flyway.class).hasSingleBean(RemarketingSchema.class);
				assertThat(TestDatabases.versions(this.url, "flyway_schema_history")).containsExactly("1");
				// Baselined: the host's migration had made the schema non-empty before ours ran.
				assertThat(TestDatabases.versions(this.url, "rmk_schema_history")).containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
				assertThat(TestDatabases.jdbc(this.url).queryForObject("SELECT NAME FROM HOST_THING", String.class))
					.isEqualTo("host row");
			});
	}

	@Test
	void hostWithoutFlywayButWithItsTablesStartsAndKeepsThem() {
		// Shopizer: Hibernate's ddl-auto created the host's tables before the plugin was installed.
		TestDatabases.jdbc(this.url).execute("CREATE TABLE MERCHANT_STORE (MERCHANT_ID INT PRIMARY KEY,"
				+ " STORE_CODE VARCHAR(100) NOT NULL, STORE_NAME VARCHAR(100) NOT NULL)");
		TestDatabases.jdbc(this.url).update("INSERT INTO MERCHANT_STORE VALUES (1, 'DEFAULT', 'Bean & Leaf')");
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(RemarketingSchema.class).currentVersion()).isEqualTo(LATEST);
			assertThat(TestDatabases.jdbc(this.url).queryForList("SELECT STORE_NAME FROM MERCHANT_STORE", String.class))
				.containsExactly("Bean & Leaf");
			assertThat(status(context)).containsEntry("store", Map.of("code", "DEFAULT", "name", "Bean & Leaf"));
		});
	}

	@Test
	void secondStartAppliesNothingNew() {
		this.runner.run((context) -> assertThat(context).hasNotFailed());
		String firstSecret = TestDatabases.jdbc(this.url)
			.queryForObject("SELECT setting_value FROM rmk_setting WHERE setting_key = 'install.secret'", String.class);
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(RemarketingSchema.class).currentVersion()).isEqualTo(LATEST);
		});
		assertThat(TestDatabases.versions(this.url, "rmk_schema_history")).containsExactly("1", "2", "3", "4", "5", "6", "7");
		assertThat(TestDatabases.jdbc(this.url)
			.queryForObject("SELECT setting_value FROM rmk_setting WHERE setting_key = 'install.secret'", String.class))
			.isEqualTo(firstSecret);
	}

	@Test
	void hostsFreeMarkerMailAndFlywayBeansStayExactlyOnce() {
		this.runner
			.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class, FreeMarkerAutoConfiguration.class,
					MailSenderAutoConfiguration.class))
			.withPropertyValues("spring.flyway.locations=classpath:db/host-migration", "spring.mail.host=smtp.example")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(Flyway.class)
				.hasSingleBean(FlywayMigrationInitializer.class)
				.hasSingleBean(Configuration.class)
				.hasSingleBean(JavaMailSender.class)
				.hasSingleBean(TemplateRenderer.class));
	}

	@Test
	void statusReportsPluginSchemaEventsTransportAndMail() {
		this.runner.run((context) -> {
			Map<String, Object> status = status(context);
			assertThat(status).containsOnlyKeys("plugin", "schema", "events", "transport", "mail", "outbox");
			assertThat(status.get("schema")).isEqualTo(
					Map.of("version", LATEST, "vendor", "h2", "historyTable", "rmk_schema_history"));
			assertThat(status.get("events")).isEqualTo(Map.of("captured", 0L));
			assertThat(status.get("transport")).isEqualTo("in-process");
			assertThat(status.get("mail")).isEqualTo(mail(false, null, null, null));
		});
	}

	@Test
	void statusReportsTheHostsMailServerButNeverItsPassword() {
		this.runner.withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
			.withPropertyValues("spring.mail.host=smtp.example", "spring.mail.port=2525",
					"spring.mail.password=s3cr3t-pw", "remarketing.mail.from=Bean & Leaf <hello@bean.example>")
			.run((context) -> {
				Map<String, Object> status = status(context);
				assertThat(status.get("mail"))
					.isEqualTo(mail(true, "smtp.example", 2525, "Bean & Leaf <hello@bean.example>"));
				assertThat(status.toString()).doesNotContain("s3cr3t-pw");
			});
	}

	@Test
	void statusWithoutSpringsMailSupportSaysMailIsNotConfigured() {
		this.runner.withClassLoader(new FilteredClassLoader(JavaMailSenderImpl.class))
			.run((context) -> assertThat(status(context).get("mail")).isEqualTo(mail(false, null, null, null)));
	}

	@Test
	void kafkaTransportWithoutSpringKafkaFailsWithWhatToDo() {
		this.runner.withPropertyValues("remarketing.transport=kafka")
			.withClassLoader(new FilteredClassLoader("org.springframework.kafka"))
			.run((context) -> assertThat(rootCause(context))
				.hasMessageContaining("add org.springframework.kafka:spring-kafka")
				.hasMessageContaining("remarketing.transport=in-process"));
	}

	@Test
	void withoutMigrationAPendingSchemaFailsWithWhatToDo() {
		this.runner.withPropertyValues("remarketing.schema.migrate=false")
			.run((context) -> assertThat(rootCause(context))
				.hasMessageContaining("remarketing.schema.migrate=true"));
		assertThat(TestDatabases.hasTable(this.url, "rmk_event")).isFalse();
	}

	@Test
	void withoutMigrationASchemaMigratedByTheDbaIsAccepted() {
		this.runner.run((context) -> assertThat(context).hasNotFailed());
		this.runner.withPropertyValues("remarketing.schema.migrate=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(RemarketingSchema.class).currentVersion()).isEqualTo(LATEST);
		});
	}

	@Test
	void unsafeBackofficeUrlIsRefused() {
		this.runner.withPropertyValues("remarketing.admin.backoffice-url=javascript:alert(1)")
			.run((context) -> assertThat(rootCause(context))
				.hasMessageContaining("must be a path starting with '/' or an http(s):// URL"));
	}

	@Test
	void storefrontLinksDefaultToTheSampleStoresRoutesAndFollowTheStoresSettings() {
		this.runner.run((context) -> {
			StoreLinks links = context.getBean(StoreLinks.class);
			assertThat(links.product(1, "COF001", "arabica")).isEqualTo("http://localhost:8080/product/COF001");
			assertThat(links.image("DEFAULT", "COF001", "COF001.png"))
				.isEqualTo("http://localhost:8080/static/products/DEFAULT/COF001/SMALL/COF001.png");
		});
		this.runner.withPropertyValues("remarketing.store.url=https://shop.example.com/",
				"remarketing.store.product-path=/p/{slug}", "remarketing.store.image-path=https://cdn.example.net/{file}")
			.run((context) -> {
				StoreLinks links = context.getBean(StoreLinks.class);
				assertThat(links.product(1, "COF001", "arabica")).isEqualTo("https://shop.example.com/p/arabica");
				assertThat(links.image("DEFAULT", "COF001", "COF001.png")).isEqualTo("https://cdn.example.net/COF001.png");
			});
	}

	@Test
	void badStorefrontLinksAreRefusedWithWhatToWrite() {
		this.runner.withPropertyValues("remarketing.store.url=shop.example.com")
			.run((context) -> assertThat(rootCause(context)).hasMessageContaining("remarketing.store.url")
				.hasMessageContaining("http(s)://host"));
		this.runner.withPropertyValues("remarketing.store.product-path=/product/{name}")
			.run((context) -> assertThat(rootCause(context)).hasMessageContaining("remarketing.store.product-path")
				.hasMessageContaining("{sku}, {id}, {slug}"));
	}

	private static Map<String, Object> status(AssertableApplicationContext context) {
		Map<String, Object> status = new LinkedHashMap<>();
		context.getBeanProvider(StatusContributor.class).orderedStream().forEach((c) -> c.contribute(status));
		return status;
	}

	private static Throwable rootCause(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		return NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
	}

	private static Map<String, Object> mail(boolean configured, String host, Integer port, String from) {
		Map<String, Object> mail = new LinkedHashMap<>();
		mail.put("configured", configured);
		mail.put("host", host);
		mail.put("port", port);
		mail.put("from", from);
		return mail;
	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class HostBeanUsingThePlugin {

		@Bean
		String hostBean(RemarketingSchema schema) {
			return "uses schema " + schema.currentVersion();
		}

	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class OwnTemplateRenderer {

		static final TemplateRenderer RENDERER = new TemplateRenderer(OwnTemplateRenderer.class.getClassLoader());

		@Bean
		TemplateRenderer myRenderer() {
			return RENDERER;
		}

	}

}
