package org.remarketing.core.journeys;

import java.util.List;

/** A page of the message log, newest first, with the cursor of the next page (null on the last one). */
public final class MessagePage {

	private final List<LoggedMessage> items;

	private final Long next;

	MessagePage(List<LoggedMessage> items, Long next) {
		this.items = List.copyOf(items);
		this.next = next;
	}

	public List<LoggedMessage> items() {
		return this.items;
	}

	/** Pass it as {@code after} for the next page; null when there is none. */
	public Long next() {
		return this.next;
	}

}
