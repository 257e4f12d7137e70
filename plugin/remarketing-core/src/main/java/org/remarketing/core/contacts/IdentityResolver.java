package org.remarketing.core.contacts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.remarketing.core.tracking.EventSource;
import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Finds (or creates) the contact an event belongs to, merging contacts that the event proves to
 * be one person.
 * <ul>
 * <li><b>Proof</b>: the visitor id of the event's own browser; and from the store (not the
 * browser) a customer id and an email the store verified. Contacts owning any of these are one
 * person and merge; the oldest survives.</li>
 * <li><b>Claims</b>: an unverified email (typed in a browser, or on a guest order). It joins the
 * event's contact only when nobody owns it yet; otherwise it stays on the event and changes no
 * one. A customer id sent by a browser is ignored (ids are easy to guess).</li>
 * <li><b>One customer per contact</b>: contacts of two different store customers never merge
 * (two people sharing a computer). The shared browser's visitor id moves to the customer who is
 * using it now; the other customer's history stays with them.</li>
 * <li><b>Carts</b>: a store event's cart code is recorded for its contact when nobody owns it yet.
 * A store event naming no one but a cart (a headless shop's guest, no visitor cookie) goes to the
 * owner of that cart code, or a contact created for it; an event that does name someone takes over
 * a contact that owns nothing but carts of its own. A cart code never joins two contacts that are
 * known otherwise.</li>
 * </ul>
 */
final class IdentityResolver {

	private static final int MAX_VISITOR = 64;

	private static final int MAX_EMAIL = 254;

	private static final int MAX_CART = 64;

	private static final int ATTEMPTS = 5;

	private final JdbcOperations jdbc;

	private final ContactRows rows;

	private final ContactMerger merger;

	IdentityResolver(JdbcOperations jdbc, ContactRows rows, ContactMerger merger) {
		this.jdbc = jdbc;
		this.rows = rows;
		this.merger = merger;
	}

	/** The identifiers an event's shopper ids stand for, as they would be stored; invalid ones left out. */
	static List<Identity> identifiers(ShopperIds ids) {
		List<Identity> all = new ArrayList<>();
		String visitor = valid(ids.visitorId(), MAX_VISITOR);
		String email = valid(ids.email(), MAX_EMAIL);
		if (visitor != null) {
			all.add(new Identity(IdentityKind.VISITOR, visitor, false));
		}
		if (ids.customerId() != null) {
			all.add(new Identity(IdentityKind.CUSTOMER, ids.customerId().toString(), false));
		}
		if (email != null) {
			all.add(new Identity(IdentityKind.EMAIL, email, false));
		}
		return all;
	}

	/** The identifiers an event stands for, as they would be stored: its shopper's and the carts the store named. */
	static List<Identity> identifiers(TrackedEvent event) {
		List<Identity> all = identifiers(event.shopper());
		all.addAll(carts(event));
		return all;
	}

	/**
	 * The carts a store event names: its cart and, for a merge at sign-in, the guest cart it came from. A browser
	 * names none (whatever it sent).
	 */
	static List<Identity> carts(TrackedEvent event) {
		List<Identity> carts = new ArrayList<>();
		if (event.source() == EventSource.BROWSER) {
			return carts;
		}
		String cart = valid(event.cartCode(), MAX_CART);
		if (cart != null) {
			carts.add(new Identity(IdentityKind.CART, cart, false));
		}
		Object from = (event.type() == EventType.CART_MERGED) ? event.property("from_cart_code") : null;
		String fromCart = (from instanceof String) ? valid((String) from, MAX_CART) : null;
		if (fromCart != null && !fromCart.equals(cart)) {
			carts.add(new Identity(IdentityKind.CART, fromCart, false));
		}
		return carts;
	}

	/** The locked, current contact of the event, or null if the event names nobody. */
	ContactRow resolve(TrackedEvent event, Instant now) {
		ShopperIds ids = event.shopper();
		boolean trusted = event.source() != EventSource.BROWSER;
		String visitor = valid(ids.visitorId(), MAX_VISITOR);
		String email = valid(ids.email(), MAX_EMAIL);
		Long customer = trusted ? ids.customerId() : null;
		boolean emailProven = email != null && trusted && ids.emailVerified();
		List<Identity> proofs = new ArrayList<>();
		if (visitor != null) {
			proofs.add(new Identity(IdentityKind.VISITOR, visitor, trusted));
		}
		if (customer != null) {
			proofs.add(new Identity(IdentityKind.CUSTOMER, customer.toString(), true));
		}
		if (emailProven) {
			proofs.add(new Identity(IdentityKind.EMAIL, email, true));
		}
		Identity claim = (email != null && !emailProven) ? new Identity(IdentityKind.EMAIL, email, false) : null;
		List<Identity> carts = carts(event);
		if (proofs.isEmpty()) {
			// Nobody but a cart: the cart's own contact.
			proofs.addAll(carts);
			carts = List.of();
		}
		if (proofs.isEmpty() && claim == null) {
			return null;
		}
		if (proofs.isEmpty()) {
			// Only a claim (a browser without a visitor cookie): a new contact if the email is free,
			// otherwise nobody; never the owner of the email.
			Map<Identity, Owner> owners = owners(List.of(claim));
			if (owners.containsKey(claim)) {
				return null;
			}
			ContactRow created = create(now);
			insert(claim, created.id, event.occurredAt());
			created.email = email;
			return created;
		}
		for (int attempt = 1;; attempt++) {
			List<Identity> all = new ArrayList<>(proofs);
			if (claim != null) {
				all.add(claim);
			}
			all.addAll(carts);
			Map<Identity, Owner> owners = owners(all);
			Set<Long> candidateIds = proofs.stream()
				.map(owners::get)
				.filter(Objects::nonNull)
				.map((owner) -> owner.contactId)
				.collect(Collectors.toCollection(LinkedHashSet::new));
			Set<Long> cartOwners = carts.stream()
				.map(owners::get)
				.filter(Objects::nonNull)
				.map((owner) -> owner.contactId)
				.filter((id) -> !candidateIds.contains(id))
				.collect(Collectors.toCollection(LinkedHashSet::new));
			Set<Long> lockIds = new LinkedHashSet<>(candidateIds);
			lockIds.addAll(cartOwners);
			List<ContactRow> candidates = this.rows.lock(lockIds);
			boolean moved = candidates.size() != lockIds.size()
					|| candidates.stream().anyMatch((row) -> row.mergedInto != null);
			if (!moved && !cartOwners.isEmpty()) {
				// Checked under the lock: only a contact nobody is known for is taken over through its cart.
				Set<Long> known = knownContacts(cartOwners);
				candidates.removeIf((row) -> known.contains(row.id));
			}
			if (moved && attempt < ATTEMPTS) {
				continue; // merged by someone else between our read and our lock: read again
			}
			if (moved) {
				throw new IllegalStateException("Contacts keep changing under event " + event.id());
			}
			return join(event, proofs, claim, carts, customer, emailProven ? email : null, owners, candidates, now);
		}
	}

	private ContactRow join(TrackedEvent event, List<Identity> proofs, Identity claim, List<Identity> carts, Long customer,
			String provenEmail, Map<Identity, Owner> owners, List<ContactRow> candidates, Instant now) {
		candidates.sort(Comparator.comparing((ContactRow row) -> row.createdAt).thenComparing((row) -> row.id));
		List<ContactRow> group = new ArrayList<>();
		Long groupCustomer = customer;
		if (customer != null) {
			Owner owner = owners.get(new Identity(IdentityKind.CUSTOMER, customer.toString(), true));
			if (owner != null) {
				candidates.stream().filter((row) -> row.id == owner.contactId).findFirst().ifPresent(group::add);
			}
		}
		for (ContactRow candidate : candidates) {
			if (!group.contains(candidate) && compatible(candidate.customerId, groupCustomer)) {
				group.add(candidate);
				groupCustomer = (groupCustomer != null) ? groupCustomer : candidate.customerId;
			}
		}
		Set<Long> groupIds = group.stream().map((row) -> row.id).collect(Collectors.toSet());
		ContactRow survivor;
		if (group.isEmpty()) {
			survivor = create(now);
		}
		else {
			survivor = group.stream().reduce((a, b) -> a.isOlderThan(b) ? a : b).get();
			for (ContactRow other : group) {
				if (other != survivor) {
					this.merger.merge(other, survivor, now);
				}
			}
		}
		for (Identity proof : proofs) {
			Owner owner = owners.get(proof);
			if (owner == null) {
				insert(proof, survivor.id, event.occurredAt());
			}
			else if (groupIds.contains(owner.contactId)) {
				if (proof.verified && !owner.verified) {
					this.jdbc.update("UPDATE rmk_contact_identity SET verified = ? WHERE kind = ? AND identity_value = ?",
							true, proof.kind.name(), proof.value);
				}
			}
			else if (proof.kind == IdentityKind.VISITOR) {
				// A browser shared by two customers: it now belongs to the one using it.
				this.jdbc.update("UPDATE rmk_contact_identity SET contact_id = ? WHERE kind = ? AND identity_value = ?",
						survivor.id, proof.kind.name(), proof.value);
			}
		}
		for (Identity cart : carts) {
			if (!owners.containsKey(cart)) {
				// the cart's later events that name no one (or arrive late, from another node) find this contact
				insert(cart, survivor.id, event.occurredAt());
			}
		}
		if (claim != null && !owners.containsKey(claim)) {
			insert(claim, survivor.id, event.occurredAt());
			if (survivor.email == null) {
				survivor.email = claim.value;
			}
		}
		Owner emailOwner = (provenEmail != null) ? owners.get(new Identity(IdentityKind.EMAIL, provenEmail, true)) : null;
		if (provenEmail != null && (emailOwner == null || groupIds.contains(emailOwner.contactId))) {
			survivor.email = provenEmail;
		}
		if (customer != null) {
			survivor.customerId = customer;
		}
		return survivor;
	}

	private ContactRow create(Instant now) {
		long id = this.rows.create(now);
		return this.rows.lock(List.of(id)).get(0);
	}

	private void insert(Identity identity, long contactId, Instant firstSeen) {
		this.jdbc.update("INSERT INTO rmk_contact_identity (kind, identity_value, contact_id, verified, first_seen)"
				+ " VALUES (?, ?, ?, ?, ?)", identity.kind.name(), identity.value, contactId, identity.verified,
				ContactRows.ts(firstSeen));
	}

	/** Those of the contacts that own an identifier other than a cart. */
	private Set<Long> knownContacts(Set<Long> contactIds) {
		String marks = contactIds.stream().map((id) -> "?").collect(Collectors.joining(", "));
		return new LinkedHashSet<>(this.jdbc.queryForList("SELECT DISTINCT contact_id FROM rmk_contact_identity"
				+ " WHERE contact_id IN (" + marks + ") AND kind <> 'CART'", Long.class, contactIds.toArray()));
	}

	private Map<Identity, Owner> owners(List<Identity> identities) {
		String where = identities.stream()
			.map((identity) -> "(kind = ? AND identity_value = ?)")
			.collect(Collectors.joining(" OR "));
		Object[] args = identities.stream().flatMap((identity) -> List.of(identity.kind.name(), identity.value).stream())
			.toArray();
		Map<Identity, Owner> owners = new LinkedHashMap<>();
		this.jdbc.query("SELECT kind, identity_value, contact_id, verified FROM rmk_contact_identity WHERE " + where,
				(rs) -> {
					owners.put(new Identity(IdentityKind.valueOf(rs.getString("kind")), rs.getString("identity_value"),
							false), new Owner(rs.getLong("contact_id"), rs.getBoolean("verified")));
				}, args);
		return owners;
	}

	private static boolean compatible(Long a, Long b) {
		return a == null || b == null || a.equals(b);
	}

	static String valid(String value, int max) {
		if (value == null) {
			return null;
		}
		String trimmed = value.trim();
		return (trimmed.isEmpty() || trimmed.length() > max) ? null : trimmed;
	}

	/** An identifier; equality ignores {@link #verified}. */
	static final class Identity {

		final IdentityKind kind;

		final String value;

		final boolean verified;

		Identity(IdentityKind kind, String value, boolean verified) {
			this.kind = kind;
			this.value = value;
			this.verified = verified;
		}

		@Override
		public boolean equals(Object o) {
			return o instanceof Identity && ((Identity) o).kind == this.kind && ((Identity) o).value.equals(this.value);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.kind, this.value);
		}

	}

	private static final class Owner {

		final long contactId;

		final boolean verified;

		Owner(long contactId, boolean verified) {
			this.contactId = contactId;
			this.verified = verified;
		}

	}

}
