package org.remarketing.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.remarketing.core.channels.email.EmailComposer;
import org.remarketing.core.channels.email.MailFailure;
import org.remarketing.core.channels.email.MailTransport;
import org.remarketing.core.channels.email.MessageLinks;
import org.remarketing.core.journeys.EmailStepRenderer;
import org.remarketing.core.journeys.JourneyEngine;
import org.remarketing.core.journeys.JourneyErasure;
import org.remarketing.core.journeys.JourneyPreviews;
import org.remarketing.core.journeys.JourneyScheduler;
import org.remarketing.core.journeys.JourneySettings;
import org.remarketing.core.journeys.JourneyStore;
import org.remarketing.core.journeys.StepRenderer;
import org.remarketing.core.journeys.StepPreviews;
import org.remarketing.core.journeys.StepSender;
import org.remarketing.core.schema.RemarketingSchema;
import org.remarketing.core.segments.SegmentEngine;
import org.remarketing.core.shop.CatalogProduct;
import org.remarketing.core.shop.CatalogNews;
import org.remarketing.core.shop.ProductCatalog;
import org.remarketing.core.shop.StoreBranding;
import org.remarketing.core.system.InstallSecrets;
import org.remarketing.core.templates.TemplateRenderer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Journeys: the shipped journeys installed once, the engine pass and the sending of due steps on
 * db-scheduler (table {@code rmk_scheduled_tasks}, started once the store is ready, stopped with
 * it), email through the host's {@link JavaMailSender} (Boot's, from {@code spring.mail.*}), and
 * erasure. {@code remarketing.journeys.enabled=false} turns it all off. Imported by
 * {@link RemarketingAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "remarketing.journeys", name = "enabled", matchIfMissing = true)
class JourneysConfiguration {

	/** Demo timing: one hour of a journey lasts one minute. */
	static final double DEMO_TIME_SCALE = 1.0 / 60;

	@Bean
	@ConditionalOnMissingBean
	JourneySettings remarketingJourneySettings(RemarketingProperties properties) {
		RemarketingProperties.Journeys j = properties.getJourneys();
		JourneySettings settings = new JourneySettings();
		String policy = j.getConsentPolicy().trim().toLowerCase(Locale.ROOT);
		if (policy.equals("explicit")) {
			settings.consentPolicy(JourneySettings.ConsentPolicy.EXPLICIT);
		}
		else if (policy.equals("soft-opt-in")) {
			settings.consentPolicy(JourneySettings.ConsentPolicy.SOFT_OPT_IN);
		}
		else {
			throw new IllegalArgumentException("remarketing.journeys.consent-policy must be soft-opt-in or explicit");
		}
		settings.caps(j.getCapShortCount(), j.getCapShortWindow(), j.getCapLongCount(), j.getCapLongWindow());
		settings.quietHours(j.isQuietHours(), j.getQuietStart(), j.getQuietEnd());
		settings.defaultZone(ZoneId.of(j.getDefaultTimeZone()));
		settings.giveUpAfter(j.getGiveUpAfter());
		settings.recoveryValidity(j.getRecoveryLinkValidity());
		settings.contentRetention(j.getContentRetention());
		if (j.isDemoTiming()) {
			settings.timeScale(DEMO_TIME_SCALE);
		}
		String from = properties.getMail().getFrom();
		if (from != null && !from.isBlank()) {
			settings.from(from);
		}
		settings.unsubscribeMailto(properties.getMail().getUnsubscribeMailto());
		return settings;
	}

	@Bean
	@ConditionalOnMissingBean
	JourneyStore remarketingJourneyStore(RemarketingSchema schema, ObjectProvider<SegmentEngine> segments) {
		segments.getIfAvailable(); // the trigger segments first: a journey's cursor starts at its segment's latest change
		JourneyStore store = new JourneyStore(schema.dataSource(), Clock.systemUTC());
		store.installBuiltIns();
		return store;
	}

	@Bean
	@ConditionalOnMissingBean
	MailTransport remarketingMailTransport(ObjectProvider<JavaMailSender> mailSender) {
		JavaMailSender sender = mailSender.getIfAvailable();
		if (sender != null) {
			return new MailTransport(sender);
		}
		return new MailTransport(null) {
			@Override
			public void send(MailTransport.Prepared email) throws MailFailure {
				throw new MailFailure("no mail server is configured (spring.mail.host)", false, -1, null);
			}
		};
	}

