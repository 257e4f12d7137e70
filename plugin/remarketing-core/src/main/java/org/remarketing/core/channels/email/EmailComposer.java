package org.remarketing.core.channels.email;

import java.util.List;
import java.util.Map;

import freemarker.template.TemplateHashModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateScalarModel;
import org.remarketing.core.templates.TemplateRenderer;

/**
 * Turns an {@link EmailModel} into a {@link RenderedEmail}. The wording comes from
 * {@code email/copy/<key>.ftl} (its {@code subject} is the subject line), which the HTML part
 * {@code email/<key>.ftlh} (auto-escaped) and the text part {@code email/<key>.ftl} receive as
 * {@code copy}; all are looked up for the contact's locale ({@code _vi} first for Vietnamese,
 * English otherwise). Thread-safe.
 */
public class EmailComposer {

	private final TemplateRenderer renderer;

	public EmailComposer(TemplateRenderer renderer) {
		this.renderer = renderer;
	}

	/**
	 * Renders the three parts of one email.
	 * @throws org.remarketing.core.templates.TemplateRenderingException if a template is
	 * missing or fails
	 * @throws IllegalStateException if the copy file gives no subject
	 */
	public RenderedEmail compose(EmailModel email) {
		Map<String, Object> data = EmailTemplateData.of(email);
		// The wording is worked out once and shared by the subject and both parts.
		TemplateHashModelEx copy = this.renderer.assignments("email/copy/" + email.template() + ".ftl", data,
				email.locale());
		String subject = subject(copy, email.template());
		data.put("copy", copy);
		String base = "email/" + email.template();
		List<String> parts = this.renderer.renderAll(List.of(base + ".ftlh", base + ".ftl"), data, email.locale());
		return new RenderedEmail(subject, parts.get(0), parts.get(1));
	}

	/** The copy's subject on one line, spaces collapsed. */
	private static String subject(TemplateHashModelEx copy, String template) {
		String subject = null;
		try {
			TemplateModel value = copy.get("subject");
			if (value instanceof TemplateScalarModel) {
				subject = EmailTemplateData.oneLine(((TemplateScalarModel) value).getAsString());
			}
		}
		catch (TemplateModelException ex) {
			throw new IllegalStateException("The subject of email template '" + template + "' cannot be read", ex);
		}
		if (subject == null) {
			throw new IllegalStateException("email/copy/" + template + ".ftl assigns no subject (or an empty one)");
		}
		return (subject.indexOf("  ") < 0) ? subject : subject.replaceAll(" {2,}", " ");
	}

}
