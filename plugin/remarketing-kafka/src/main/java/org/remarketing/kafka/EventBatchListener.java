package org.remarketing.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.remarketing.core.tracking.EventProcessor;
import org.remarketing.core.tracking.TrackedEvent;
import org.remarketing.core.tracking.TrackedEventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.BatchAcknowledgingConsumerAwareMessageListener;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Decodes a polled batch and hands it to the {@link EventProcessor}; commits it (acknowledges)
 * only once the processor returned. A record that is not an event is logged by partition and
 * offset (never its payload) and skipped.
 *
 * <p>When the processor fails (the database is down...), nothing is committed: the consumer is
 * sought back to the first offset of the batch in every partition, and after a growing pause
 * (retry delay doubling up to the max) the same records are polled and processed again; the
 * events applied before the failure are skipped by the idempotent processor. This is done here
 * rather than by a container error handler because those differ between spring-kafka 2.7
 * ({@code SeekToCurrentBatchErrorHandler}) and 2.8+ ({@code DefaultErrorHandler}); the listener
 * API used here is the same in both.
 */
final class EventBatchListener implements BatchAcknowledgingConsumerAwareMessageListener<String, String> {

	private static final Logger logger = LoggerFactory.getLogger(EventBatchListener.class);

	private static final long PAUSE_SLICE_MS = 50;

	private final EventProcessor processor;

	private final KafkaTransportSettings settings;

	private final BooleanSupplier stopping;

	/** Failures in a row, per consumer thread. */
	private final ThreadLocal<int[]> failures = ThreadLocal.withInitial(() -> new int[1]);

	EventBatchListener(EventProcessor processor, KafkaTransportSettings settings, BooleanSupplier stopping) {
		this.processor = processor;
		this.settings = settings;
		this.stopping = stopping;
	}

	@Override
	public void onMessage(List<ConsumerRecord<String, String>> records, Acknowledgment acknowledgment,
			Consumer<?, ?> consumer) {
		List<TrackedEvent> events = decode(records);
		try {
			if (!events.isEmpty()) {
				this.processor.process(events);
			}
		}
		catch (RuntimeException ex) {
			int inARow = ++this.failures.get()[0];
			long delay = delayMillis(inARow);
			logger.warn("Remarketing could not process {} events from Kafka topic {} ({}); they are consumed again "
					+ "in {} ms (failure {} in a row)", events.size(), this.settings.topic(), KafkaTopic.describe(ex),
					delay, inARow);
			logger.debug("Processing failure", ex);
			seekBack(records, consumer);
			pause(delay);
			return;
		}
		this.failures.get()[0] = 0;
		acknowledgment.acknowledge();
	}

	static List<TrackedEvent> decode(List<ConsumerRecord<String, String>> records) {
		List<TrackedEvent> events = new ArrayList<>(records.size());
		for (ConsumerRecord<String, String> record : records) {
			if (record.value() == null) {
				logger.warn("Remarketing skipped an empty Kafka record at {}-{} offset {}", record.topic(),
						record.partition(), record.offset());
				continue;
			}
			try {
				events.add(TrackedEventJson.fromJson(record.value()));
			}
			catch (IllegalArgumentException ex) {
				// The codec's message never quotes the payload (it holds what shoppers typed).
				logger.warn("Remarketing skipped a Kafka record that is not an event at {}-{} offset {}: {}",
						record.topic(), record.partition(), record.offset(), ex.getMessage());
			}
		}
		return events;
	}

	long delayMillis(int failuresInARow) {
		long first = this.settings.retryDelay().toMillis();
		long max = this.settings.maxRetryDelay().toMillis();
		long delay = first << Math.min(failuresInARow - 1, 20);
		return Math.min(Math.max(delay, first), max);
	}

	private static void seekBack(List<ConsumerRecord<String, String>> records, Consumer<?, ?> consumer) {
		Map<TopicPartition, Long> firstOffsets = new LinkedHashMap<>();
		for (ConsumerRecord<String, String> record : records) {
			firstOffsets.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
		}
		firstOffsets.forEach(consumer::seek);
	}

	private void pause(long millis) {
		long end = System.currentTimeMillis() + millis;
		try {
			while (!this.stopping.getAsBoolean() && System.currentTimeMillis() < end) {
				Thread.sleep(Math.min(PAUSE_SLICE_MS, Math.max(1, end - System.currentTimeMillis())));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
