package org.remarketing.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.remarketing.core.contacts.ContactEventProcessor;
import org.remarketing.core.system.StatusContributor;
import org.remarketing.core.tracking.EventSource;
import org.remarketing.core.tracking.EventTransport;
import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.InProcessTransport;
import org.remarketing.core.tracking.Outbox;
import org.remarketing.core.tracking.OutboxRelay;
import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;
import org.remarketing.kafka.KafkaEventConsumer;
import org.remarketing.kafka.KafkaEventTransport;
import org.remarketing.kafka.KafkaTransportSettings;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaTransportAutoConfigurationTests {

	private static EmbeddedKafkaBroker broker;

	private final String url = TestDatabases.newUrl();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, RemarketingAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + this.url, "remarketing.transport=kafka");

	@AfterAll
	static void stopBroker() {
		if (broker != null) {
			broker.destroy();
		}
	}

	@Test
	void kafkaTransportReplacesTheInProcessOneAndDeclaresNoKafkaBeans() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(EventTransport.class)
				.hasSingleBean(KafkaEventTransport.class)
				.doesNotHaveBean(InProcessTransport.class)
				.hasSingleBean(KafkaEventConsumer.class)
				.hasSingleBean(OutboxRelay.class)
				.hasSingleBean(ContactEventProcessor.class)
				.doesNotHaveBean(KafkaTemplate.class)
				.doesNotHaveBean(ProducerFactory.class)
				.doesNotHaveBean(ConsumerFactory.class)
				.doesNotHaveBean(KafkaAdmin.class)
				.doesNotHaveBean(ConcurrentKafkaListenerContainerFactory.class);
			assertThat(context.getBean(EventTransport.class).name()).isEqualTo("kafka");
			// Nothing consumes before the store is ready.
			assertThat(context.getBean(KafkaEventConsumer.class).isRunning()).isFalse();
			assertThat(status(context)).containsEntry("transport", "kafka");
			@SuppressWarnings("unchecked")
			Map<String, Object> kafka = (Map<String, Object>) status(context).get("kafka");
			assertThat(kafka).containsEntry("topic", "remarketing.events")
				.containsEntry("groupId", "remarketing")
				.containsEntry("consumerRunning", false);
		});
	}

	@Test
	void theStoresOwnKafkaBeansStayAsSpringBootMakesThem() {
		this.runner.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
			.withUserConfiguration(StoreKafka.class)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(KafkaEventTransport.class)
					.hasSingleBean(KafkaTemplate.class)
					.hasSingleBean(ProducerFactory.class)
					.hasSingleBean(ConsumerFactory.class)
					.hasSingleBean(KafkaAdmin.class)
					.hasSingleBean(ConcurrentKafkaListenerContainerFactory.class);
				assertThat(context.getBean(KafkaTemplate.class)).isSameAs(context.getBean("storeTemplate"));
			});
	}

	@Test
	void inProcessTransportHasNoKafkaPart() {
		this.runner.withPropertyValues("remarketing.transport=in-process")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(InProcessTransport.class)
				.doesNotHaveBean(KafkaEventTransport.class)
				.doesNotHaveBean(KafkaEventConsumer.class)
				.doesNotHaveBean(KafkaTransportSettings.class));
	}

	@Test
	void brokersComeFromTheStoresSpringKafkaSettingsUnlessTheirOwnAreSet() {
		this.runner.run((context) -> assertThat(settings(context).bootstrapServers()).isEqualTo("localhost:9092"));
		this.runner.withPropertyValues("spring.kafka.bootstrap-servers=kafka-1:9092,kafka-2:9092")
			.run((context) -> assertThat(settings(context).bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092"));
		this.runner.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
			.withPropertyValues("spring.kafka.bootstrap-servers=kafka-1:9092")
			.run((context) -> assertThat(settings(context).bootstrapServers()).isEqualTo("kafka-1:9092"));
		this.runner
			.withPropertyValues("spring.kafka.bootstrap-servers=kafka-1:9092",
					"remarketing.kafka.bootstrap-servers=events-1:9092,events-2:9092", "remarketing.kafka.topic=shop.events",
					"remarketing.kafka.group-id=shop", "remarketing.kafka.partitions=12",
					"remarketing.kafka.send-timeout=3s", "remarketing.kafka.concurrency=2",
					"remarketing.kafka.properties.security.protocol=SSL")
			.run((context) -> {
				KafkaTransportSettings settings = settings(context);
				assertThat(settings.bootstrapServers()).isEqualTo("events-1:9092,events-2:9092");
				assertThat(settings.topic()).isEqualTo("shop.events");
				assertThat(settings.groupId()).isEqualTo("shop");
				assertThat(settings.partitions()).isEqualTo(12);
				assertThat(settings.sendTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(settings.concurrency()).isEqualTo(2);
				assertThat(settings.properties()).containsEntry("security.protocol", "SSL");
			});
	}

	@Test
	void eventsOfTheOutboxTravelThroughKafkaIntoContactsOnceTheStoreIsReady() {
		String topic = "remarketing.events." + UUID.randomUUID().toString().substring(0, 8);
		this.runner
			.withPropertyValues("remarketing.kafka.bootstrap-servers=" + brokers(), "remarketing.kafka.topic=" + topic,
					"remarketing.outbox.poll-interval=50ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ready(context);
				context.getBean(Outbox.class).append(List.of(view("v1", 7), view("v1", 7), view("v2", 8)));
				awaitCount("rmk_event", 3);
				assertThat(count("rmk_outbox")).isZero();
				assertThat(count("rmk_contact")).isEqualTo(2);
				KafkaEventConsumer consumer = context.getBean(KafkaEventConsumer.class);
				assertThat(consumer.isRunning()).isTrue();
				assertThat(consumerThreads()).isPositive();
				context.close();
				assertThat(consumer.isRunning()).isFalse();
			});
	}

	private static synchronized String brokers() {
		if (broker == null) {
			broker = new EmbeddedKafkaBroker(1, false);
			broker.afterPropertiesSet();
		}
		return broker.getBrokersAsString();
	}

	private static TrackedEvent view(String visitor, long productId) {
		return TrackedEvent.builder(EventType.PRODUCT_VIEW, EventSource.BROWSER)
			.shopper(ShopperIds.of(visitor, null, null, false))
			.occurredAt(Instant.now())
			.property("product_id", productId)
			.build();
	}

	private static KafkaTransportSettings settings(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(KafkaTransportSettings.class);
	}

	private static Map<String, Object> status(AssertableApplicationContext context) {
		Map<String, Object> status = new LinkedHashMap<>();
		context.getBeanProvider(StatusContributor.class).orderedStream().forEach((c) -> c.contribute(status));
		return status;
	}

	@SuppressWarnings("deprecation")
	private static void ready(AssertableApplicationContext context) {
		// The three-argument constructor exists on Boot 2.5 and 2.7 alike.
		context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
				context.getSourceApplicationContext(ConfigurableApplicationContext.class)));
	}

	private static long consumerThreads() {
		return Thread.getAllStackTraces().keySet().stream()
			.filter((thread) -> thread.getName().startsWith(KafkaEventConsumer.THREAD_PREFIX) && thread.isDaemon())
			.count();
	}

	private int count(String table) {
		return TestDatabases.jdbc(this.url).queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
	}

	private void awaitCount(String table, int expected) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (count(table) < expected && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(count(table)).isEqualTo(expected);
	}

	/** A store that uses Kafka for itself. */
	@Configuration(proxyBeanMethods = false)
	static class StoreKafka {

		@Bean
		KafkaTemplate<String, String> storeTemplate() {
			return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of("bootstrap.servers", "localhost:9092")));
		}

	}

}
