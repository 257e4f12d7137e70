package org.remarketing.core.contacts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One {@code rmk_contact} row, read under a lock, changed in memory, written back once. */
final class ContactRow {

	long id;

	Long mergedInto;

	Instant createdAt;

	Instant updatedAt;

	Instant firstSeen;

	Instant lastSeen;

	String email;

	Long customerId;

	String firstName;

	String lastName;

	String language;

	String timeZone;

	LocalDate birthday;

	/** When the names, birthday, language or time zone last changed (an older update loses). */
	Instant detailsAt;

	int visits;

	String cartCode;

	int cartItems;

	BigDecimal cartValue = BigDecimal.ZERO;

	Instant cartUpdatedAt;

	String checkoutStep;

	Instant checkoutStepAt;

	int ordersCount;

	BigDecimal totalSpent = BigDecimal.ZERO;

	Instant firstOrderAt;

	Instant lastOrderAt;

	/** Product and category views applied but not written yet (see {@link ViewCounts}). */
	final ViewCounts views = new ViewCounts();

	/** Oldest first: the survivor of a merge. */
	boolean isOlderThan(ContactRow other) {
		int byAge = this.createdAt.compareTo(other.createdAt);
		return (byAge != 0) ? byAge < 0 : this.id < other.id;
	}

	void seen(Instant at) {
		this.firstSeen = min(this.firstSeen, at);
		this.lastSeen = max(this.lastSeen, at);
	}

	/** Takes in what a merged contact knew: counters add up, first dates keep the earliest, last dates the latest. */
	void absorb(ContactRow loser) {
		this.firstSeen = min(this.firstSeen, loser.firstSeen);
		this.lastSeen = max(this.lastSeen, loser.lastSeen);
		this.email = (this.email != null) ? this.email : loser.email;
		this.customerId = (this.customerId != null) ? this.customerId : loser.customerId;
		boolean loserDetailsNewer = loser.detailsAt != null
				&& (this.detailsAt == null || loser.detailsAt.isAfter(this.detailsAt));
		this.firstName = pick(this.firstName, loser.firstName, loserDetailsNewer);
		this.lastName = pick(this.lastName, loser.lastName, loserDetailsNewer);
		this.birthday = pick(this.birthday, loser.birthday, loserDetailsNewer);
		this.language = pick(this.language, loser.language, loserDetailsNewer);
		this.timeZone = pick(this.timeZone, loser.timeZone, loserDetailsNewer);
		this.detailsAt = max(this.detailsAt, loser.detailsAt);
		this.visits += loser.visits;
		if (loser.cartUpdatedAt != null && (this.cartUpdatedAt == null || loser.cartUpdatedAt.isAfter(this.cartUpdatedAt))) {
			this.cartCode = loser.cartCode;
			this.cartUpdatedAt = loser.cartUpdatedAt;
		}
		if (loser.checkoutStepAt != null
				&& (this.checkoutStepAt == null || loser.checkoutStepAt.isAfter(this.checkoutStepAt))) {
			this.checkoutStep = loser.checkoutStep;
			this.checkoutStepAt = loser.checkoutStepAt;
		}
		this.ordersCount += loser.ordersCount;
		this.totalSpent = EventDetails.capped(this.totalSpent.add(loser.totalSpent));
		this.firstOrderAt = min(this.firstOrderAt, loser.firstOrderAt);
		this.lastOrderAt = max(this.lastOrderAt, loser.lastOrderAt);
	}

	/** Whether the cart of the other contact is the newer one (and so the one a merge keeps). */
	boolean cartOlderThan(ContactRow other) {
		return other.cartUpdatedAt != null && (this.cartUpdatedAt == null || other.cartUpdatedAt.isAfter(this.cartUpdatedAt));
	}

	private static <T> T pick(T mine, T theirs, boolean theirsNewer) {
		if (theirs == null) {
			return mine;
		}
		return (mine == null || theirsNewer) ? theirs : mine;
	}

	static Instant min(Instant a, Instant b) {
		return (a == null) ? b : (b == null || a.isBefore(b)) ? a : b;
	}

	static Instant max(Instant a, Instant b) {
		return (a == null) ? b : (b == null || a.isAfter(b)) ? a : b;
	}

}
