package org.remarketing.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.remarketing.core.schema.RemarketingSchema;
import org.remarketing.core.tracking.EventLogProcessor;
import org.remarketing.core.tracking.EventProcessor;
import org.remarketing.core.tracking.EventTransport;
import org.remarketing.core.tracking.GroupCommitOutbox;
import org.remarketing.core.tracking.InProcessTransport;
import org.remarketing.core.tracking.JdbcOutbox;
import org.remarketing.core.tracking.Outbox;
import org.remarketing.core.tracking.OutboxRelay;
import org.remarketing.core.tracking.ShopperContext;
import org.remarketing.core.system.StatusContributor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Capture's plumbing: the outbox in the store's database, its relay and the in-process transport.
 * Imported by {@link RemarketingAutoConfiguration}, so its guards apply.
 *
 * <p>The {@link EventProcessor} here ({@link EventLogProcessor}: the event log only) is a default:
 * it backs off from any {@code EventProcessor} bean defined before it, the store's own or the
 * contacts feature's full processor (import that configuration <em>before</em> this one).
 */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

	/** The visitor of the current request, shared by the web filter and the store's hooks. */
	@Bean
	@ConditionalOnMissingBean
	ShopperContext remarketingShopperContext() {
		return new ShopperContext();
	}

	/**
	 * The outbox, whose appends outside a transaction (the events endpoint's) share commits; the
	 * store's capture writes through it unchanged. Closing the context commits what is queued.
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(Outbox.class)
	@ConditionalOnProperty(prefix = "remarketing.tracking.group-commit", name = "enabled", matchIfMissing = true)
	GroupCommitOutbox remarketingGroupCommitOutbox(RemarketingSchema schema, RemarketingProperties properties) {
		RemarketingProperties.Tracking.GroupCommit settings = properties.getTracking().getGroupCommit();
		return new GroupCommitOutbox(schema.dataSource(), Clock.systemUTC(), GroupCommitOutbox.Options.defaults()
			.withWriters(settings.getWriters())
			.withMaxBatch(settings.getMaxBatch())
			.withQueueCapacity(settings.getQueueCapacity())
			.withMaxWait(settings.getMaxWait()));
	}

	/** Each of the events endpoint's requests commits alone ({@code remarketing.tracking.group-commit.enabled=false}). */
	@Bean
	@ConditionalOnMissingBean(Outbox.class)
	JdbcOutbox remarketingOutbox(RemarketingSchema schema) {
		return new JdbcOutbox(schema.dataSource(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean(EventProcessor.class)
	EventLogProcessor remarketingEventProcessor(RemarketingSchema schema) {
		return new EventLogProcessor(schema.dataSource(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean(EventTransport.class)
	@Conditional(InProcessTransportCondition.class)
	InProcessTransport remarketingInProcessTransport(EventProcessor processor) {
		return new InProcessTransport(processor);
	}

	/** Started when the application is ready, stopped (after its batch in flight) when the context closes. */
	@Bean(destroyMethod = "stop")
	@ConditionalOnMissingBean
	OutboxRelay remarketingOutboxRelay(RemarketingSchema schema, EventTransport transport,
			RemarketingProperties properties, ObjectProvider<Outbox> outbox) {
		RemarketingProperties.Outbox settings = properties.getOutbox();
		OutboxRelay relay = new OutboxRelay(schema.dataSource(), schema.vendor(), transport,
				OutboxRelay.Options.defaults()
					.withBatchSize(settings.getBatchSize())
					.withPollInterval(settings.getPollInterval())
					.withLease(settings.getLease())
					.withMaxAttempts(settings.getMaxAttempts()));
		Outbox appender = outbox.getIfUnique();
		if (appender instanceof JdbcOutbox) {
			((JdbcOutbox) appender).addCommitListener(relay::wake);
		}
		return relay;
	}

	@Bean
	OutboxRelayStarter remarketingOutboxRelayStarter(ObjectProvider<OutboxRelay> relay) {
		return new OutboxRelayStarter(relay);
	}

	@Bean
	@ConditionalOnMissingBean(name = "remarketingOutboxStatus")
	@Order(5)
	StatusContributor remarketingOutboxStatus(ObjectProvider<OutboxRelay> relay, ObjectProvider<Outbox> outbox) {
		return (status) -> relay.ifAvailable((outboxRelay) -> {
			OutboxRelay.Metrics metrics = outboxRelay.metrics();
			Duration age = metrics.oldestPendingAge();
			Map<String, Object> part = new LinkedHashMap<>();
			part.put("backlog", metrics.backlog());
			part.put("quarantined", metrics.quarantined());
			part.put("oldestPendingSeconds", (age != null) ? age.getSeconds() : null);
			part.put("lastRelayAt", (metrics.lastRelayAt() != null) ? metrics.lastRelayAt().toString() : null);
			part.put("delivered", metrics.delivered());
			part.put("relayRunning", outboxRelay.isRunning());
			Outbox appender = outbox.getIfUnique();
			if (appender instanceof GroupCommitOutbox) {
				GroupCommitOutbox groupCommit = (GroupCommitOutbox) appender;
				Map<String, Object> writes = new LinkedHashMap<>();
				writes.put("queued", groupCommit.queuedEvents());
				writes.put("commits", groupCommit.commits());
				writes.put("events", groupCommit.committedEvents());
				writes.put("refusedQueueFull", groupCommit.refused());
				writes.put("timedOut", groupCommit.timedOut());
				part.put("groupCommit", writes);
			}
			status.put("outbox", part);
		});
	}

	/** Background work starts once the store is ready, never during bean creation. */
	static final class OutboxRelayStarter implements ApplicationListener<ApplicationReadyEvent> {

		private final ObjectProvider<OutboxRelay> relay;

		OutboxRelayStarter(ObjectProvider<OutboxRelay> relay) {
			this.relay = relay;
		}

		@Override
		public void onApplicationEvent(ApplicationReadyEvent event) {
			this.relay.ifAvailable(OutboxRelay::start);
		}

	}

	/** {@code remarketing.transport} is {@code in-process} (or unset), bound as Boot binds it. */
	static final class InProcessTransportCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			RemarketingProperties.Transport transport = Binder.get(context.getEnvironment())
				.bind("remarketing.transport", RemarketingProperties.Transport.class)
				.orElse(RemarketingProperties.Transport.IN_PROCESS);
			return (transport == RemarketingProperties.Transport.IN_PROCESS)
					? ConditionOutcome.match("remarketing.transport is in-process")
					: ConditionOutcome.noMatch("remarketing.transport is " + transport.externalName());
		}

	}

}
