package org.remarketing.autoconfigure;

import java.time.Clock;

import org.remarketing.core.channels.email.CartRecoveries;
import org.remarketing.core.channels.email.ClickRedirects;
import org.remarketing.core.channels.email.LinkTokens;
import org.remarketing.core.channels.email.OpenTracking;
import org.remarketing.core.channels.email.Unsubscribes;
import org.remarketing.core.contacts.ContactDetails;
import org.remarketing.core.contacts.ContactEraser;
import org.remarketing.core.contacts.ContactSearch;
import org.remarketing.core.contacts.GdprExport;
import org.remarketing.core.journeys.JourneyPreviews;
import org.remarketing.core.journeys.JourneyResults;
import org.remarketing.core.journeys.JourneyStore;
import org.remarketing.core.journeys.MessageLog;
import org.remarketing.core.schema.RemarketingSchema;
import org.remarketing.core.segments.SegmentEngine;
import org.remarketing.core.segments.SegmentScheduler;
import org.remarketing.core.shop.HistoryImport;
import org.remarketing.core.shop.ShopStores;
import org.remarketing.core.shop.StoreSummary;
import org.remarketing.core.system.StatusContributor;
import org.remarketing.core.tracking.Outbox;
import org.remarketing.core.tracking.ShopperContext;
import org.remarketing.web.admin.AdminResources;
import org.remarketing.web.admin.AdminScreenController;
import org.remarketing.web.admin.HistoryImportController;
import org.remarketing.web.admin.StatusController;
import org.remarketing.web.contacts.ContactsController;
import org.remarketing.web.email.CartRecoveryController;
import org.remarketing.web.email.CartRestorer;
import org.remarketing.web.email.ClickController;
import org.remarketing.web.email.LinkPages;
import org.remarketing.web.email.OpenPixelController;
import org.remarketing.web.email.RedirectingCartRestorer;
import org.remarketing.web.email.UnsubscribeController;
import org.remarketing.web.journeys.JourneysController;
import org.remarketing.web.journeys.MessagesController;
import org.remarketing.web.segments.SegmentsController;
import org.remarketing.web.tracking.ShopperContextFilter;
import org.remarketing.web.tracking.TrackerScriptController;
import org.remarketing.web.tracking.TrackingController;
import org.remarketing.web.tracking.TrackingSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigureAfter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The plugin's admin REST API and admin screens, and its public shopper endpoints (tracking,
 * email links), in servlet web applications.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnProperty(prefix = "remarketing", name = "enabled", matchIfMissing = true)