	@Bean
	@ConditionalOnMissingBean
	StepRenderer remarketingStepRenderer(TemplateRenderer templates, ObjectProvider<ProductCatalog> catalog,
			RemarketingProperties properties) {
		ProductCatalog products = catalog.getIfAvailable(() -> new NoCatalog(properties.getStore().getUrl()));
		return new EmailStepRenderer(new EmailComposer(templates), products);
	}

	@Bean
	@ConditionalOnMissingBean
	JourneyPreviews remarketingJourneyPreviews(RemarketingSchema schema, JourneyStore store, StepRenderer renderer,
			MailTransport transport, JourneySettings settings, MessageLinks links, ObjectProvider<CatalogNews> news) {
		StepPreviews previews = new StepPreviews(schema.dataSource(), store, renderer, transport, settings, links,
				Clock.systemUTC());
		news.ifAvailable(previews::setCatalogNews);
		return previews;
	}

	@Bean
	@ConditionalOnMissingBean
	StepSender remarketingStepSender(RemarketingSchema schema, JourneySettings settings, StepRenderer renderer,
			MailTransport transport, MessageLinks links, InstallSecrets secrets) {
		return new StepSender(schema.dataSource(), settings, renderer, transport, links, secrets.installId(),
				Clock.systemUTC());
	}

	@Bean(destroyMethod = "stop")
	@ConditionalOnMissingBean
	JourneyScheduler remarketingJourneyScheduler(RemarketingSchema schema, StepSender sender, JourneyStore store,
			JourneySettings settings, RemarketingProperties properties, ObjectProvider<CatalogNews> news) {
		RemarketingProperties.Journeys j = properties.getJourneys();
		EngineHolder holder = new EngineHolder();
		JourneyScheduler scheduler = new JourneyScheduler(schema.dataSource(), sender, holder,
				positive(j.getPollInterval(), "poll-interval"), positive(j.getEngineInterval(), "engine-interval"),
				Math.max(1, j.getThreads()), null, positive(j.getHeartbeatInterval(), "heartbeat-interval"));
		holder.engine = new JourneyEngine(schema.dataSource(), store, settings, scheduler, Clock.systemUTC());
		news.ifAvailable(holder.engine::setCatalogNews);
		return scheduler;
	}

	@Bean
	@ConditionalOnMissingBean
	JourneyErasure remarketingJourneyErasure() {
		return new JourneyErasure();
	}

	@Bean
	JourneysStarter remarketingJourneysStarter(ObjectProvider<JourneyScheduler> scheduler) {
		return new JourneysStarter(scheduler);
	}

	private static Duration positive(Duration duration, String name) {
		if (duration == null || duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException("remarketing.journeys." + name + " must be a positive duration, such as 5s");
		}
		return duration;
	}

	/** Without the store's catalog (store-event capture switched off): emails name no products. */
	static final class NoCatalog implements ProductCatalog {

		private final String url;

		NoCatalog(String url) {
			this.url = url;
		}

		@Override
		public List<CatalogProduct> products(List<Long> ids, Locale locale) {
			return List.of();
		}

		@Override
		public List<CatalogProduct> related(long productId, Set<Long> exclude, int limit, Locale locale) {
			return List.of();
		}

		@Override
		public StoreBranding brand() {
			return new StoreBranding("", this.url, null, null, "USD");
		}

	}

	/** The engine pass, created after the scheduler it schedules steps on. */
	static final class EngineHolder implements Runnable {

		volatile JourneyEngine engine;

		@Override
		public void run() {
			JourneyEngine current = this.engine;
			if (current != null) {
				current.runOnce();
			}
		}

	}

	/** Starts the scheduler once the store is ready, never during bean creation. */
	static final class JourneysStarter implements ApplicationListener<ApplicationReadyEvent> {

		private final ObjectProvider<JourneyScheduler> scheduler;

		JourneysStarter(ObjectProvider<JourneyScheduler> scheduler) {
			this.scheduler = scheduler;
		}

		@Override
		public void onApplicationEvent(ApplicationReadyEvent event) {
			this.scheduler.ifAvailable(JourneyScheduler::start);
		}

	}

}
