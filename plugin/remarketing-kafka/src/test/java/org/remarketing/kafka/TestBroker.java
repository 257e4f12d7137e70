package org.remarketing.kafka;

import java.util.Locale;
import java.util.UUID;

import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * One embedded Kafka broker (spring-kafka-test) for all tests of this module, started on first use
 * and stopped when the test JVM exits. Tests isolate themselves with topics and groups of their own.
 */
final class TestBroker {

	private static EmbeddedKafkaBroker broker;

	private TestBroker() {
	}

	static synchronized String bootstrapServers() {
		if (broker == null) {
			EmbeddedKafkaBroker started = new EmbeddedKafkaBroker(1, false);
			started.afterPropertiesSet();
			Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "embedded-kafka-stop"));
			broker = started;
		}
		return broker.getBrokersAsString();
	}

	/** Settings on a topic and group no other test uses, with quick retries. */
	static KafkaTransportSettings settings() {
		String unique = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
		return KafkaTransportSettings.defaults()
			.withBootstrapServers(bootstrapServers())
			.withTopic("remarketing.events." + unique)
			.withGroupId("remarketing-" + unique)
			.withRetryDelay(java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(200));
	}

}
