package org.remarketing.core.channels.email;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remarketing.core.templates.TemplateRenderer;
import org.remarketing.core.templates.TemplateRenderingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A store overrides an email template by shipping a file at the same path; what it ships is
 * held to the same rules (no {@code ?new}, no {@code ?api}).
 */
class EmailTemplateOverrideTests {

	@TempDir
	Path store;

	@Test
	void theStoresWordingReplacesThePluginsForThatTemplateAndLanguage() throws IOException {
		write("email/copy/winback.ftl", "<#assign subject = \"Long time no see, ${firstName!'friend'}\">\n"
				+ "<#assign title = \"Come and say hello\">\n<#assign intro = \"We kept the kettle warm.\">\n"
				+ "<#assign button = \"Drop by\">\n");
		try (URLClassLoader withStore = storeClassLoader()) {
			EmailComposer composer = new EmailComposer(new TemplateRenderer(withStore));
			RenderedEmail english = composer.compose(EmailFixtures.model("winback", Locale.ENGLISH, Tone.GENTLE).build());
			assertThat(english.subject()).isEqualTo("Long time no see, Lan");
			assertThat(english.html()).contains("We kept the kettle warm.", "Drop by", "Unsubscribe");
			assertThat(english.text()).contains("We kept the kettle warm.", "Drop by: https://shop.example/rmk/r/abc123");
			// Vietnamese still has the plugin's own copy, and other templates are untouched.
			assertThat(composer.compose(EmailFixtures.model("winback", new Locale("vi"), Tone.GENTLE).build()).subject())
				.isEqualTo("Lâu rồi không gặp, Lan");
			assertThat(composer.compose(EmailFixtures.model("birthday", Locale.ENGLISH, Tone.GENTLE).build()).subject())
				.isEqualTo("Happy birthday, Lan!");
		}
	}

	@Test
	void theStoreCanRebuildOneEmailFromTheLayoutsPieces() throws IOException {
		// The example of docs/email-templates.md.
		write("email/cart-reminder.ftlh", "<#import \"/email/layout.ftlh\" as layout>\n"
				+ "<@layout.page storeName=store.name storeUrl=store.url! unsubscribeUrl=unsubscribeUrl\n"
				+ "    preferencesUrl=preferencesUrl storeAddress=store.address! title=copy.title>\n"
				+ "  <p>${copy.intro}</p>\n  <@layout.productList lines=products/>\n"
				+ "  <@layout.button href=primaryUrl>${copy.button}</@layout.button>\n</@layout.page>\n");
		try (URLClassLoader withStore = storeClassLoader()) {
			EmailComposer composer = new EmailComposer(new TemplateRenderer(withStore));
			RenderedEmail email = composer.compose(EmailFixtures.model("cart-reminder", Locale.ENGLISH, Tone.DIRECT)
				.related(List.of(EmailFixtures.product(9, "X", "Not in my version", null, 0, "1")))
				.build());
			assertThat(email.html()).contains("You left something behind", "Arabica Coffee Beans", "Complete your purchase",
					"Unsubscribe").doesNotContain("Not in my version", "Hi Lan");
			assertThat(email.text()).contains("Hi Lan", "Not in my version");
		}
	}

	@Test
	void anOverrideCannotInstantiateClasses() throws IOException {
		write("email/birthday.ftlh", "<#assign exec = \"freemarker.template.utility.Execute\"?new()>${exec(\"id\")}");
		try (URLClassLoader withStore = storeClassLoader()) {
			EmailComposer composer = new EmailComposer(new TemplateRenderer(withStore));
			assertThatExceptionOfType(TemplateRenderingException.class)
				.isThrownBy(() -> composer.compose(EmailFixtures.model("birthday", Locale.ENGLISH, Tone.GENTLE).build()))
				.havingRootCause()
				.withMessageContaining("Instantiating freemarker.template.utility.Execute is not allowed");
		}
	}

	@Test
	void anOverrideCannotReachJavaApis() throws IOException {
		write("email/copy/new-products.ftl", "<#assign subject = products?api.getClass().getName()>");
		try (URLClassLoader withStore = storeClassLoader()) {
			EmailComposer composer = new EmailComposer(new TemplateRenderer(withStore));
			assertThatExceptionOfType(TemplateRenderingException.class)
				.isThrownBy(
						() -> composer.compose(EmailFixtures.model("new-products", Locale.ENGLISH, Tone.GENTLE).build()))
				.havingRootCause()
				.withMessageContaining("api_builtin_enabled");
		}
	}

	private void write(String template, String content) throws IOException {
		Path file = this.store.resolve("remarketing/templates/" + template);
		Files.createDirectories(file.getParent());
		Files.write(file, content.getBytes(StandardCharsets.UTF_8));
	}

	/** The plugin's classes first (parent-first), as in a store's fat jar: the override must still win. */
	private URLClassLoader storeClassLoader() throws IOException {
		return new URLClassLoader(new URL[] { this.store.toUri().toURL() }, getClass().getClassLoader());
	}

}
