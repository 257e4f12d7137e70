package org.remarketing.core.segments;

/**
 * A segment rule that cannot be accepted: not JSON, too large, or a key, field, operator or value
 * outside the allow-list. The message names the place in the rule ({@code all[1].any[0].op: ...})
 * and says what is accepted there; it may quote (shortened) what the admin wrote, so show it escaped.
 */
public class RuleException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String path;

	public RuleException(String path, String problem) {
		super(((path == null || path.isEmpty()) ? "rule" : path) + ": " + problem);
		this.path = (path != null) ? path : "";
	}

	/** Where in the rule: {@code all[1].any[0].op}; empty for the rule as a whole. */
	public String path() {
		return this.path;
	}

}
