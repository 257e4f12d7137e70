package org.remarketing.kafka;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events topic, created when absent with the configured partitions and the broker's default
 * replication factor (never relying on the broker's auto-creation, which would give it the broker's
 * default partition count). Asked once per process once it succeeded.
 */
final class KafkaTopic {

	private static final Logger logger = LoggerFactory.getLogger(KafkaTopic.class);

	private final KafkaTransportSettings settings;

	private volatile boolean ensured;

	KafkaTopic(KafkaTransportSettings settings) {
		this.settings = settings;
	}

	String name() {
		return this.settings.topic();
	}

	/**
	 * Makes sure the topic exists.
	 * @throws IllegalStateException when the broker cannot be asked within the send timeout
	 */
	void ensureExists() {
		if (this.ensured) {
			return;
		}
		synchronized (this) {
			if (this.ensured) {
				return;
			}
			long timeoutMs = this.settings.sendTimeout().toMillis();
			Map<String, Object> config = new HashMap<>(this.settings.properties());
			config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.settings.bootstrapServers());
			config.put(AdminClientConfig.CLIENT_ID_CONFIG, "remarketing-admin");
			config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeoutMs));
			config.putIfAbsent("default.api.timeout.ms", (int) Math.min(Integer.MAX_VALUE, timeoutMs));
			try (AdminClient admin = AdminClient.create(config)) {
				NewTopic topic = new NewTopic(this.settings.topic(), Optional.of(this.settings.partitions()),
						Optional.empty());
				admin.createTopics(Collections.singleton(topic)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
				logger.info("Remarketing created Kafka topic {} with {} partitions", this.settings.topic(),
						this.settings.partitions());
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof TopicExistsException)) {
					throw new IllegalStateException("Remarketing could not create Kafka topic " + this.settings.topic()
							+ " on " + this.settings.bootstrapServers() + ": " + describe(ex.getCause()), ex.getCause());
				}
			}
			catch (TimeoutException ex) {
				throw new IllegalStateException("Remarketing could not reach Kafka at " + this.settings.bootstrapServers()
						+ " within " + this.settings.sendTimeout().toMillis() + " ms to check topic "
						+ this.settings.topic(), ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while checking Kafka topic " + this.settings.topic(), ex);
			}
			this.ensured = true;
		}
	}

	static String describe(Throwable ex) {
		return (ex == null) ? "unknown cause" : ex.getClass().getSimpleName() + ": " + ex.getMessage();
	}

}
