package org.remarketing.autoconfigure;

import org.remarketing.core.system.SystemStatus;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * UP while the plugin's tables answer; DOWN (with the error) when they do not.
 */
class RemarketingHealthIndicator extends AbstractHealthIndicator {

	private final SystemStatus status;

	RemarketingHealthIndicator(SystemStatus status) {
		super("Remarketing's tables could not be read");
		this.status = status;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		SystemStatus.Snapshot snapshot = this.status.snapshot();
		builder.up()
			.withDetail("schemaVersion", (snapshot.schemaVersion() != null) ? snapshot.schemaVersion() : "none")
			.withDetail("database", snapshot.vendor())
			.withDetail("eventsCaptured", snapshot.eventsCaptured());
	}

}
