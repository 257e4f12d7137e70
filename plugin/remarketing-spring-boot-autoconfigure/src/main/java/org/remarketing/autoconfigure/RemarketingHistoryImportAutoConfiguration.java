package org.remarketing.autoconfigure;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;

import org.remarketing.core.schema.RemarketingSchema;
import org.remarketing.core.shop.HistoryImport;
import org.remarketing.core.system.PluginSettings;
import org.remarketing.core.system.StatusContributor;
import org.remarketing.core.tracking.Outbox;
import org.remarketing.core.tracking.OutboxRelay;
import org.remarketing.shopizer.ShopizerCapture;
import org.remarketing.shopizer.ShopizerHistoryImport;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigureAfter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Imports the store's history (customers, orders, newsletter opt-ins, open carts from before the
 * plugin) from Shopizer's tables, once, in the background after the store is ready, when the store
 * runs on Shopizer's entity model; an administrator can run it again
 * ({@code POST /api/v1/private/remarketing/import}). {@code remarketing.import.enabled=false} leaves
 * only the administrator's run.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = { "com.salesmanager.core.model.shoppingcart.ShoppingCart",
		"org.hibernate.engine.spi.SessionFactoryImplementor", "javax.persistence.EntityManagerFactory" })
// the plugin's schema bean exists only with remarketing.enabled (its default)
@ConditionalOnBean(value = RemarketingSchema.class, type = "javax.persistence.EntityManagerFactory")
@AutoConfigureAfter(value = { RemarketingAutoConfiguration.class, RemarketingCaptureAutoConfiguration.class },
		name = "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration")
public class RemarketingHistoryImportAutoConfiguration {

	@Bean(destroyMethod = "stop")
	@ConditionalOnMissingBean(HistoryImport.class)
	ShopizerHistoryImport remarketingHistoryImport(ListableBeanFactory beans, RemarketingSchema schema,
			ObjectProvider<Outbox> outbox, ObjectProvider<ShopizerCapture> capture, ObjectProvider<OutboxRelay> relay,
			RemarketingProperties properties) {
		RemarketingProperties.HistoryImport settings = properties.getImport();
		return new ShopizerHistoryImport(beans, schema.dataSource(), outbox,
				new PluginSettings(schema.dataSource(), Clock.systemUTC()), () -> captureStart(capture),
				() -> backlog(relay), ShopizerHistoryImport.Options.of(settings.isEnabled(), settings.getPageSize()),
				Clock.systemUTC());
	}

	@Bean
	@ConditionalOnBean(ShopizerHistoryImport.class)
	HistoryImportStarter remarketingHistoryImportStarter(ShopizerHistoryImport historyImport) {
		return new HistoryImportStarter(historyImport);
	}

	@Bean
	@ConditionalOnMissingBean(name = "remarketingHistoryImportStatus")
	@ConditionalOnBean(HistoryImport.class)
	@Order(45)
	StatusContributor remarketingHistoryImportStatus(HistoryImport historyImport) {
		return (status) -> status.put("import", new LinkedHashMap<>(historyImport.status()));
	}

	/** When capture started; now when it does not run (nothing is captured: all of the past is history). */
	private static Instant captureStart(ObjectProvider<ShopizerCapture> capture) {
		ShopizerCapture running = capture.getIfAvailable();
		Instant started = (running != null) ? running.startedAt() : null;
		return (started != null) ? started : Instant.now();
	}

	private static long backlog(ObjectProvider<OutboxRelay> relay) {
		OutboxRelay outboxRelay = relay.getIfAvailable();
		return (outboxRelay != null) ? outboxRelay.metrics().backlog() : 0;
	}

	/** After capture has started (its starter is ordered first): the import needs its start time. */
	static final class HistoryImportStarter implements ApplicationListener<ApplicationReadyEvent>, Ordered {

		private final ShopizerHistoryImport historyImport;

		HistoryImportStarter(ShopizerHistoryImport historyImport) {
			this.historyImport = historyImport;
		}

		@Override
		public void onApplicationEvent(ApplicationReadyEvent event) {
			this.historyImport.ready();
		}

		@Override
		public int getOrder() {
			return RemarketingCaptureAutoConfiguration.CaptureStarter.ORDER + 100;
		}

	}

}
