/**
 * The Kafka transport of captured events, chosen with {@code remarketing.transport=kafka} (for
 * stores running several nodes): {@link org.remarketing.kafka.KafkaEventTransport} relays the
 * outbox to a topic keyed by shopper, {@link org.remarketing.kafka.KafkaEventConsumer} consumes it
 * in a consumer group and hands the events to the
 * {@link org.remarketing.core.tracking.EventProcessor}.
 *
 * <p>Everything Kafka here is built by hand, never as Spring beans: a store that uses Kafka itself
 * keeps its own {@code KafkaTemplate}, factories and listener containers exactly as Spring Boot
 * configures them. Runs on spring-kafka 2.7 (Spring Boot 2.5) and 2.8 (Spring Boot 2.7).
 */
package org.remarketing.kafka;
