package org.remarketing.core.journeys;

/** A journey edit that cannot be stored; {@link #field()} names the offending value. */
public class JourneyException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String field;

	public JourneyException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
