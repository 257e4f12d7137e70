package org.remarketing.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.remarketing.core.contacts.ContactEventProcessor;
import org.remarketing.core.system.InstallSecrets;
import org.remarketing.core.tracking.EventProcessor;
import org.remarketing.core.tracking.EventSource;
import org.remarketing.core.tracking.EventTransport;
import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.JdbcOutbox;
import org.remarketing.core.tracking.OutboxRelay;
import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;
import org.remarketing.core.tracking.TrackedEventJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.remarketing.kafka.Eventually.await;

/**
 * The Kafka transport against a real (embedded) broker: outbox, relay, topic, consumer group,
 * processor; nothing lost, nothing doubled, each shopper's events in order.
 */
class KafkaTransportTests {

	private static final Instant T0 = Instant.parse("2024-03-05T10:00:00Z");

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private final List<AutoCloseable> cleanup = new ArrayList<>();

	@AfterEach
	void cleanUp() throws Exception {
		Collections.reverse(this.cleanup);
		for (AutoCloseable closeable : this.cleanup) {
			closeable.close();
		}
	}

	@Test
	void eventsAppendedToTheOutboxAreAppliedOnceEvenWhenTheRelaySendsABatchAgain() throws Exception {
		KafkaTransportSettings settings = TestBroker.settings();
		TestDatabase database = track(new TestDatabase());
		CountingProcessor processor = new CountingProcessor(contacts(database));
		consumer(settings, processor);
		KafkaEventTransport kafka = track(new KafkaEventTransport(settings));
		// The broker took the batch, but its acknowledgement "got lost": the relay sends the batch again.
		AckLostOnce transport = new AckLostOnce(kafka);
		relay(database, transport);

		List<TrackedEvent> events = new ArrayList<>();
		for (int shopper = 1; shopper <= 5; shopper++) {
			for (int view = 0; view < 6; view++) {
				events.add(productView("v" + shopper, T0.plusSeconds(shopper * 100 + view), 7));
			}
		}
		new JdbcOutbox(database.dataSource(), Clock.systemUTC()).append(events);

		await().atMost(PATIENCE).until(() -> processor.received.get() >= 2 * events.size());
		await().atMost(PATIENCE).until(() -> database.count("rmk_outbox") == 0);
		assertThat(transport.failures.get()).isEqualTo(1);
		assertThat(database.count("rmk_event")).isEqualTo(events.size());
		assertThat(database.jdbc().queryForList("SELECT views FROM rmk_contact_product WHERE product_id = 7", Integer.class))
			.containsExactly(6, 6, 6, 6, 6);
	}

	@Test
	void aBatchWhoseProcessingFailedIsConsumedAgainUntilItIsApplied() {
		KafkaTransportSettings settings = TestBroker.settings();
		TestDatabase database = track(new TestDatabase());
		EventProcessor contacts = contacts(database);
		AtomicInteger failuresLeft = new AtomicInteger(3);
		CountingProcessor processor = new CountingProcessor((batch) -> {
			contacts.process(batch.subList(0, 1)); // part of the batch is applied before the "database" fails
			if (failuresLeft.getAndDecrement() > 0) {
				throw new IllegalStateException("database down");
			}
			contacts.process(batch);
		});
		consumer(settings, processor);
		KafkaEventTransport transport = track(new KafkaEventTransport(settings));

		List<TrackedEvent> events = new ArrayList<>();
		for (int view = 0; view < 10; view++) {
			events.add(productView("v1", T0.plusSeconds(view), 7));
		}
		transport.send(events);

		await().atMost(PATIENCE).until(() -> failuresLeft.get() < 0 && database.count("rmk_event") == events.size());
		assertThat(database.jdbc().queryForObject("SELECT views FROM rmk_contact_product WHERE product_id = 7", Integer.class))
			.isEqualTo(10);
	}