@ConditionalOnBean(RemarketingSchema.class)
@AutoConfigureAfter({ RemarketingAutoConfiguration.class, RemarketingHistoryImportAutoConfiguration.class })
@EnableConfigurationProperties(RemarketingProperties.class)
public class RemarketingWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	StatusController remarketingStatusController(ObjectProvider<StatusContributor> contributors) {
		return new StatusController(contributors);
	}

	@Bean
	@ConditionalOnMissingBean
	AdminScreenController remarketingAdminScreenController(RemarketingProperties properties) {
		return new AdminScreenController(properties.getAdmin().getBackofficeUrl());
	}

	@Bean
	@ConditionalOnMissingBean
	AdminResources remarketingAdminResources() {
		return new AdminResources();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(HistoryImport.class)
	HistoryImportController remarketingHistoryImportController(HistoryImport historyImport) {
		return new HistoryImportController(historyImport);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ ContactSearch.class, ContactDetails.class, GdprExport.class, ContactEraser.class })
	ContactsController remarketingContactsController(ContactSearch search, ContactDetails details, GdprExport export,
			ContactEraser eraser) {
		return new ContactsController(search, details, export, eraser);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ SegmentEngine.class, SegmentScheduler.class })
	SegmentsController remarketingSegmentsController(SegmentEngine engine, SegmentScheduler scheduler,
			RemarketingSchema schema) {
		return new SegmentsController(engine, scheduler, schema.dataSource());
	}

	/** Journeys need their store (the engine's); previews answer 503 until the engine provides them. */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ JourneyStore.class, JourneyResults.class })
	JourneysController remarketingJourneysController(JourneyStore store, JourneyResults results,
			ObjectProvider<JourneyPreviews> previews) {
		return new JourneysController(store, results, previews::getIfAvailable);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(MessageLog.class)
	MessagesController remarketingMessagesController(MessageLog log) {
		return new MessagesController(log);
	}

	/**
	 * The public endpoints behind the links of the plugin's emails (docs/email-links.md), and the
	 * default {@link CartRestorer}: a store declares its own to put a recovered cart in the browser.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(LinkTokens.class)
	static class EmailLinksWebConfiguration {

		@Bean
		@ConditionalOnMissingBean
		LinkPages remarketingLinkPages(ShopStores stores, RemarketingProperties properties) {
			return new LinkPages(() -> stores.defaultStore().map(StoreSummary::name).orElse(null),
					properties.getStore().getUrl());
		}

		@Bean
		@ConditionalOnMissingBean
		CartRestorer remarketingCartRestorer(RemarketingProperties properties) {
			RemarketingProperties.Store store = properties.getStore();
			String url = store.getUrl();
			if (url != null && !url.isBlank()) {
				EmailLinksConfiguration.storeOrigin(url);
			}
			return new RedirectingCartRestorer(url, store.getCartPath());
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(Unsubscribes.class)
		UnsubscribeController remarketingUnsubscribeController(Unsubscribes unsubscribes, LinkTokens tokens,
				LinkPages pages) {
			return new UnsubscribeController(unsubscribes, tokens, pages);
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(ClickRedirects.class)
		ClickController remarketingClickController(ClickRedirects clicks, LinkTokens tokens, LinkPages pages) {
			return new ClickController(clicks, tokens, pages);
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(OpenTracking.class)
		OpenPixelController remarketingOpenPixelController(OpenTracking opens, LinkTokens tokens, LinkPages pages) {
			return new OpenPixelController(opens, tokens, pages, Clock.systemUTC());
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(CartRecoveries.class)
		CartRecoveryController remarketingCartRecoveryController(CartRecoveries recoveries, CartRestorer restorer,
				LinkPages pages) {
			return new CartRecoveryController(recoveries, restorer, pages);
		}

	}

	/**
	 * tracker.js, the events endpoint, the visitor cookie and the filter that binds a request's
	 * visitor ({@code remarketing.tracking.enabled}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "remarketing.tracking", name = "enabled", matchIfMissing = true)
	static class TrackingConfiguration {

		/** Just before Spring Security's chain (-100): a sign-in that merges carts already knows the visitor. */
		static final int SHOPPER_CONTEXT_FILTER_ORDER = -110;

		/** One per application: the outbox's auto-configuration may have declared it already (non-web hosts too). */
		@Bean
		@ConditionalOnMissingBean
		ShopperContext remarketingShopperContext() {
			return new ShopperContext();
		}

		@Bean
		@ConditionalOnMissingBean(name = "remarketingShopperContextFilter")
		FilterRegistrationBean<ShopperContextFilter> remarketingShopperContextFilter(ShopperContext shopperContext) {
			FilterRegistrationBean<ShopperContextFilter> registration = new FilterRegistrationBean<>(
					new ShopperContextFilter(shopperContext));
			registration.setName("remarketingShopperContextFilter");
			registration.setOrder(SHOPPER_CONTEXT_FILTER_ORDER);
			return registration;
		}

		@Bean
		@ConditionalOnMissingBean
		TrackerScriptController remarketingTrackerScriptController() {
			return new TrackerScriptController();
		}

		/** Needs somewhere to put events: the outbox. */
		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(Outbox.class)
		TrackingController remarketingTrackingController(Outbox outbox, RemarketingProperties properties) {
			RemarketingProperties.Tracking tracking = properties.getTracking();
			RemarketingProperties.Tracking.RateLimit limit = tracking.getRateLimit();
			return new TrackingController(outbox, new TrackingSettings(tracking.isConsentRequired(), limit.isEnabled(),
					limit.getPerVisitor(), limit.getPerIp(), limit.getMaxKeys()));
		}

	}

}
