package org.remarketing.autoconfigure;

import java.util.LinkedHashMap;

import org.remarketing.core.schema.RemarketingSchema;
import org.remarketing.core.shop.CatalogNews;
import org.remarketing.core.shop.ProductCatalog;
import org.remarketing.core.shop.StoreLinks;
import org.remarketing.core.system.StatusContributor;
import org.remarketing.core.tracking.Outbox;
import org.remarketing.core.tracking.ShopperContext;
import org.remarketing.shopizer.ShopizerCapture;
import org.remarketing.shopizer.ShopizerCatalogNews;
import org.remarketing.shopizer.ShopizerProductCatalog;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigureAfter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Captures the store's own writes (carts, orders, customers, newsletter opt-ins) through
 * Hibernate listeners appended to the store's {@code EntityManagerFactory}, when the store runs
 * on Shopizer's entity model. Names only: neither Hibernate nor Shopizer is on the plugin's own
 * classpath.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = { "com.salesmanager.core.model.shoppingcart.ShoppingCart",
		"org.hibernate.engine.spi.SessionFactoryImplementor", "javax.persistence.EntityManagerFactory" })
@ConditionalOnProperty(prefix = "remarketing.capture", name = "store-events", matchIfMissing = true)
// the plugin's schema bean exists only with remarketing.enabled (its default)
@ConditionalOnBean(value = RemarketingSchema.class, type = "javax.persistence.EntityManagerFactory")
@AutoConfigureAfter(value = RemarketingAutoConfiguration.class,
		name = "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration")
public class RemarketingCaptureAutoConfiguration {

	@Bean(destroyMethod = "stop")
	@ConditionalOnMissingBean
	ShopizerCapture remarketingShopizerCapture(ListableBeanFactory beans, ObjectProvider<Outbox> outbox,
			ObjectProvider<ShopperContext> shopperContext) {
		return new ShopizerCapture(beans, outbox, shopperContext);
	}

	/**
	 * Capture starts when the application is ready (when a load balancer's readiness check lets
	 * shoppers in): what the store seeds or writes while starting is history, not events.
	 */
	@Bean
	CaptureStarter remarketingCaptureStarter(ShopizerCapture capture) {
		return new CaptureStarter(capture);
	}

	/** The store catalog's newest product per category, for "new products for past buyers". */
	@Bean
	@ConditionalOnMissingBean(CatalogNews.class)
	ShopizerCatalogNews remarketingCatalogNews(ListableBeanFactory beans, RemarketingSchema schema) {
		return new ShopizerCatalogNews(beans, schema.dataSource());
	}

	/** The products and the brand that reminder emails show, read from Shopizer's tables. */
	@Bean
	@ConditionalOnMissingBean(ProductCatalog.class)
	ShopizerProductCatalog remarketingProductCatalog(ListableBeanFactory beans, RemarketingSchema schema, StoreLinks links) {
		return new ShopizerProductCatalog(beans, schema.dataSource(), links);
	}

	@Bean
	@ConditionalOnMissingBean(name = "remarketingCaptureStatus")
	@Order(40)
	StatusContributor remarketingCaptureStatus(ShopizerCapture capture) {
		return (status) -> status.put("capture", new LinkedHashMap<>(capture.status()));
	}

	/** First among the plugin's listeners of the ready event: the history import needs capture's start time. */
	static final class CaptureStarter implements ApplicationListener<ApplicationReadyEvent>, Ordered {

		static final int ORDER = 0;

		private final ShopizerCapture capture;

		CaptureStarter(ShopizerCapture capture) {
			this.capture = capture;
		}

		@Override
		public void onApplicationEvent(ApplicationReadyEvent event) {
			this.capture.start();
		}

		@Override
		public int getOrder() {
			return ORDER;
		}

	}

}