	@Test
	void aRecordThatIsNoEventIsSkippedAndTheFollowingEventsAreApplied() {
		KafkaTransportSettings settings = TestBroker.settings();
		CountingProcessor processor = new CountingProcessor((batch) -> {
		});
		KafkaEventTransport transport = track(new KafkaEventTransport(settings));
		transport.send(List.of(productView("v1", T0, 1))); // creates the topic
		try (KafkaProducer<String, String> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				settings.bootstrapServers(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
			raw.send(new ProducerRecord<>(settings.topic(), "v:v1", "{\"not\":\"an event\", \"email\":\"x@y.example\"}"));
			raw.send(new ProducerRecord<>(settings.topic(), "v:v1", "<html>"));
			raw.flush();
		}
		transport.send(List.of(productView("v1", T0.plusSeconds(1), 2)));
		consumer(settings, processor);

		await().atMost(PATIENCE).until(() -> processor.events.size() == 2);
		assertThat(processor.events).extracting((event) -> event.property("product_id")).containsExactly(1L, 2L);
	}

	@Test
	void eachShoppersEventsArriveInTheOrderTheyWereSentAcrossPartitionsAndConsumers() {
		KafkaTransportSettings settings = TestBroker.settings().withConcurrency(3);
		CountingProcessor processor = new CountingProcessor((batch) -> {
		});
		consumer(settings, processor);
		KafkaEventTransport transport = track(new KafkaEventTransport(settings));

		List<TrackedEvent> events = new ArrayList<>();
		for (int step = 0; step < 15; step++) {
			for (int shopper = 1; shopper <= 20; shopper++) {
				ShopperIds ids = (shopper % 3 == 0) ? ShopperIds.of("v" + shopper, 1000L + shopper, null, false)
						: ShopperIds.of("v" + shopper, null, null, false);
				events.add(TrackedEvent.builder(EventType.PRODUCT_VIEW, EventSource.BROWSER)
					.shopper(ids)
					.occurredAt(T0.plusSeconds(step))
					.property("product_id", step)
					.property("seq", step)
					.build());
			}
		}
		for (int from = 0; from < events.size(); from += 37) {
			transport.send(events.subList(from, Math.min(events.size(), from + 37)));
		}

		await().atMost(PATIENCE).until(() -> processor.events.size() == events.size());
		Map<String, List<Long>> seqByShopper = new LinkedHashMap<>();
		for (TrackedEvent event : processor.events) {
			seqByShopper.computeIfAbsent(KafkaEventTransport.recordKey(event.shopper()), (key) -> new ArrayList<>())
				.add(((Number) event.property("seq")).longValue());
		}
		assertThat(seqByShopper).hasSize(20);
		seqByShopper.forEach((shopper, seqs) -> assertThat(seqs).as(shopper).isSorted().hasSize(15));
		assertThat(nonEmptyPartitions(settings)).as("partitions holding events").isGreaterThanOrEqualTo(3);
	}

	@Test
	void sendThrowsWhenTheBrokerDoesNotAcknowledgeInTime() {
		KafkaTransportSettings settings = KafkaTransportSettings.defaults()
			.withBootstrapServers("127.0.0.1:1")
			.withSendTimeout(Duration.ofMillis(500));
		KafkaEventTransport transport = track(new KafkaEventTransport(settings));
		assertThatIllegalStateException().isThrownBy(() -> transport.send(List.of(productView("v1", T0, 1))))
			.withMessageContaining("Kafka");
	}

	@Test
	void recordsCarryTheShoppersKeyTheEventsJsonAndItsIdAndType() {
		KafkaTransportSettings settings = TestBroker.settings();
		KafkaEventTransport transport = track(new KafkaEventTransport(settings));
		TrackedEvent event = TrackedEvent.builder(EventType.ORDER_PLACED, EventSource.STORE)
			.shopper(ShopperIds.of("v1", 42L, "ann@example.com", true))
			.occurredAt(T0)
			.property("order_id", "1001")
			.build();
		TrackedEvent fromBackoffice = event.toBuilder()
			.id(java.util.UUID.randomUUID().toString())
			.shopper(ShopperIds.of(null, 42L, "ann@example.com", true))
			.build();
		transport.send(List.of(event, fromBackoffice));
		assertThat(transport.name()).isEqualTo("kafka");

		try (KafkaConsumer<String, String> reader = reader(settings)) {
			reader.subscribe(List.of(settings.topic()));
			List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> records = new ArrayList<>();
			await().atMost(PATIENCE).until(() -> {
				reader.poll(Duration.ofMillis(200)).forEach(records::add);
				return records.size() == 2;
			});
			records.sort(Comparator.comparing((r) -> r.key()));
			// The browser first (its events stay together), the customer when no browser took part.
			assertThat(records).extracting((r) -> r.key()).containsExactly("c:42", "v:v1");
			org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record = records.get(1);
			assertThat(TrackedEventJson.fromJson(record.value())).isEqualTo(event);
			assertThat(new String(record.headers().lastHeader("event-id").value())).isEqualTo(event.id());
			assertThat(new String(record.headers().lastHeader("type").value())).isEqualTo("order_placed");
			assertThat(reader.partitionsFor(settings.topic())).hasSize(KafkaTransportSettings.DEFAULT_PARTITIONS);
		}
	}

	private int nonEmptyPartitions(KafkaTransportSettings settings) {
		try (KafkaConsumer<String, String> reader = reader(settings)) {
			List<TopicPartition> partitions = reader.partitionsFor(settings.topic())
				.stream()
				.map((PartitionInfo info) -> new TopicPartition(info.topic(), info.partition()))
				.collect(Collectors.toList());
			return (int) reader.endOffsets(partitions).values().stream().filter((end) -> end > 0).count();
		}
	}

	private static KafkaConsumer<String, String> reader(KafkaTransportSettings settings) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId() + "-reader");
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
	}

	static TrackedEvent productView(String visitor, Instant at, long productId) {
		return TrackedEvent.builder(EventType.PRODUCT_VIEW, EventSource.BROWSER)
			.shopper(ShopperIds.of(visitor, null, null, false))
			.occurredAt(at)
			.property("product_id", productId)
			.build();
	}

	private static EventProcessor contacts(TestDatabase database) {
		return new ContactEventProcessor(database.dataSource(),
				InstallSecrets.loadOrCreate(database.jdbc(), Clock.systemUTC()), Clock.systemUTC());
	}

	private KafkaEventConsumer consumer(KafkaTransportSettings settings, EventProcessor processor) {
		KafkaEventConsumer consumer = new KafkaEventConsumer(settings, processor);
		consumer.startAndWait();
		this.cleanup.add(consumer::stop);
		return consumer;
	}

	private void relay(TestDatabase database, EventTransport transport) {
		OutboxRelay relay = new OutboxRelay(database.dataSource(), database.schema().vendor(), transport,
				OutboxRelay.Options.defaults()
					.withPollInterval(Duration.ofMillis(50))
					.withRetryDelay(Duration.ofMillis(50), Duration.ofMillis(200)));
		relay.start();
		this.cleanup.add(relay::stop);
	}

	private <T extends AutoCloseable> T track(T closeable) {
		this.cleanup.add(closeable);
		return closeable;
	}

	/** Counts what reaches the processor, doubles included. */
	static final class CountingProcessor implements EventProcessor {

		final AtomicInteger received = new AtomicInteger();

		final List<TrackedEvent> events = new CopyOnWriteArrayList<>();

		private final EventProcessor delegate;

		CountingProcessor(EventProcessor delegate) {
			this.delegate = delegate;
		}

		@Override
		public void process(List<TrackedEvent> batch) {
			this.delegate.process(batch);
			this.received.addAndGet(batch.size());
			this.events.addAll(batch);
		}

	}

	/** Hands the first batch to Kafka, then reports a failure as if the acknowledgement never came. */
	static final class AckLostOnce implements EventTransport {

		final AtomicInteger failures = new AtomicInteger();

		private final EventTransport delegate;

		AckLostOnce(EventTransport delegate) {
			this.delegate = delegate;
		}

		@Override
		public void send(List<TrackedEvent> events) {
			this.delegate.send(events);
			if (this.failures.compareAndSet(0, 1)) {
				throw new IllegalStateException("acknowledgement lost");
			}
		}

		@Override
		public String name() {
			return this.delegate.name();
		}

	}

}
