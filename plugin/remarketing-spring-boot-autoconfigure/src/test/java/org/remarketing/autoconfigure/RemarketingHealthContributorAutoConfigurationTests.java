package org.remarketing.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class RemarketingHealthContributorAutoConfigurationTests {

	private final String url = TestDatabases.newUrl();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, RemarketingAutoConfiguration.class,
				RemarketingHealthContributorAutoConfiguration.class, HealthContributorAutoConfiguration.class,
				HealthEndpointAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + this.url, "management.endpoint.health.show-details=always");

	@Test
	void actuatorHealthHasARemarketingComponent() {
		this.runner.run((context) -> {
			CompositeHealth health = (CompositeHealth) context.getBean(HealthEndpoint.class).health();
			assertThat(health.getComponents()).containsKey("remarketing");
			Health remarketing = (Health) health.getComponents().get("remarketing");
			assertThat(remarketing.getStatus()).isEqualTo(Status.UP);
			assertThat(remarketing.getDetails()).containsAllEntriesOf(
					Map.of("schemaVersion", RemarketingAutoConfigurationTests.LATEST, "database", "h2", "eventsCaptured", 0L,
							"outboxBacklog", 0L));
		});
	}

	@Test
	void theHistoryImportsStateIsADetailThatLeavesThePluginUp() {
		StubHistoryImport historyImport = new StubHistoryImport();
		historyImport.start();
		this.runner.withBean(StubHistoryImport.class, () -> historyImport).run((context) -> {
			Health health = context.getBean("remarketingHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("historyImport", "running");
		});
	}

	@Test
	void downWhenThePluginsTablesDoNotAnswer() {
		this.runner.run((context) -> {
			TestDatabases.jdbc(this.url).execute("DROP TABLE rmk_event");
			Health health = context.getBean("remarketingHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void canBeSwitchedOffLikeAnyHealthIndicator() {
		this.runner.withPropertyValues("management.health.remarketing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("remarketingHealthIndicator"));
	}

	@Test
	void withoutTheActuatorThereIsNoHealthIndicator() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean("remarketingHealthIndicator"));
	}

	@Test
	void disabledPluginHasNoHealthIndicator() {
		this.runner.withPropertyValues("remarketing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("remarketingHealthIndicator"));
	}

}
