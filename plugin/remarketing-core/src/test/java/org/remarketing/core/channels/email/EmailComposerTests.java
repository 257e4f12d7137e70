package org.remarketing.core.channels.email;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.remarketing.core.templates.TemplateRenderer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EmailComposerTests {

	private static final Locale VI = new Locale("vi");

	private static final Locale VI_VN = new Locale("vi", "VN");

	/** Letters only Vietnamese uses among the shipped languages. */
	private static final Pattern VIETNAMESE_LETTER = Pattern.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	private final EmailComposer composer = new EmailComposer(new TemplateRenderer(getClass().getClassLoader()));

	static Stream<Arguments> everyTemplateLocaleAndTone() {
		List<Arguments> cases = new ArrayList<>();
		for (String template : EmailModel.SHIPPED_TEMPLATES) {
			for (Locale locale : new Locale[] { Locale.ENGLISH, Locale.US, VI, VI_VN, Locale.FRANCE, Locale.JAPANESE }) {
				for (Tone tone : Tone.values()) {
					cases.add(Arguments.of(template, locale, tone));
				}
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("everyTemplateLocaleAndTone")
	void everyPartShowsEveryProductWithItsQuantityPriceAndLinks(String template, Locale locale, Tone tone) {
		EmailModel model = EmailFixtures.model(template, locale, tone).build();
		RenderedEmail email = this.composer.compose(model);

		assertThat(email.subject()).isNotBlank().doesNotContain("\r", "\n");
		Document html = Jsoup.parse(email.html());
		String shown = spaces(html.body().text());
		String text = spaces(email.text());
		List<String> links = html.select("a[href]").eachAttr("href");
		List<String> images = html.select("img[src]").eachAttr("src");
		String quantity = isVietnamese(locale) ? "Số lượng" : "Quantity";
		for (ProductLine line : model.products()) {
			String price = spaces(EmailFixtures.referencePrice(locale, model.store().currency(), line.price()));
			assertThat(shown).contains(line.name(), line.variant() != null ? line.variant() : "", price);
			assertThat(text).contains(line.name(), price);
			if (line.quantity() > 0) {
				assertThat(shown).contains(quantity + ": " + line.quantity());
				assertThat(text).contains(quantity + ": " + line.quantity());
			}
			assertThat(links).contains(line.url());
			assertThat(images).contains(line.imageUrl());
			assertThat(text).contains(line.url());
		}
		for (ProductLine line : model.related()) {
			assertThat(shown).contains(line.name(), spaces(EmailFixtures.referencePrice(locale, model.store().currency(), line.price())));
			assertThat(links).contains(line.url());
			assertThat(text).contains(line.name(), line.url());
		}
		assertThat(links).contains(model.primaryUrl(), model.unsubscribeUrl(), model.preferencesUrl(),
				model.store().url());
		assertThat(text).contains(model.primaryUrl(), model.unsubscribeUrl(), model.preferencesUrl());
		assertThat(shown).contains(model.store().name(), model.store().address());
		assertThat(text).contains(model.store().name(), model.store().address());
		Element pixel = html.body().select("img").last();
		assertThat(pixel.attr("src")).isEqualTo(model.openPixelUrl());
		assertThat(pixel.attr("width")).isEqualTo("1");
		assertThat(pixel.attr("height")).isEqualTo("1");
		if (EmailFixtures.isCart(template)) {
			String subtotal = isVietnamese(locale) ? "Tạm tính" : "Subtotal";
			BigDecimal total = model.products()
				.stream()
				.map((line) -> line.price().multiply(BigDecimal.valueOf(line.quantity())))
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			assertThat(shown).contains(subtotal + ": " + spaces(EmailFixtures.referencePrice(locale, model.store().currency(), total)));
			assertThat(text).contains(subtotal + ": " + spaces(EmailFixtures.referencePrice(locale, model.store().currency(), total)));
		}
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("everyTemplateLocaleAndTone")
	void vietnameseContactsReadVietnameseAndEveryoneElseEnglish(String template, Locale locale, Tone tone) {
		RenderedEmail email = this.composer.compose(EmailFixtures.model(template, locale, tone).build());
		Document html = Jsoup.parse(email.html());
		// The store's address is Vietnamese in every language: leave the footer out of the wording checked.
		String words = email.subject() + " " + html.select("h1, p").text();
		if (isVietnamese(locale)) {
			assertThat(html.selectFirst("html").attr("lang")).isEqualTo("vi");
			assertThat(words).contains("Chào Lan,").containsPattern(VIETNAMESE_LETTER);
			assertThat(html.body().text()).contains("Hủy đăng ký", "Tùy chọn nhận email", "Bạn nhận được email này từ");
			assertThat(email.text()).contains("Chào Lan,", "Hủy đăng ký: ", "Bạn nhận được email này từ");
		}
		else {
			assertThat(html.selectFirst("html").attr("lang")).isEqualTo("en");
			assertThat(words).contains("Hi Lan,").doesNotContainPattern(VIETNAMESE_LETTER.pattern());
			assertThat(html.body().text()).contains("Unsubscribe", "Email preferences", "You receive this email from")
				.doesNotContain("Hủy đăng ký");
			assertThat(email.text()).contains("Hi Lan,", "Unsubscribe: ");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("templates")
	void laterStepsWordTheSubjectDifferently(String template) {
		for (Locale locale : new Locale[] { Locale.ENGLISH, VI }) {
			for (Tone tone : Tone.values()) {
				List<String> subjects = new ArrayList<>();
				for (int step = 1; step <= 3; step++) {
					subjects.add(this.composer.compose(EmailFixtures.model(template, locale, tone).step(step).build())
						.subject());
				}
				assertThat(subjects.get(1)).as("%s %s %s", template, locale, tone).isNotEqualTo(subjects.get(0));
				assertThat(this.composer.compose(EmailFixtures.model(template, locale, tone).step(7).build()).subject())
					.isEqualTo(subjects.get(2));
			}
		}
	}

	static Stream<String> templates() {
		return EmailModel.SHIPPED_TEMPLATES.stream();
	}

	@Test
	void aNameInTheSubjectIsPlainTextOnOneLineAndEscapedOnceInTheHtml() {
		RenderedEmail email = this.composer.compose(EmailFixtures.model("cart-reminder", Locale.ENGLISH, Tone.DIRECT)
			.step(3)
			.firstName("Tom & Jerry\r\nBcc: someone@example.com")
			.build());
		assertThat(email.subject()).isEqualTo("Tom & Jerry Bcc: someone@example.com, don't forget your cart");
		assertThat(email.html()).contains("Hi Tom &amp; Jerry Bcc: someone@example.com,").doesNotContain("&amp;amp;");
		assertThat(email.text()).contains("Hi Tom & Jerry Bcc: someone@example.com,");
	}

	@Test
	void withoutAFirstNameTheGreetingIsGeneric() {
		RenderedEmail english = this.composer
			.compose(EmailFixtures.model("winback", Locale.ENGLISH, Tone.GENTLE).firstName("  ").build());
		assertThat(english.html()).contains("Hi there,");
		assertThat(english.subject()).isEqualTo("It's been a while");
		RenderedEmail vietnamese = this.composer
			.compose(EmailFixtures.model("winback", VI_VN, Tone.GENTLE).firstName(null).build());
		assertThat(vietnamese.text()).contains("Xin chào,");
		assertThat(vietnamese.subject()).isEqualTo("Lâu rồi không gặp bạn");
	}

	@Test
	void theOfferShowsOnlyWhenThereIsOne() {
		String offer = "10% off with code BDAY10";
		RenderedEmail with = this.composer.compose(EmailFixtures.model("birthday", Locale.ENGLISH, Tone.GENTLE)
			.products(List.of())
			.related(List.of())
			.offerText(offer)
			.build());
		assertThat(Jsoup.parse(with.html()).body().text()).contains(offer);
		assertThat(with.text()).contains(offer);
		RenderedEmail without = this.composer
			.compose(EmailFixtures.model("birthday", Locale.ENGLISH, Tone.GENTLE).products(List.of()).build());
		assertThat(without.html()).doesNotContain("dashed");
		assertThat(without.text()).doesNotContain(">>");
	}

	@Test
	void anEmailWithoutProductsHasNoProductList() {
		RenderedEmail email = this.composer.compose(EmailFixtures.model("birthday", Locale.ENGLISH, Tone.GENTLE)
			.products(List.of())
			.related(List.of())
			.build());
		Document html = Jsoup.parse(email.html());
		assertThat(html.select("h2")).isEmpty();
		assertThat(html.select("a[href]").eachAttr("href")).contains("https://shop.example/rmk/r/abc123?sig=xyz");
		assertThat(email.text()).doesNotContain("* ");
	}

	@Test
	void atMostFourRelatedProductsAreShown() {
		List<ProductLine> related = new ArrayList<>();
		for (int i = 1; i <= 6; i++) {
			related.add(EmailFixtures.product(3000 + i, "REL-" + i, "Related " + i, null, 0, "1.00"));
		}
		RenderedEmail email = this.composer
			.compose(EmailFixtures.model("cross-sell", Locale.ENGLISH, Tone.GENTLE).related(related).build());
		assertThat(Jsoup.parse(email.html()).select("td.rmk-col")).hasSize(4);
		assertThat(email.html()).contains("Related 4").doesNotContain("Related 5");
	}

	@Test
	void noOpenPixelWithoutItsUrl() {
		RenderedEmail email = this.composer
			.compose(EmailFixtures.model("new-products", Locale.ENGLISH, Tone.GENTLE).openPixelUrl(null).build());
		assertThat(Jsoup.parse(email.html()).select("img[width=1]")).isEmpty();
	}

	@Test
	void theLinksAnEmailCannotDoWithoutMustBeHttp() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmailFixtures.model("cart-reminder", Locale.ENGLISH, Tone.GENTLE)
				.primaryUrl("javascript:alert(1)")
				.build())
			.withMessageContaining("primaryUrl")
			.withMessageNotContaining("alert");
		assertThatIllegalArgumentException().isThrownBy(
				() -> EmailFixtures.model("cart-reminder", Locale.ENGLISH, Tone.GENTLE).unsubscribeUrl(null).build())
			.withMessageContaining("unsubscribeUrl");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmailFixtures.model("cart-reminder", Locale.ENGLISH, Tone.GENTLE)
				.preferencesUrl("/relative/preferences")
				.build())
			.withMessageContaining("preferencesUrl");
	}

	@Test
	void aTemplateKeyCannotNameAnotherPath() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmailFixtures.model("../../secrets", Locale.ENGLISH, Tone.GENTLE).build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmailFixtures.model("cart-reminder.ftlh", Locale.ENGLISH, Tone.GENTLE).build());
	}

	private static boolean isVietnamese(Locale locale) {
		return locale.getLanguage().equals("vi");
	}

	/** No-break spaces (in prices) as plain spaces, and runs of spaces as one, as jsoup's text() does. */
	static String spaces(String text) {
		return text.replace('\u00a0', ' ').replace('\u202f', ' ').replaceAll(" {2,}", " ");
	}

}
