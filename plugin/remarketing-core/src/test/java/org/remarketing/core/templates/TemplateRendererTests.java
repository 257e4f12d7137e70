package org.remarketing.core.templates;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TemplateRendererTests {

	private final TemplateRenderer renderer = new TemplateRenderer(getClass().getClassLoader());

	@Test
	void htmlTemplatesEscapeModelValues() {
		String html = this.renderer.render("test/greeting.ftlh", Map.of("name", "<script>alert(1)</script>"),
				Locale.ENGLISH);
		assertThat(html).contains("Hello &lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
	}

	@Test
	void textTemplatesAreNotHtmlEscaped() {
		String text = this.renderer.render("test/greeting.ftl", Map.of("name", "Tom & Jerry <3"), Locale.ENGLISH);
		assertThat(text).isEqualTo("Hello Tom & Jerry <3\n");
	}

	@Test
	void looksUpTheLocalisedTemplateFirst() {
		assertThat(this.renderer.render("test/greeting.ftlh", Map.of("name", "Lan"), new Locale("vi", "VN")))
			.contains("Xin chào Lan");
		assertThat(this.renderer.render("test/greeting.ftlh", Map.of("name", "Lan"), Locale.FRENCH))
			.contains("Hello Lan");
	}

	@Test
	void newBuiltInCannotInstantiateClasses() {
		assertThatExceptionOfType(TemplateRenderingException.class)
			.isThrownBy(() -> this.renderer.render("test/new-builtin.ftlh", Map.of(), Locale.ENGLISH))
			.havingRootCause()
			.withMessageContaining("Instantiating freemarker.template.utility.Execute is not allowed");
	}

	@Test
	void apiBuiltInIsDisabled() {
		assertThatExceptionOfType(TemplateRenderingException.class)
			.isThrownBy(() -> this.renderer.render("test/api-builtin.ftlh", Map.of("items", List.of("a")),
					Locale.ENGLISH))
			.havingRootCause()
			.withMessageContaining("api_builtin_enabled");
	}

	@Test
	void rendersSeveralTemplatesWithOneModelEachOnItsOwn() {
		Map<String, Object> model = Map.of("items", List.of(Map.of("name", "Tea & Co"), Map.of("name", "<b>Mug</b>")),
				"flag", true, "total", 1234.5);
		List<String> parts = this.renderer.renderAll(List.of("test/parts-first.ftl", "test/parts-second.ftlh"), model,
				Locale.ENGLISH);
		assertThat(parts).containsExactly("2 items, first Tea & Co, on, total 1234.5\n",
				"<p>&lt;b&gt;Mug&lt;/b&gt; nothing leaked</p>\n");
	}

	@Test
	void renderingSeveralNamesTheMissingTemplate() {
		assertThatExceptionOfType(TemplateRenderingException.class)
			.isThrownBy(() -> this.renderer.renderAll(List.of("test/greeting.ftl", "email/nope.ftl"),
					Map.of("name", "Lan"), Locale.ENGLISH))
			.withMessageContaining("'email/nope.ftl'");
	}

	@Test
	void missingTemplateFailsWithItsName() {
		assertThatExceptionOfType(TemplateRenderingException.class)
			.isThrownBy(() -> this.renderer.render("email/nope.ftlh", Map.of(), Locale.ENGLISH))
			.withMessageContaining("'email/nope.ftlh'");
	}

	@Test
	void emailLayoutFramesTheContentWithStoreAndUnsubscribeLink() {
		String html = this.renderer.render("test/email.ftlh",
				Map.of("storeName", "Bean & Leaf", "unsubscribeUrl", "https://shop.example/u?t=a&b"), Locale.ENGLISH);
		assertThat(html).startsWith("<!DOCTYPE html>")
			.contains("Your cart is waiting.")
			.contains("Still thinking it over?")
			.contains("Bean &amp; Leaf")
			.contains("href=\"https://shop.example/u?t=a&amp;b\"")
			.contains("href=\"https://shop.example/cart/abc\"");
		String text = this.renderer.render("test/email.ftl",
				Map.of("storeName", "Bean & Leaf", "unsubscribeUrl", "https://shop.example/u?t=a&b"), Locale.ENGLISH);
		assertThat(text).startsWith("Bean & Leaf")
			.contains("You left something behind\n=========================")
			.contains("Return to your cart: https://shop.example/cart/abc")
			.contains("Unsubscribe: https://shop.example/u?t=a&b");
	}

	@Test
	void storesCopyOfATemplateWinsOverThePlugins(@TempDir Path store) throws IOException {
		Path override = store.resolve("remarketing/templates/email/layout.ftl");
		Files.createDirectories(override.getParent());
		Files.write(override, "<#macro page storeName unsubscribeUrl=\"\" title=\"\">STORE'S OWN ${storeName}\n</#macro>"
			.getBytes(StandardCharsets.UTF_8));
		// Parent-first: the plugin's copy is enumerated before the store's, yet the store's wins.
		try (URLClassLoader withStore = new URLClassLoader(new URL[] { store.toUri().toURL() },
				getClass().getClassLoader())) {
			String text = new TemplateRenderer(withStore).render("test/email.ftl",
					Map.of("storeName", "Bean", "unsubscribeUrl", ""), Locale.ENGLISH);
			assertThat(text).isEqualTo("STORE'S OWN Bean\n");
		}
	}

	@Test
	void pluginsOwnCopyServesWhenTheStoreHasNone() {
		String text = this.renderer.render("test/email.ftl", Map.of("storeName", "Bean", "unsubscribeUrl", ""),
				Locale.ENGLISH);
		assertThat(text).doesNotContain("STORE'S OWN").contains("You receive this email from Bean.");
	}

}
