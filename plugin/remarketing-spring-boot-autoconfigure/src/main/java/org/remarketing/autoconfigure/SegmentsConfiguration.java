package org.remarketing.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import org.remarketing.core.contacts.ContactEventProcessor;
import org.remarketing.core.schema.DatabaseVendor;
import org.remarketing.core.schema.RemarketingSchema;
import org.remarketing.core.segments.CustomRules;
import org.remarketing.core.segments.RuleCompiler;
import org.remarketing.core.segments.SegmentEngine;
import org.remarketing.core.segments.SegmentErasure;
import org.remarketing.core.segments.SegmentScheduler;
import org.remarketing.core.segments.SqlDialect;
import org.remarketing.core.shop.CatalogNews;
import org.remarketing.core.tracking.EventProcessor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Segments: custom rules compiled by {@link RuleCompiler} (docs/segment-rules.md), the engine
 * (built-ins installed at start), its link to the contacts processor (every
 * applied batch re-evaluates the contacts it changed), the sweep and rebuild scheduler (started
 * once the store is ready) and erasure. Imported by {@link RemarketingAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class SegmentsConfiguration {

	/** Custom segments' JSON rules, checked against the allow-list and compiled to parameterised SQL. */
	@Bean
	@ConditionalOnMissingBean
	CustomRules remarketingCustomRules(RemarketingSchema schema) {
		RuleCompiler compiler = new RuleCompiler(new SqlDialect(DatabaseVendor.of(schema.dataSource())));
		return compiler::compile;
	}

	@Bean
	@ConditionalOnMissingBean
	SegmentEngine remarketingSegmentEngine(RemarketingSchema schema, ObjectProvider<CustomRules> customRules,
			ObjectProvider<EventProcessor> processor, ObjectProvider<CatalogNews> catalogNews,
			RemarketingProperties properties) {
		SegmentEngine engine = new SegmentEngine(schema.dataSource(), Clock.systemUTC(),
				customRules.getIfAvailable(() -> CustomRules.NONE));
		if (properties.getJourneys().isDemoTiming()) {
			// The cart and checkout idle cut-offs follow the journeys' demo clock (60 minutes → 1 minute).
			engine.setMinuteScale(JourneysConfiguration.DEMO_TIME_SCALE);
		}
		catalogNews.ifAvailable(engine::setCatalogNews);
		engine.installBuiltIns();
		// Before any event is applied (the relay starts once the store is ready): every batch re-evaluates its contacts.
		processor.ifAvailable((events) -> {
			if (events instanceof ContactEventProcessor) {
				((ContactEventProcessor) events).onContactsChanged(engine::refresh);
			}
		});
		return engine;
	}

	@Bean
	@ConditionalOnMissingBean
	SegmentErasure remarketingSegmentErasure() {
		return new SegmentErasure();
	}

	@Bean(destroyMethod = "stop")
	@ConditionalOnMissingBean
	SegmentScheduler remarketingSegmentScheduler(SegmentEngine engine, RemarketingProperties properties) {
		RemarketingProperties.Segments segments = properties.getSegments();
		return new SegmentScheduler(engine, positive(segments.getSweepInterval(), "sweep-interval"),
				positive(segments.getRebuildInterval(), "rebuild-interval"));
	}

	@Bean
	SegmentsStarter remarketingSegmentsStarter(ObjectProvider<SegmentScheduler> scheduler) {
		return new SegmentsStarter(scheduler);
	}

	private static Duration positive(Duration duration, String name) {
		if (duration == null || duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException("remarketing.segments." + name + " must be a positive duration, such as 1m");
		}
		return duration;
	}

	/** Starts the sweep and the scheduled rebuild once the store is ready, never during bean creation. */
	static final class SegmentsStarter implements ApplicationListener<ApplicationReadyEvent> {

		private final ObjectProvider<SegmentScheduler> scheduler;

		SegmentsStarter(ObjectProvider<SegmentScheduler> scheduler) {
			this.scheduler = scheduler;
		}

		@Override
		public void onApplicationEvent(ApplicationReadyEvent event) {
			this.scheduler.ifAvailable(SegmentScheduler::start);
		}

	}

}
