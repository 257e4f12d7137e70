package org.remarketing.core.journeys;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.remarketing.core.channels.email.EmailComposer;
import org.remarketing.core.channels.email.EmailModel;
import org.remarketing.core.channels.email.ProductLine;
import org.remarketing.core.channels.email.RenderedEmail;
import org.remarketing.core.channels.email.StoreBrand;
import org.remarketing.core.channels.email.Tone;
import org.remarketing.core.shop.CatalogProduct;
import org.remarketing.core.shop.ProductCatalog;
import org.remarketing.core.shop.StoreBranding;

/**
 * Renders a journey step as an email: the run's products as the store's catalog shows them now
 * (name in the contact's language, current price, image, page), up to three related products, the
 * store's brand, the recovery link for carts, and the tone of the contact's funnel stage. Every
 * link to the store goes through the click tracking of the message.
 */
public class EmailStepRenderer implements StepRenderer {

	/** Related products shown under the run's products. */
	static final int RELATED = 3;

	private final EmailComposer composer;

	private final ProductCatalog catalog;

	public EmailStepRenderer(EmailComposer composer, ProductCatalog catalog) {
		this.composer = composer;
		this.catalog = catalog;
	}

	@Override
	public Rendered render(StepContext context) {
		StoreBranding brand = this.catalog.brand();
		List<Long> ids = new ArrayList<>();
		context.products().forEach((p) -> ids.add(p.productId()));
		Map<Long, CatalogProduct> found = new HashMap<>();
		if (!ids.isEmpty()) {
			this.catalog.products(ids, context.locale()).forEach((p) -> found.put(p.id(), p));
		}
		List<ProductLine> products = new ArrayList<>();
		for (RunProduct product : context.products()) {
			CatalogProduct current = found.get(product.productId());
			if (current != null) {
				products.add(line(current, product.quantity(), context));
			}
		}
		List<ProductLine> related = new ArrayList<>();
		if (!products.isEmpty()) {
			Set<Long> exclude = new HashSet<>(ids);
			for (CatalogProduct p : this.catalog.related(products.get(0).id(), exclude, RELATED, context.locale())) {
				related.add(line(p, 0, context));
			}
		}
		String storeUrl = context.track(brand.url());
		String primary = (context.recoveryUrl() != null) ? context.recoveryUrl() : storeUrl;
		EmailModel model = EmailModel.builder()
			.template(context.template())
			.step(context.stepNo())
			.locale(context.locale())
			.tone(tone(context.stage()))
			.firstName(context.firstName())
			.store(StoreBrand.builder().name(brand.name()).url((storeUrl != null) ? storeUrl : brand.url())
				.address(brand.address()).logoUrl(brand.logoUrl()).currency(brand.currency()).build())
			.products(products)
			.related(related)
			.primaryUrl(primary)
			.unsubscribeUrl(context.unsubscribeUrl())
			.preferencesUrl(context.preferencesUrl())
			.openPixelUrl(context.openPixelUrl())
			.build();
		RenderedEmail email = this.composer.compose(model);
		return new Rendered(email.subject(), email.html(), email.text());
	}

	private static ProductLine line(CatalogProduct product, int quantity, StepContext context) {
		String url = context.track(product.url());
		return ProductLine.builder().id(product.id()).sku(product.sku()).name(product.name()).quantity(quantity)
			.price(product.price()).imageUrl(product.imageUrl()).url((url != null) ? url : product.url()).build();
	}

	/** Shoppers only discovering or considering never get pressure wording. */
	static Tone tone(String stage) {
		if (stage == null || "discovering".equals(stage) || "considering".equals(stage)) {
			return Tone.GENTLE;
		}
		return Tone.DIRECT;
	}

}
