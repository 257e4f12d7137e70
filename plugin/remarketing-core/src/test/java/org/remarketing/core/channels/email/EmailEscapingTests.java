package org.remarketing.core.channels.email;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.remarketing.core.templates.TemplateRenderer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever shoppers and the catalog typed (names, variants, the store's own texts, links) ends up
 * as text, never as markup, and only http/https links become an href or src.
 */
class EmailEscapingTests {

	private static final String SCRIPT = "<script>alert(1)</script>";

	private static final String BREAK_OUT = "\"><img src=x onerror=alert(1)>";

	private final EmailComposer composer = new EmailComposer(new TemplateRenderer(getClass().getClassLoader()));

	static List<String> templates() {
		return EmailModel.SHIPPED_TEMPLATES;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("templates")
	void markupInTheModelIsShownAsTextAndUnsafeLinksAreLeftOut(String template) {
		for (Locale locale : new Locale[] { Locale.ENGLISH, new Locale("vi", "VN") }) {
			for (Tone tone : Tone.values()) {
				EmailModel model = hostile(template, locale, tone);
				RenderedEmail email = this.composer.compose(model);
				Document html = Jsoup.parse(email.html());

				assertThat(html.select("script, iframe, object, embed, svg, form")).isEmpty();
				for (Element element : html.getAllElements()) {
					for (Attribute attribute : element.attributes()) {
						assertThat(attribute.getKey()).as("attribute of <%s>", element.tagName()).doesNotStartWith("on");
					}
				}
				for (String url : html.select("[href]").eachAttr("href")) {
					assertThat(url).startsWith("https://");
				}
				for (String url : html.select("[src]").eachAttr("src")) {
					assertThat(url).startsWith("https://");
				}
				assertThat(email.html()).doesNotContain("<script", "<img src=x", "<b onmouseover");
				// Still shown, as text.
				String shown = html.body().text();
				String hi = locale.getLanguage().equals("vi") ? "Chào " : "Hi ";
				assertThat(shown).contains(hi + SCRIPT + ",", SCRIPT, BREAK_OUT, "<b onmouseover=alert(1)>Leaf</b>");
				// A safe link with quotes stays inside its attribute.
				assertThat(html.select("a[href]").eachAttr("href")).contains("https://shop.example/p?a=1&b=\"><script>");

				assertThat(email.text()).contains(SCRIPT, BREAK_OUT)
					.doesNotContainIgnoringCase("javascript:")
					.doesNotContainIgnoringCase("vbscript:")
					.doesNotContain("data:text");
				assertThat(email.subject()).doesNotContain("\r", "\n", "&lt;", "&amp;");
			}
		}
	}

	private static EmailModel hostile(String template, Locale locale, Tone tone) {
		StoreBrand store = StoreBrand.builder()
			.name("Bean <b onmouseover=alert(1)>Leaf</b>")
			.url("javascript:alert('store')")
			.address(BREAK_OUT)
			.logoUrl("JaVaScRiPt:alert('logo')")
			.currency("USD")
			.build();
		List<ProductLine> products = List.of(
				line(1, SCRIPT, BREAK_OUT, "javascript:alert(1)", "data:text/html,<script>alert(1)</script>"),
				line(2, BREAK_OUT, SCRIPT, " JAVASCRIPT:alert(2)", "javascript:alert(2)"),
				line(3, "Safe link, odd query", null, "https://shop.example/p?a=1&b=\"><script>",
						"https://cdn.shop.example/x.jpg?\"onerror=alert(1)"));
		List<ProductLine> related = List.of(line(4, "<img src=x onerror=alert(1)>", null, "vbscript:msgbox(1)",
				"javascript:alert(4)"));
		return EmailModel.builder()
			.template(template)
			.locale(locale)
			.tone(tone)
			.firstName(SCRIPT)
			.store(store)
			.products(products)
			.related(related)
			.primaryUrl("https://shop.example/rmk/r/abc")
			.unsubscribeUrl("https://shop.example/u?t=1")
			.preferencesUrl("https://shop.example/p?t=1")
			.openPixelUrl("javascript:alert('pixel')")
			.offerText("<img src=x onerror=alert(1)> 10% off")
			.build();
	}

	private static ProductLine line(long id, String name, String variant, String url, String imageUrl) {
		return ProductLine.builder()
			.id(id)
			.name(name)
			.variant(variant)
			.quantity((int) id)
			.price(new BigDecimal("9.99"))
			.url(url)
			.imageUrl(imageUrl)
			.build();
	}

}
