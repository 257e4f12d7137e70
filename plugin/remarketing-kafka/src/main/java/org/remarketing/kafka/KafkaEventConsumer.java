package org.remarketing.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.remarketing.core.tracking.EventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * Consumes the events topic in the consumer group and hands each polled batch to the
 * {@link EventProcessor} (see {@link EventBatchListener}): a spring-kafka
 * {@link ConcurrentMessageListenerContainer} built here, never a bean, on daemon threads named
 * {@value #THREAD_PREFIX}{@code n}. A new group starts from the earliest offset, so nothing relayed
 * before the first start is missed. Offsets are committed after each processed batch.
 */
public class KafkaEventConsumer {

	public static final String THREAD_PREFIX = "remarketing-kafka-consumer-";

	private static final Logger logger = LoggerFactory.getLogger(KafkaEventConsumer.class);

	private final KafkaTransportSettings settings;

	private final EventProcessor processor;

	private final KafkaTopic topic;

	private volatile ConcurrentMessageListenerContainer<String, String> container;

	private volatile boolean stopping;

	private boolean started;

	/** Counts starts, so a start overtaken by stop() and a new start() does nothing. */
	private int generation;

	public KafkaEventConsumer(KafkaTransportSettings settings, EventProcessor processor) {
		this.settings = settings;
		this.processor = processor;
		this.topic = new KafkaTopic(settings);
	}

	/**
	 * Starts consuming on a thread of its own: the topic is created first if absent (which waits
	 * for the broker at most the send timeout), so the caller (the store's start) never waits on
	 * the network. Does nothing if started already.
	 */
	public synchronized void start() {
		if (this.started) {
			return;
		}
		this.started = true;
		this.stopping = false;
		int generation = ++this.generation;
		Thread starter = new Thread(() -> startContainer(generation), THREAD_PREFIX + "start");
		starter.setDaemon(true);
		starter.start();
	}

	/** Starts consuming on the calling thread (after the topic check); for callers that want to wait. */
	public void startAndWait() {
		int generation;
		synchronized (this) {
			if (this.started) {
				return;
			}
			this.started = true;
			this.stopping = false;
			generation = ++this.generation;
		}
		startContainer(generation);
	}

	private void startContainer(int generation) {
		try {
			this.topic.ensureExists();
		}
		catch (IllegalStateException ex) {
			// The store runs anyway; the consumer waits for the broker, the relay keeps events in the outbox.
			logger.warn("{}; remarketing consumes the topic once Kafka is there", ex.getMessage());
		}
		synchronized (this) {
			if (this.stopping || generation != this.generation || this.container != null) {
				return; // stopped (and perhaps started again) meanwhile
			}
			ContainerProperties properties = new ContainerProperties(this.settings.topic());
			properties.setGroupId(this.settings.groupId());
			properties.setClientId("remarketing-consumer");
			properties.setAckMode(ContainerProperties.AckMode.MANUAL_IMMEDIATE);
			properties.setMissingTopicsFatal(false);
			properties.setMessageListener(new EventBatchListener(this.processor, this.settings, () -> this.stopping));
			SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(THREAD_PREFIX);
			threads.setDaemon(true);
			properties.setConsumerTaskExecutor(threads);
			ConcurrentMessageListenerContainer<String, String> created = new ConcurrentMessageListenerContainer<>(
					new DefaultKafkaConsumerFactory<>(consumerConfig(), new StringDeserializer(),
							new StringDeserializer()),
					properties);
			created.setConcurrency(this.settings.concurrency());
			created.setBeanName("remarketing-kafka-consumer");
			created.setAutoStartup(false);
			created.start();
			this.container = created;
		}
		logger.debug("Remarketing consumes Kafka topic {} as group {}", this.settings.topic(), this.settings.groupId());
	}

	/** Stops consuming after the batch in hand; a batch not yet processed is consumed again on the next start. */
	public void stop() {
		this.stopping = true;
		synchronized (this) {
			ConcurrentMessageListenerContainer<String, String> running = this.container;
			if (running != null) {
				running.stop();
				this.container = null;
			}
			this.started = false;
		}
	}

	public boolean isRunning() {
		ConcurrentMessageListenerContainer<String, String> running = this.container;
		return running != null && running.isRunning();
	}

	public String topic() {
		return this.settings.topic();
	}

	public String groupId() {
		return this.settings.groupId();
	}

	/**
	 * Records of the topic this node's consumers have yet to read (the clients' own
	 * {@code records-lag} metrics: no call to the broker), or empty before the first fetch.
	 */
	public OptionalLong lag() {
		ConcurrentMessageListenerContainer<String, String> running = this.container;
		if (running == null) {
			return OptionalLong.empty();
		}
		// Older clients write the topic tag with '.' replaced by '_'.
		String metricTopic = this.settings.topic().replace('.', '_');
		long lag = 0;
		boolean known = false;
		for (Map<MetricName, ? extends Metric> client : running.metrics().values()) {
			for (Map.Entry<MetricName, ? extends Metric> metric : client.entrySet()) {
				MetricName name = metric.getKey();
				if ("records-lag".equals(name.name()) && (this.settings.topic().equals(name.tags().get("topic")) || metricTopic.equals(name.tags().get("topic")))) {
					Object value = metric.getValue().metricValue();
					if (value instanceof Number && !Double.isNaN(((Number) value).doubleValue())) {
						lag += ((Number) value).longValue();
						known = true;
					}
				}
			}
		}
		return known ? OptionalLong.of(lag) : OptionalLong.empty();
	}

	/** The consumer's configuration: the plugin's defaults, then {@code remarketing.kafka.properties.*}. */
	Map<String, Object> consumerConfig() {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
		config.putAll(this.settings.properties());
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.settings.bootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, this.settings.groupId());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		return config;
	}

}
