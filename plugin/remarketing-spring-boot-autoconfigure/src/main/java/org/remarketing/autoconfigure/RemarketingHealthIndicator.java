package org.remarketing.autoconfigure;

import org.remarketing.core.shop.HistoryImport;
import org.remarketing.core.system.SystemStatus;
import org.remarketing.core.tracking.OutboxRelay;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * UP while the plugin's tables answer; DOWN (with the error) when they do not. Details: schema,
 * database, events captured, outbox backlog and the history import's state.
 */
class RemarketingHealthIndicator extends AbstractHealthIndicator {

	private final SystemStatus status;

	private final ObjectProvider<OutboxRelay> outbox;

	private final ObjectProvider<HistoryImport> historyImport;

	RemarketingHealthIndicator(SystemStatus status) {
		this(status, null, null);
	}

	RemarketingHealthIndicator(SystemStatus status, ObjectProvider<OutboxRelay> outbox,
			ObjectProvider<HistoryImport> historyImport) {
		super("Remarketing's tables could not be read");
		this.status = status;
		this.outbox = outbox;
		this.historyImport = historyImport;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		SystemStatus.Snapshot snapshot = this.status.snapshot();
		builder.up()
			.withDetail("schemaVersion", (snapshot.schemaVersion() != null) ? snapshot.schemaVersion() : "none")
			.withDetail("database", snapshot.vendor())
			.withDetail("eventsCaptured", snapshot.eventsCaptured());
		OutboxRelay relay = (this.outbox != null) ? this.outbox.getIfAvailable() : null;
		if (relay != null) {
			builder.withDetail("outboxBacklog", relay.metrics().backlog());
		}
		HistoryImport history = (this.historyImport != null) ? this.historyImport.getIfAvailable() : null;
		if (history != null) {
			// its state only (running, completed, failed...): a failed import leaves the plugin up
			builder.withDetail("historyImport", history.status().get("state"));
		}
	}

}
