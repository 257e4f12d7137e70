package org.remarketing.web.tracking;

/** A request the endpoint refuses, with the status and the reason it answers. */
final class RejectedRequest extends Exception {

	private static final long serialVersionUID = 1L;

	private final int status;

	RejectedRequest(int status, String reason) {
		super(reason, null, false, false);
		this.status = status;
	}

	static RejectedRequest badRequest(String reason) {
		return new RejectedRequest(400, reason);
	}

	int status() {
		return this.status;
	}

}
