package org.remarketing.kafka;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how the Kafka transport runs. Immutable; start from {@link #defaults()}.
 */
public final class KafkaTransportSettings {

	public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

	public static final String DEFAULT_TOPIC = "remarketing.events";

	public static final String DEFAULT_GROUP_ID = "remarketing";

	public static final int DEFAULT_PARTITIONS = 6;

	public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(15);

	public static final int DEFAULT_CONCURRENCY = 1;

	public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);

	public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofSeconds(30);

	private final String bootstrapServers;

	private final String topic;

	private final String groupId;

	private final int partitions;

	private final Duration sendTimeout;

	private final int concurrency;

	private final Duration retryDelay;

	private final Duration maxRetryDelay;

	private final Map<String, String> properties;

	private KafkaTransportSettings(String bootstrapServers, String topic, String groupId, int partitions,
			Duration sendTimeout, int concurrency, Duration retryDelay, Duration maxRetryDelay,
			Map<String, String> properties) {
		this.bootstrapServers = requireText(bootstrapServers, "bootstrap servers");
		this.topic = requireText(topic, "topic");
		this.groupId = requireText(groupId, "group id");
		this.partitions = requirePositive(partitions, "partitions");
		this.sendTimeout = requirePositive(sendTimeout, "send timeout");
		this.concurrency = requirePositive(concurrency, "concurrency");
		this.retryDelay = requirePositive(retryDelay, "retry delay");
		this.maxRetryDelay = requirePositive(maxRetryDelay, "max retry delay");
		this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
	}

	public static KafkaTransportSettings defaults() {
		return new KafkaTransportSettings(DEFAULT_BOOTSTRAP_SERVERS, DEFAULT_TOPIC, DEFAULT_GROUP_ID,
				DEFAULT_PARTITIONS, DEFAULT_SEND_TIMEOUT, DEFAULT_CONCURRENCY, DEFAULT_RETRY_DELAY,
				DEFAULT_MAX_RETRY_DELAY, Collections.emptyMap());
	}

	/** Comma-separated {@code host:port} list. */
	public KafkaTransportSettings withBootstrapServers(String bootstrapServers) {
		return new KafkaTransportSettings(bootstrapServers, this.topic, this.groupId, this.partitions,
				this.sendTimeout, this.concurrency, this.retryDelay, this.maxRetryDelay, this.properties);
	}

	public KafkaTransportSettings withTopic(String topic) {
		return new KafkaTransportSettings(this.bootstrapServers, topic, this.groupId, this.partitions,
				this.sendTimeout, this.concurrency, this.retryDelay, this.maxRetryDelay, this.properties);
	}

	public KafkaTransportSettings withGroupId(String groupId) {
		return new KafkaTransportSettings(this.bootstrapServers, this.topic, groupId, this.partitions,
				this.sendTimeout, this.concurrency, this.retryDelay, this.maxRetryDelay, this.properties);
	}

	public KafkaTransportSettings withPartitions(int partitions) {
		return new KafkaTransportSettings(this.bootstrapServers, this.topic, this.groupId, partitions,
				this.sendTimeout, this.concurrency, this.retryDelay, this.maxRetryDelay, this.properties);
	}

	public KafkaTransportSettings withSendTimeout(Duration sendTimeout) {
		return new KafkaTransportSettings(this.bootstrapServers, this.topic, this.groupId, this.partitions,
				sendTimeout, this.concurrency, this.retryDelay, this.maxRetryDelay, this.properties);
	}

	public KafkaTransportSettings withConcurrency(int concurrency) {
		return new KafkaTransportSettings(this.bootstrapServers, this.topic, this.groupId, this.partitions,
				this.sendTimeout, concurrency, this.retryDelay, this.maxRetryDelay, this.properties);
	}

	public KafkaTransportSettings withRetryDelay(Duration retryDelay, Duration maxRetryDelay) {
		return new KafkaTransportSettings(this.bootstrapServers, this.topic, this.groupId, this.partitions,
				this.sendTimeout, this.concurrency, retryDelay, maxRetryDelay, this.properties);
	}

	/** Extra Kafka client properties (security, SASL, tuning), given to the producer, the consumer and the admin client. */
	public KafkaTransportSettings withProperties(Map<String, String> properties) {
		return new KafkaTransportSettings(this.bootstrapServers, this.topic, this.groupId, this.partitions,
				this.sendTimeout, this.concurrency, this.retryDelay, this.maxRetryDelay,
				Objects.requireNonNull(properties, "properties"));
	}

	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	public String topic() {
		return this.topic;
	}

	public String groupId() {
		return this.groupId;
	}

	/** Partitions of the topic when the plugin creates it. */
	public int partitions() {
		return this.partitions;
	}

	/** Longest wait for the broker to acknowledge a whole batch. */
	public Duration sendTimeout() {
		return this.sendTimeout;
	}

	/** Consumer threads of this node. */
	public int concurrency() {
		return this.concurrency;
	}

	/** First wait before a batch whose processing failed is consumed again; doubles up to {@link #maxRetryDelay()}. */
	public Duration retryDelay() {
		return this.retryDelay;
	}

	public Duration maxRetryDelay() {
		return this.maxRetryDelay;
	}

	public Map<String, String> properties() {
		return this.properties;
	}

	private static String requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("The Kafka " + name + " must not be empty");
		}
		return value.trim();
	}

	private static int requirePositive(int value, String name) {
		if (value < 1) {
			throw new IllegalArgumentException("The Kafka " + name + " must be at least 1, not " + value);
		}
		return value;
	}

	private static Duration requirePositive(Duration value, String name) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException("The Kafka " + name + " must be positive, not " + value);
		}
		return value;
	}

	@Override
	public String toString() {
		// properties may hold credentials (sasl.jaas.config): their names only
		return "KafkaTransportSettings[bootstrapServers=" + this.bootstrapServers + ", topic=" + this.topic
				+ ", groupId=" + this.groupId + ", partitions=" + this.partitions + ", properties="
				+ this.properties.keySet() + "]";
	}

}
