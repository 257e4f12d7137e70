package org.remarketing.autoconfigure;

import org.remarketing.core.shop.HistoryImport;
import org.remarketing.core.system.SystemStatus;
import org.remarketing.core.tracking.OutboxRelay;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigureAfter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A {@code remarketing} component in {@code /actuator/health} when the actuator is there.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnProperty(prefix = "remarketing", name = "enabled", matchIfMissing = true)
@ConditionalOnBean(SystemStatus.class)
@ConditionalOnEnabledHealthIndicator("remarketing")
@AutoConfigureAfter(RemarketingAutoConfiguration.class)
public class RemarketingHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "remarketingHealthIndicator")
	HealthIndicator remarketingHealthIndicator(SystemStatus status, ObjectProvider<OutboxRelay> outbox,
			ObjectProvider<HistoryImport> historyImport) {
		return new RemarketingHealthIndicator(status, outbox, historyImport);
	}

}
