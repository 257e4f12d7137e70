/**
 * The Kafka transport of captured events, chosen with {@code remarketing.transport=kafka}
 * (for stores running several nodes). The transport itself comes with the event capture; for
 * now the auto-configuration only checks that spring-kafka is there when it is chosen.
 */
package org.remarketing.kafka;
