package org.remarketing.core.channels.email;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * Realistic email models for the tests and the benchmark: three products, three related
 * products, a first name, a store with a logo and an address.
 */
final class EmailFixtures {

	private EmailFixtures() {
	}

	static StoreBrand store(String currency) {
		return StoreBrand.builder()
			.name("Bean & Leaf")
			.url("https://shop.example/")
			.address("12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội")
			.logoUrl("https://shop.example/static/logo.png")
			.currency(currency)
			.build();
	}

	/** Three products: cart lines (quantities 2, 1, 3) or not; priced in dong for Vietnamese, else dollars. */
	static List<ProductLine> products(boolean cartLines, boolean dong) {
		return List.of(
				product(1001, "COF-ARA-500", "Arabica Coffee Beans", "500 g, whole beans", cartLines ? 2 : 0,
						dong ? "289000" : "12.50"),
				product(1002, "TEA-SEN-100", "Lotus Green Tea", null, cartLines ? 1 : 0, dong ? "159000" : "8.90"),
				product(1003, "MUG-CER-01", "Ceramic Mug", "Blue", cartLines ? 3 : 0, dong ? "125000" : "15.00"));
	}

	static List<ProductLine> related(boolean dong) {
		return List.of(product(2001, "FLT-V60", "Pour-over Filter", null, 0, dong ? "99000" : "4.20"),
				product(2002, "GRD-HND", "Hand Grinder", "Steel", 0, dong ? "1250000" : "39.00"),
				product(2003, "TEA-OOL", "Oolong Tea", null, 0, dong ? "210000" : "11.75"));
	}

	static ProductLine product(long id, String sku, String name, String variant, int quantity, String price) {
		return ProductLine.builder()
			.id(id)
			.sku(sku)
			.name(name)
			.variant(variant)
			.quantity(quantity)
			.price(new BigDecimal(price))
			.imageUrl("https://cdn.shop.example/img/" + sku + ".jpg")
			.url("https://shop.example/rmk/c/" + id + "?t=tok" + id + "&m=email")
			.build();
	}

	private static final String[] FIRST_NAMES = { "Lan", "Minh", "Olivia", "Tuấn", "Noah", "Hương", "Emma", "Bảo" };

	/**
	 * The {@code i}-th of a varied stream of emails: every template, both tones, steps 1–3,
	 * English in USD and Vietnamese in VND alternately, its own name, products and link tokens.
	 */
	static EmailModel personalised(int i) {
		boolean vi = i % 2 == 1;
		String template = EmailModel.SHIPPED_TEMPLATES.get((i / 2) % EmailModel.SHIPPED_TEMPLATES.size());
		boolean cart = isCart(template);
		String token = Integer.toHexString(0x5f3759df * (i + 1));
		long base = 1000 + (i % 500) * 10;
		List<ProductLine> products = List.of(
				product(base, "COF-" + base, "Arabica Coffee Beans " + i % 7, "500 g, whole beans", cart ? 2 : 0,
						vi ? "289000" : "12.50"),
				product(base + 1, "TEA-" + base, "Lotus Green Tea", null, cart ? 1 : 0, vi ? "159000" : "8.90"),
				product(base + 2, "MUG-" + base, "Ceramic Mug", "Blue", cart ? 3 : 0, vi ? "125000" : "15.00"));
		List<ProductLine> related = List.of(product(base + 3, "FLT-" + base, "Pour-over Filter", null, 0, vi ? "99000" : "4.20"),
				product(base + 4, "GRD-" + base, "Hand Grinder", "Steel", 0, vi ? "1250000" : "39.00"),
				product(base + 5, "OOL-" + base, "Oolong Tea", null, 0, vi ? "210000" : "11.75"));
		return EmailModel.builder()
			.template(template)
			.step(1 + (i / 16) % 3)
			.locale(vi ? new Locale("vi", "VN") : Locale.ENGLISH)
			.tone((i / 48) % 2 == 0 ? Tone.DIRECT : Tone.GENTLE)
			.firstName(FIRST_NAMES[i % FIRST_NAMES.length])
			.store(store(vi ? "VND" : "USD"))
			.products(products)
			.related(related)
			.primaryUrl("https://shop.example/rmk/r/" + token + "?sig=" + token)
			.unsubscribeUrl("https://shop.example/api/v1/remarketing/unsubscribe?t=" + token)
			.preferencesUrl("https://shop.example/remarketing/preferences?t=" + token)
			.openPixelUrl("https://shop.example/api/v1/remarketing/o/" + token + ".gif")
			.build();
	}

	/** The price as java.text writes it for the locale, with the currency's own decimals, half up. */
	static String referencePrice(Locale locale, String currencyCode, BigDecimal amount) {
		Currency currency = Currency.getInstance(currencyCode);
		NumberFormat format = NumberFormat.getCurrencyInstance(locale);
		format.setCurrency(currency);
		format.setMinimumFractionDigits(currency.getDefaultFractionDigits());
		format.setMaximumFractionDigits(currency.getDefaultFractionDigits());
		format.setRoundingMode(RoundingMode.HALF_UP);
		return format.format(amount);
	}

	static boolean isCart(String template) {
		return template.equals("cart-reminder") || template.equals("checkout-reminder");
	}

	/** A model for the template: Vietnamese contacts of a store in dong, everyone else in dollars. */
	static EmailModel.Builder model(String template, Locale locale, Tone tone) {
		boolean dong = locale.getLanguage().equals("vi");
		return EmailModel.builder()
			.template(template)
			.step(1)
			.locale(locale)
			.tone(tone)
			.firstName("Lan")
			.store(store(dong ? "VND" : "USD"))
			.products(products(isCart(template), dong))
			.related(related(dong))
			.primaryUrl("https://shop.example/rmk/r/abc123?sig=xyz")
			.unsubscribeUrl("https://shop.example/api/v1/remarketing/unsubscribe?t=u-tok&c=1")
			.preferencesUrl("https://shop.example/remarketing/preferences?t=p-tok")
			.openPixelUrl("https://shop.example/api/v1/remarketing/o/px-tok.gif");
	}

}
