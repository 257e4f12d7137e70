package org.remarketing.autoconfigure;

import org.remarketing.core.journeys.JourneyResults;
import org.remarketing.core.journeys.MessageLog;
import org.remarketing.core.schema.RemarketingSchema;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What administrators read of journeys: their results (funnel, conversions, lift against the
 * holdout) and the message log. Reads only the plugin's tables, so it needs nothing of the
 * engine. Imported by {@link RemarketingAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class JourneysReadConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JourneyResults remarketingJourneyResults(RemarketingSchema schema) {
		return new JourneyResults(schema.dataSource());
	}

	@Bean
	@ConditionalOnMissingBean
	MessageLog remarketingMessageLog(RemarketingSchema schema) {
		return new MessageLog(schema.dataSource());
	}

}
