package org.remarketing.core.templates;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;

import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

/**
 * Renders the plugin's FreeMarker templates from {@code classpath:remarketing/templates/}.
 * <p>
 * Holds a private {@link Configuration} so that the host's FreeMarker setup is neither
 * replaced nor changed. {@code .ftlh} templates are HTML with auto-escaping, {@code .ftl}
 * templates are plain text; {@code ?new} and {@code ?api} are disabled because templates can
 * be edited by store staff. A host overrides a template by shipping a file at the same path.
 */
public class TemplateRenderer {

	private final Configuration configuration;

	public TemplateRenderer(ClassLoader classLoader) {
		Configuration configuration = new Configuration(Configuration.VERSION_2_3_31);
		configuration.setTemplateLoader(new OverridableTemplateLoader(classLoader));
		configuration.setDefaultEncoding("UTF-8");
		// .ftlh → HTML auto-escaped, .ftlx → XML; everything else (.ftl) is plain text.
		configuration.setRecognizeStandardFileExtensions(true);
		configuration.setOutputFormat(PlainTextOutputFormat.INSTANCE);
		configuration.setLocalizedLookup(true);
		configuration.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
		configuration.setAPIBuiltinEnabled(false);
		configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
		configuration.setLogTemplateExceptions(false);
		configuration.setWrapUncheckedExceptions(true);
		configuration.setObjectWrapper(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_31).build());
		this.configuration = configuration;
	}

	/**
	 * Renders a template.
	 * @param name the path under {@code remarketing/templates/}, e.g. {@code email/cart-reminder.ftlh}
	 * @param model the data model
	 * @param locale the locale for the localized lookup ({@code name_vi.ftlh} before {@code name.ftlh})
	 * and for formatting
	 * @return the rendered text
	 * @throws TemplateRenderingException if the template is missing or fails
	 */
	public String render(String name, Map<String, ?> model, Locale locale) {
		try {
			Template template = this.configuration.getTemplate(name, locale);
			StringWriter out = new StringWriter();
			template.process(model, out);
			return out.toString();
		}
		catch (IOException | TemplateException ex) {
			throw new TemplateRenderingException("Could not render remarketing template '" + name + "'", ex);
		}
	}

}
