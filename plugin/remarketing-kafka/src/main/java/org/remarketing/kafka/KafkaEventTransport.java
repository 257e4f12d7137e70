package org.remarketing.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.remarketing.core.tracking.EventTransport;
import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;
import org.remarketing.core.tracking.TrackedEventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays batches of the outbox to the events topic: one record per event, keyed by shopper
 * ({@link #recordKey(ShopperIds)}: the browser's visitor id, else
 * {@link ShopperIds#partitionKey()}) so a shopper's events stay in one partition and in order, the
 * value the event's JSON ({@link TrackedEventJson}), headers
 * {@value #EVENT_ID_HEADER} and {@value #TYPE_HEADER}.
 *
 * <p>{@link #send(List)} returns once the broker acknowledged every record of the batch
 * ({@code acks=all}, idempotent producer: a retry inside the producer writes no double); it throws
 * when that takes longer than the send timeout or a record is refused, and the relay retries the
 * batch. A batch sent again reaches the consumer twice, which the idempotent processor skips.
 *
 * <p>Its own {@link KafkaProducer}, created on the first batch (a store without a reachable broker
 * still starts) and rebuilt after a failure. Never a Spring bean of Kafka's types.
 */
public class KafkaEventTransport implements EventTransport, AutoCloseable {

	public static final String NAME = "kafka";

	public static final String EVENT_ID_HEADER = "event-id";

	public static final String TYPE_HEADER = "type";

	private static final Logger logger = LoggerFactory.getLogger(KafkaEventTransport.class);

	private final KafkaTransportSettings settings;

	private final KafkaTopic topic;

	private Producer<String, String> producer;

	private boolean closed;

	public KafkaEventTransport(KafkaTransportSettings settings) {
		this.settings = settings;
		this.topic = new KafkaTopic(settings);
	}

	@Override
	public synchronized void send(List<TrackedEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		if (this.closed) {
			throw new IllegalStateException("The Kafka transport is closed");
		}
		long deadline = System.nanoTime() + this.settings.sendTimeout().toNanos();
		this.topic.ensureExists();
		Producer<String, String> kafka = producer();
		List<Future<RecordMetadata>> sends = new ArrayList<>(events.size());
		try {
			for (TrackedEvent event : events) {
				ProducerRecord<String, String> record = new ProducerRecord<>(this.settings.topic(),
						recordKey(event.shopper()), TrackedEventJson.toJson(event));
				record.headers().add(EVENT_ID_HEADER, event.id().getBytes(StandardCharsets.UTF_8));
				record.headers().add(TYPE_HEADER, event.type().wireName().getBytes(StandardCharsets.UTF_8));
				sends.add(kafka.send(record));
			}
			kafka.flush();
			for (Future<RecordMetadata> send : sends) {
				send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
		}
		catch (ExecutionException ex) {
			discardProducer();
			throw new IllegalStateException("Kafka refused a batch of " + events.size() + " events for topic "
					+ this.settings.topic() + ": " + KafkaTopic.describe(ex.getCause()), ex.getCause());
		}
		catch (TimeoutException ex) {
			discardProducer();
			throw new IllegalStateException("Kafka did not acknowledge a batch of " + events.size()
					+ " events for topic " + this.settings.topic() + " within " + this.settings.sendTimeout().toMillis()
					+ " ms", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			discardProducer();
			throw new IllegalStateException("Interrupted while sending events to Kafka", ex);
		}
		catch (RuntimeException ex) {
			// send() itself failed: no metadata within max.block.ms, a fatal producer state...
			discardProducer();
			throw new IllegalStateException("Kafka could not take a batch of " + events.size() + " events for topic "
					+ this.settings.topic() + ": " + KafkaTopic.describe(ex), ex);
		}
	}

	/** The record key: {@link ShopperIds#streamKey()}, so one shopper's events stay in one partition, in order. */
	public static String recordKey(ShopperIds shopper) {
		return shopper.streamKey();
	}

	@Override
	public String name() {
		return NAME;
	}

	public String topic() {
		return this.settings.topic();
	}

	/** Closes the producer, letting records in flight finish for a few seconds. */
	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.producer != null) {
			try {
				this.producer.close(Duration.ofSeconds(5));
			}
			catch (RuntimeException ex) {
				logger.debug("Kafka producer did not close cleanly", ex);
			}
			this.producer = null;
		}
	}

	/** The producer's configuration: the plugin's defaults, then {@code remarketing.kafka.properties.*}. */
	Map<String, Object> producerConfig() {
		long timeoutMs = this.settings.sendTimeout().toMillis();
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "remarketing-producer");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		// Neither a missing broker nor missing metadata may hold the relay longer than the send timeout.
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
		config.putAll(this.settings.properties());
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.settings.bootstrapServers());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		return config;
	}

	/** Overridden by tests. */
	Producer<String, String> createProducer(Map<String, Object> config) {
		return new KafkaProducer<>(config);
	}

	private Producer<String, String> producer() {
		if (this.producer == null) {
			this.producer = createProducer(producerConfig());
		}
		return this.producer;
	}

	/** After a failure: records still in flight are aborted, and the next batch starts on a fresh producer. */
	private void discardProducer() {
		Producer<String, String> failed = this.producer;
		this.producer = null;
		if (failed != null) {
			try {
				failed.close(Duration.ZERO);
			}
			catch (RuntimeException ex) {
				logger.debug("Kafka producer did not close cleanly", ex);
			}
		}
	}

}
