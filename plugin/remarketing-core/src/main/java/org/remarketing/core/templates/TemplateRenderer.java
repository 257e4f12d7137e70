package org.remarketing.core.templates;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import freemarker.core.Environment;
import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.core.TemplateMarkupOutputModel;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.ObjectWrapper;
import freemarker.template.SimpleHash;
import freemarker.template.SimpleNumber;
import freemarker.template.SimpleScalar;
import freemarker.template.SimpleSequence;
import freemarker.template.Template;
import freemarker.template.TemplateBooleanModel;
import freemarker.template.TemplateDateModel;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateHashModelEx2;
import freemarker.template.TemplateHashModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNumberModel;
import freemarker.template.TemplateScalarModel;
import freemarker.template.TemplateSequenceModel;

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
		RenderWriter out = RenderWriter.open();
		try {
			process(name, model, locale, out);
			return out.take();
		}
		finally {
			out.release();
		}
	}

	/**
	 * Renders several templates with the same model, e.g. the parts of one email. Each template
	 * runs on its own (nothing one assigns is seen by the next), but the model is wrapped for
	 * FreeMarker once, deeply (maps, lists, strings, numbers and booleans; anything else by the
	 * object wrapper), so a value read by every template is not wrapped again on each read.
	 * @param names the paths under {@code remarketing/templates/}
	 * @param model the data model shared by all of them
	 * @param locale the locale for the localized lookup and for formatting
	 * @return the rendered texts, in the order of {@code names}
	 * @throws TemplateRenderingException if a template is missing or fails
	 */
	public List<String> renderAll(List<String> names, Map<String, ?> model, Locale locale) {
		TemplateHashModel wrapped;
		try {
			wrapped = (TemplateHashModel) wrapDeeply(model);
		}
		catch (TemplateModelException ex) {
			throw new TemplateRenderingException("Could not prepare the model for " + names, ex);
		}
		RenderWriter out = RenderWriter.open();
		try {
			List<String> rendered = new ArrayList<>(names.size());
			for (String name : names) {
				process(name, wrapped, locale, out);
				rendered.add(out.take());
			}
			return rendered;
		}
		finally {
			out.release();
		}
	}

	/**
	 * Runs a template for the variables it assigns at its top level, e.g. wording that several
	 * templates share: what it writes is discarded. The values (strings, numbers, booleans, lists,
	 * hashes) can be read, or put into the model of later renders; its macros, functions and
	 * imports are left out, as they only work inside the rendering that defined them.
	 * @param name the path under {@code remarketing/templates/}, e.g. {@code email/copy/winback.ftl}
	 * @param model the data model
	 * @param locale the locale for the localized lookup and for formatting
	 * @return the variables, by name
	 * @throws TemplateRenderingException if the template is missing or fails
	 */
	public TemplateHashModelEx assignments(String name, Map<String, ?> model, Locale locale) {
		try {
			Template template = this.configuration.getTemplate(name, locale);
			Environment env = template.createProcessingEnvironment(wrapDeeply(model), Writer.nullWriter());
			env.process();
			Map<String, Object> values = new HashMap<>();
			TemplateHashModelEx2.KeyValuePairIterator pairs = env.getMainNamespace().keyValuePairIterator();
			while (pairs.hasNext()) {
				TemplateHashModelEx2.KeyValuePair pair = pairs.next();
				if (isValue(pair.getValue())) {
					values.put(((TemplateScalarModel) pair.getKey()).getAsString(), pair.getValue());
				}
			}
			return new SimpleHash(values, this.configuration.getObjectWrapper(), 0);
		}
		catch (IOException | TemplateException ex) {
			throw new TemplateRenderingException("Could not render remarketing template '" + name + "'", ex);
		}
	}

	private static boolean isValue(TemplateModel value) {
		if (value instanceof Environment.Namespace) {
			return false;
		}
		return value instanceof TemplateScalarModel || value instanceof TemplateNumberModel
				|| value instanceof TemplateBooleanModel || value instanceof TemplateDateModel
				|| value instanceof TemplateMarkupOutputModel || value instanceof TemplateSequenceModel
				|| value instanceof TemplateHashModel;
	}

	private void process(String name, Object model, Locale locale, RenderWriter out) {
		try {
			Template template = this.configuration.getTemplate(name, locale);
			template.process(model, out);
		}
		catch (IOException | TemplateException ex) {
			throw new TemplateRenderingException("Could not render remarketing template '" + name + "'", ex);
		}
	}

	private TemplateModel wrapDeeply(Object value) throws TemplateModelException {
		ObjectWrapper wrapper = this.configuration.getObjectWrapper();
		if (value instanceof TemplateModel) {
			return (TemplateModel) value;
		}
		if (value instanceof String) {
			return new SimpleScalar((String) value);
		}
		if (value instanceof Number) {
			return new SimpleNumber((Number) value);
		}
		if (value instanceof Boolean) {
			return ((Boolean) value) ? TemplateBooleanModel.TRUE : TemplateBooleanModel.FALSE;
		}
		if (value instanceof Map) {
			Map<?, ?> map = (Map<?, ?>) value;
			Map<String, Object> entries = new HashMap<>((int) (map.size() / 0.75f) + 1);
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (!(entry.getKey() instanceof String)) {
					return wrapper.wrap(value);
				}
				if (entry.getValue() != null) {
					entries.put((String) entry.getKey(), wrapDeeply(entry.getValue()));
				}
			}
			return new SimpleHash(entries, wrapper, 0);
		}
		if (value instanceof List) {
			Collection<?> list = (Collection<?>) value;
			SimpleSequence sequence = new SimpleSequence(list.size(), wrapper);
			for (Object item : list) {
				sequence.add(wrapDeeply(item));
			}
			return sequence;
		}
		return wrapper.wrap(value);
	}

}
