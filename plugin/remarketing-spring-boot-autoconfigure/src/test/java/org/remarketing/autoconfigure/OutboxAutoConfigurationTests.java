package org.remarketing.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.remarketing.core.contacts.ContactEventProcessor;
import org.remarketing.core.system.StatusContributor;
import org.remarketing.core.tracking.EventLogProcessor;
import org.remarketing.core.tracking.EventProcessor;
import org.remarketing.core.tracking.EventSource;
import org.remarketing.core.tracking.EventTransport;
import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.GroupCommitOutbox;
import org.remarketing.core.tracking.InProcessTransport;
import org.remarketing.core.tracking.JdbcOutbox;
import org.remarketing.core.tracking.Outbox;
import org.remarketing.core.tracking.OutboxRelay;
import org.remarketing.core.tracking.ShopperContext;
import org.remarketing.core.tracking.TrackedEvent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxAutoConfigurationTests {

	private final String url = TestDatabases.newUrl();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, RemarketingAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + this.url);

	@Test
	void defaultsCaptureThroughTheOutboxIntoTheEventLogInProcess() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(Outbox.class)
				.hasSingleBean(JdbcOutbox.class)
				.hasSingleBean(OutboxRelay.class)
				.hasSingleBean(EventTransport.class)
				.hasSingleBean(InProcessTransport.class)
				.hasSingleBean(EventProcessor.class)
				.hasSingleBean(ShopperContext.class);
			// the contacts feature's processor (event log and profiles) wins over the event-log-only fallback
			assertThat(context).doesNotHaveBean(EventLogProcessor.class);
			assertThat(context.getBean(EventProcessor.class)).isInstanceOf(ContactEventProcessor.class);
			assertThat(context.getBean(EventTransport.class).name()).isEqualTo("in-process");
			assertThat(TestDatabases.hasTable(this.url, "rmk_outbox")).isTrue();
		});
	}

	@Test
	void relayStartsOnlyWhenTheApplicationIsReadyAndStopsWithTheContext() {
		this.runner.withPropertyValues("remarketing.outbox.poll-interval=1m").run((context) -> {
			OutboxRelay relay = context.getBean(OutboxRelay.class);
			context.getBean(Outbox.class).append(List.of(event(), event()));
			assertThat(relay.isRunning()).isFalse();
			assertThat(relayThreadAlive()).isFalse();
			assertThat(count("rmk_outbox")).isEqualTo(2);

			ready(context);
			assertThat(relay.isRunning()).isTrue();
			assertThat(relayThreadAlive()).isTrue();
			awaitCount("rmk_event", 2);
			// the relay deletes the rows once the processor returned: a moment after the last event's commit
			awaitEmpty("rmk_outbox");

			// This node's commit wakes the relay long before the one-minute poll.
			context.getBean(Outbox.class).append(List.of(event()));
			awaitCount("rmk_event", 3);

			context.close();
			assertThat(relay.isRunning()).isFalse();
			assertThat(relayThreadAlive()).isFalse();
		});
	}

	@Test
	void statusTellsTheOutboxBacklog() {
		this.runner.run((context) -> {
			context.getBean(Outbox.class).append(List.of(event(), event(), event()));
			Map<String, Object> status = new LinkedHashMap<>();
			context.getBeanProvider(StatusContributor.class).orderedStream()
				.forEach((c) -> c.contribute(status));
			@SuppressWarnings("unchecked")
			Map<String, Object> outbox = (Map<String, Object>) status.get("outbox");
			assertThat(outbox).containsEntry("backlog", 3L)
				.containsEntry("quarantined", 0L)
				.containsEntry("relayRunning", false)
				.containsKeys("oldestPendingSeconds", "lastRelayAt", "delivered");
			assertThat(new ArrayList<>(status.keySet())).containsSubsequence("events", "outbox", "transport");
		});
	}

	@Test
	void propertiesShapeTheRelay() {
		this.runner
			.withPropertyValues("remarketing.outbox.batch-size=2", "remarketing.outbox.poll-interval=50ms",
					"remarketing.outbox.lease=30s")
			.run((context) -> {
				RemarketingProperties.Outbox outbox = context.getBean(RemarketingProperties.class).getOutbox();
				assertThat(outbox.getBatchSize()).isEqualTo(2);
				assertThat(outbox.getPollInterval()).isEqualTo(Duration.ofMillis(50));
				assertThat(outbox.getLease()).isEqualTo(Duration.ofSeconds(30));
				context.getBean(Outbox.class).append(List.of(event(), event(), event()));
				assertThat(context.getBean(OutboxRelay.class).drainOnce()).isEqualTo(2);
			});
	}

	@Test
	void browserEventsShareCommitsByDefaultWithTheirSettingsAndShowInTheStatus() {
		this.runner
			.withPropertyValues("remarketing.tracking.group-commit.writers=3",
					"remarketing.tracking.group-commit.max-batch=100",
					"remarketing.tracking.group-commit.queue-capacity=1000",
					"remarketing.tracking.group-commit.max-wait=2s")
			.run((context) -> {
				assertThat(context).hasSingleBean(Outbox.class).hasSingleBean(GroupCommitOutbox.class);
				GroupCommitOutbox outbox = context.getBean(GroupCommitOutbox.class);
				GroupCommitOutbox.Options options = outbox.options();
				assertThat(List.of(options.writers(), options.maxBatch(), options.queueCapacity()))
					.containsExactly(3, 100, 1000);
				assertThat(options.maxWait()).isEqualTo(Duration.ofSeconds(2));
				assertThat(writerThreads()).as("none before the first grouped append").isZero();

				outbox.append(List.of(event(), event()));
				assertThat(count("rmk_outbox")).isEqualTo(2);
				assertThat(writerThreads()).isEqualTo(3);
				Map<String, Object> status = new LinkedHashMap<>();
				context.getBeanProvider(StatusContributor.class).orderedStream().forEach((c) -> c.contribute(status));
				@SuppressWarnings("unchecked")
				Map<String, Object> groupCommit = (Map<String, Object>) ((Map<String, Object>) status.get("outbox"))
					.get("groupCommit");
				assertThat(groupCommit).containsEntry("queued", 0)
					.containsEntry("commits", 1L)
					.containsEntry("events", 2L)
					.containsEntry("refusedQueueFull", 0L)
					.containsEntry("timedOut", 0L);

				context.close();
				assertThat(writerThreads()).as("stopped with the context").isZero();
			});
	}

	@Test
	void groupCommitOffLeavesEachAppendToCommitAlone() {
		this.runner.withPropertyValues("remarketing.tracking.group-commit.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(Outbox.class).doesNotHaveBean(GroupCommitOutbox.class);
			assertThat(context.getBean(Outbox.class).getClass()).isEqualTo(JdbcOutbox.class);
		});
	}

	@ParameterizedTest
	@CsvSource({ "remarketing.outbox.batch-size=0, remarketing.outbox.batch-size must be at least 1",
			"remarketing.tracking.group-commit.queue-capacity=10,"
					+ " remarketing.tracking.group-commit.queue-capacity must be at least 500",
			"remarketing.tracking.group-commit.writers=0, remarketing.tracking.group-commit.writers must be at least 1" })
	void badOutboxSettingsFailWithWhatToDo(String setting, String message) {
		this.runner.withPropertyValues(setting).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining(message);
		});
	}

	@Test
	void theContactsProcessorOrTheStoresOwnReplacesTheEventLogDefault() {
		this.runner.withUserConfiguration(OwnProcessor.class).run((context) -> {
			assertThat(context).hasSingleBean(EventProcessor.class).doesNotHaveBean(EventLogProcessor.class);
			context.getBean(Outbox.class).append(List.of(event()));
			context.getBean(OutboxRelay.class).drainOnce();
			assertThat(context.getBean(OwnProcessor.class).processed).hasSize(1);
		});
	}

	@Test
	void anotherTransportLeavesOutTheInProcessOne() {
		this.runner.withUserConfiguration(OwnTransport.class).withPropertyValues("remarketing.transport=in-process")
			.run((context) -> assertThat(context).hasSingleBean(EventTransport.class)
				.doesNotHaveBean(InProcessTransport.class));
	}

	@Test
	void disabledPluginHasNoOutboxRelayOrTransport() {
		this.runner.withPropertyValues("remarketing.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(Outbox.class)
				.doesNotHaveBean(OutboxRelay.class)
				.doesNotHaveBean(EventTransport.class)
				.doesNotHaveBean(EventProcessor.class)
				.doesNotHaveBean(ShopperContext.class));
	}

	@SuppressWarnings("deprecation")
	private static void ready(AssertableApplicationContext context) {
		// The three-argument constructor exists on Boot 2.5 and 2.7 alike.
		context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
				context.getSourceApplicationContext(ConfigurableApplicationContext.class)));
	}

	private int count(String table) {
		return TestDatabases.jdbc(this.url).queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
	}

	private void awaitEmpty(String table) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (count(table) > 0 && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(count(table)).isZero();
	}

	private void awaitCount(String table, int expected) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (count(table) != expected && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(count(table)).isEqualTo(expected);
	}

	private static boolean relayThreadAlive() {
		return Thread.getAllStackTraces().keySet().stream()
			.anyMatch((thread) -> thread.getName().equals(OutboxRelay.THREAD_NAME) && thread.isAlive());
	}

	private static long writerThreads() {
		return Thread.getAllStackTraces().keySet().stream()
			.filter((thread) -> thread.getName().startsWith(GroupCommitOutbox.THREAD_NAME) && thread.isAlive())
			.count();
	}

	private static TrackedEvent event() {
		return TrackedEvent.builder(EventType.PAGE_VIEW, EventSource.BROWSER).property("url", "/products/tea").build();
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnProcessor {

		final List<TrackedEvent> processed = Collections.synchronizedList(new ArrayList<>());

		@Bean
		EventProcessor contactsProcessor() {
			return this.processed::addAll;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnTransport {

		@Bean
		EventTransport ownTransport() {
			return new EventTransport() {
				@Override
				public void send(List<TrackedEvent> events) {
				}

				@Override
				public String name() {
					return "own";
				}
			};
		}

	}

}
