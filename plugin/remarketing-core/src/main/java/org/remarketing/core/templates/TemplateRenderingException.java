package org.remarketing.core.templates;

/**
 * A template could not be found, parsed or rendered.
 */
public class TemplateRenderingException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public TemplateRenderingException(String message, Throwable cause) {
		super(message, cause);
	}

}
