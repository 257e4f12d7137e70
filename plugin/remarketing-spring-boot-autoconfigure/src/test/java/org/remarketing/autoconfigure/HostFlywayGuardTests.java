package org.remarketing.autoconfigure;

import java.util.Collections;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole applications (environment post-processors and every auto-configuration on the
 * classpath, Boot's Flyway included), as a host starts them after adding the starter.
 */
class HostFlywayGuardTests {

	@Test
	void shopizerLikeHostOnAnExistingDatabaseStartsWithoutBootsFlyway() {
		String url = TestDatabases.newUrl();
		JdbcTemplate outside = TestDatabases.jdbc(url);
		// an existing store: tables made by Hibernate, no Flyway history
		outside.execute("CREATE TABLE SHOPPING_CART (SHP_CART_ID BIGINT PRIMARY KEY, SHP_CART_CODE VARCHAR(32))");
		outside.update("INSERT INTO SHOPPING_CART VALUES (1, 'abc')");

		try (ConfigurableApplicationContext host = start(url)) {
			assertThat(host.getEnvironment().getProperty("spring.flyway.enabled")).isEqualTo("false");
			assertThat(TestDatabases.hasTable(host.getBean(javax.sql.DataSource.class), "flyway_schema_history"))
					.as("Boot's Flyway left the store's schema alone").isFalse();
			assertThat(TestDatabases.hasTable(host.getBean(javax.sql.DataSource.class), "rmk_schema_history")).isTrue();
		}
		assertThat(outside.queryForObject("SELECT SHP_CART_CODE FROM SHOPPING_CART WHERE SHP_CART_ID = 1", String.class))
				.isEqualTo("abc");
	}

	@Test
	void hostThatConfiguresFlywayKeepsIt() {
		String url = TestDatabases.newUrl();
		try (ConfigurableApplicationContext host = start(url, "spring.flyway.locations=classpath:db/host-migration")) {
			assertThat(host.getEnvironment().getPropertySources().contains(HostFlywayGuard.PROPERTY_SOURCE)).isFalse();
			JdbcTemplate jdbc = host.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForList("SELECT \"script\" FROM \"flyway_schema_history\" WHERE \"success\"", String.class))
					.as("the host's own migration ran").contains("V1__host_thing.sql");
			assertThat(TestDatabases.hasTable(host.getBean(javax.sql.DataSource.class), "HOST_THING")).isTrue();
			assertThat(TestDatabases.hasTable(host.getBean(javax.sql.DataSource.class), "rmk_schema_history")).isTrue();
		}
	}

	@Test
	void explicitSwitchWins() {
		// Boot 2.5 refuses an empty default location unless told otherwise (2.7 only warns);
		// without this guard that is how a Shopizer host would fail to start
		try (ConfigurableApplicationContext host = start(TestDatabases.newUrl(), "spring.flyway.enabled=true",
				"spring.flyway.check-location=false", "spring.flyway.fail-on-missing-locations=false")) {
			assertThat(host.getEnvironment().getProperty("spring.flyway.enabled")).isEqualTo("true");
			assertThat(TestDatabases.hasTable(host.getBean(javax.sql.DataSource.class), "flyway_schema_history")).isTrue();
		}
	}

	@Test
	void flywaySettingsFromEnvironmentVariablesCount() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env",
				Collections.singletonMap("SPRING_FLYWAY_URL", "jdbc:h2:mem:x")));
		assertThat(HostFlywayGuard.hostConfiguresFlyway(environment)).isTrue();
		assertThat(HostFlywayGuard.hostConfiguresFlyway(new StandardEnvironment())).isFalse();
	}

	private static ConfigurableApplicationContext start(String url, String... properties) {
		SpringApplication application = new SpringApplicationBuilder(Host.class)
				.web(WebApplicationType.NONE)
				.properties("spring.datasource.url=" + url, "spring.datasource.username=sa",
						"spring.main.banner-mode=off", "spring.jmx.enabled=false")
				.properties(properties)
				.build();
		return application.run();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Host {

	}
}
