package org.remarketing.core.contacts;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** One page of contacts found by {@link ContactSearch}, newest first. */
public final class ContactPage {

	private final List<Map<String, Object>> items;

	private final int page;

	private final int size;

	private final long total;

	ContactPage(List<Map<String, Object>> items, int page, int size, long total) {
		this.items = Collections.unmodifiableList(items);
		this.page = page;
		this.size = size;
		this.total = total;
	}

	/** JSON-ready summaries: id, email, firstName, lastName, customerId, createdAt, firstSeen, lastSeen, visits, ordersCount, totalSpent, cartItems, cartValue. */
	public List<Map<String, Object>> getItems() {
		return this.items;
	}

	public int getPage() {
		return this.page;
	}

	public int getSize() {
		return this.size;
	}

	public long getTotal() {
		return this.total;
	}

}
