package org.remarketing.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.remarketing.core.system.StatusContributor;
import org.remarketing.core.tracking.EventProcessor;
import org.remarketing.kafka.KafkaEventConsumer;
import org.remarketing.kafka.KafkaEventTransport;
import org.remarketing.kafka.KafkaTransportSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * {@code remarketing.transport=kafka}: the outbox relay hands events to Kafka
 * ({@link KafkaEventTransport}) and this node's consumers ({@link KafkaEventConsumer}) apply them
 * with the {@link EventProcessor}. Imported by {@link RemarketingAutoConfiguration}, so its guards
 * apply; that class refuses to start when spring-kafka is missing.
 *
 * <p>Declares no bean of a Kafka type ({@code KafkaTemplate}, {@code ProducerFactory},
 * {@code ConsumerFactory}, {@code KafkaAdmin}, listener container factories): Spring Boot's Kafka
 * auto-configuration backs off from those, and the store may use Kafka for itself.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = { "org.springframework.kafka.listener.ConcurrentMessageListenerContainer",
		"org.remarketing.kafka.KafkaEventTransport" })
@ConditionalOnProperty(prefix = "remarketing", name = "transport", havingValue = "kafka")
class KafkaTransportConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KafkaTransportSettings remarketingKafkaSettings(RemarketingProperties properties,
			ObjectProvider<KafkaProperties> bootKafka, Environment environment) {
		RemarketingProperties.Kafka kafka = properties.getKafka();
		return KafkaTransportSettings.defaults()
			.withBootstrapServers(bootstrapServers(kafka, bootKafka, environment))
			.withTopic(kafka.getTopic())
			.withGroupId(kafka.getGroupId())
			.withPartitions(kafka.getPartitions())
			.withSendTimeout(kafka.getSendTimeout())
			.withConcurrency(kafka.getConcurrency())
			.withProperties(kafka.getProperties());
	}

	/** remarketing.kafka.bootstrap-servers, else the store's spring.kafka.bootstrap-servers, else localhost:9092. */
	static String bootstrapServers(RemarketingProperties.Kafka kafka, ObjectProvider<KafkaProperties> bootKafka,
			Environment environment) {
		if (!kafka.getBootstrapServers().isEmpty()) {
			return String.join(",", kafka.getBootstrapServers());
		}
		KafkaProperties boot = bootKafka.getIfAvailable();
		if (boot != null && boot.getBootstrapServers() != null && !boot.getBootstrapServers().isEmpty()) {
			return String.join(",", boot.getBootstrapServers());
		}
		return Binder.get(environment)
			.bind("spring.kafka.bootstrap-servers", Bindable.listOf(String.class))
			.map((servers) -> String.join(",", servers))
			.orElse(KafkaTransportSettings.DEFAULT_BOOTSTRAP_SERVERS);
	}

	/** The relay's transport; its producer is created on the first batch and closed after the relay stopped. */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(org.remarketing.core.tracking.EventTransport.class)
	KafkaEventTransport remarketingKafkaTransport(KafkaTransportSettings settings) {
		return new KafkaEventTransport(settings);
	}

	/** Started when the application is ready, stopped when the context closes. */
	@Bean(destroyMethod = "stop")
	@ConditionalOnMissingBean
	KafkaEventConsumer remarketingKafkaConsumer(KafkaTransportSettings settings, EventProcessor processor) {
		return new KafkaEventConsumer(settings, processor);
	}

	@Bean
	KafkaConsumerStarter remarketingKafkaConsumerStarter(ObjectProvider<KafkaEventConsumer> consumer) {
		return new KafkaConsumerStarter(consumer);
	}

	@Bean
	@ConditionalOnMissingBean(name = "remarketingKafkaStatus")
	@Order(11)
	StatusContributor remarketingKafkaStatus(ObjectProvider<KafkaEventConsumer> consumer,
			KafkaTransportSettings settings) {
		return (status) -> {
			Map<String, Object> part = new LinkedHashMap<>();
			part.put("bootstrapServers", List.of(settings.bootstrapServers().split(",")));
			part.put("topic", settings.topic());
			part.put("groupId", settings.groupId());
			KafkaEventConsumer running = consumer.getIfAvailable();
			part.put("consumerRunning", running != null && running.isRunning());
			OptionalLong lag = (running != null) ? running.lag() : OptionalLong.empty();
			part.put("consumerLag", lag.isPresent() ? lag.getAsLong() : null);
			status.put("kafka", part);
		};
	}

	/** Consumers start once the store is ready, never during bean creation. */
	static final class KafkaConsumerStarter implements ApplicationListener<ApplicationReadyEvent> {

		private final ObjectProvider<KafkaEventConsumer> consumer;

		KafkaConsumerStarter(ObjectProvider<KafkaEventConsumer> consumer) {
			this.consumer = consumer;
		}

		@Override
		public void onApplicationEvent(ApplicationReadyEvent event) {
			this.consumer.ifAvailable(KafkaEventConsumer::start);
		}

	}

}
