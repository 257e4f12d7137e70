package org.remarketing.core.contacts;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.remarketing.core.system.InstallSecrets;
import org.remarketing.core.tracking.EventProcessor;
import org.remarketing.core.tracking.EventSource;
import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies captured events to the event log and to contacts. A delivery is applied in chunks of up
 * to {@value #CHUNK} events, each chunk in one transaction (see {@link #process(List)}); every
 * event goes through these steps, in this order:
 * <ol>
 * <li><b>Do-not-track</b> ({@code dnt=true}): recorded in {@code rmk_event} with no contact, no
 * shopper ids, no cart code and only non-personal properties ({@link EventLog#ANONYMOUS_KEYS});
 * no profile changes. Nothing else happens.</li>
 * <li><b>Erased</b>: if any identifier of the event (visitor id, customer id, email) is in
 * {@code rmk_erasure} (HMAC-SHA256 with the install secret), the event is dropped: old data
 * never re-creates an erased person.</li>
 * <li><b>Once</b>: the event is inserted into {@code rmk_event} first; an event id already there
 * was applied before, and the transaction ends with nothing changed.</li>
 * <li><b>Who</b>: {@link IdentityResolver} (proofs merge contacts, claims never touch another
 * person's contact).</li>
 * <li><b>Profile</b>: aggregates by event type (below). An older event arriving late is kept in
 * the timeline but never moves last seen, the cart, the checkout step or the details backwards.</li>
 * </ol>
 *
 * <h2>Property keys read (snake_case, in {@link TrackedEvent#properties()})</h2>
 * <table>
 * <caption>Keys per event type</caption>
 * <tr><th>event</th><th>keys</th><th>effect</th></tr>
 * <tr><td>any</td><td>{@code dnt} (boolean)</td><td>do-not-track, see above</td></tr>
 * <tr><td>every event but order_status_changed</td><td>-</td><td>first seen / last seen (occurredAt)</td></tr>
 * <tr><td>page_view</td><td>{@code new_session} (boolean, optional), {@code url}, {@code referrer},
 * {@code utm_source}, {@code utm_medium}</td><td>a visit when new_session=true, or (without the key)
 * after 30 minutes without any event; the visit's channel (email, paid, social, display,
 * affiliate, organic_search, referral, campaign, direct) counted in rmk_contact_source</td></tr>
 * <tr><td>view_item</td><td>{@code product_id} (number), {@code sku}, {@code category}</td><td>product views, last
 * viewed; category views</td></tr>
 * <tr><td>view_item_list</td><td>{@code category}</td><td>category views</td></tr>
 * <tr><td>page_leave</td><td>{@code product_id}, {@code seconds} (0..86400)</td><td>seconds on the product</td></tr>
 * <tr><td>begin_checkout, add_shipping_info, add_payment_info</td><td>-</td><td>furthest checkout step
 * (in that order), reset by an order</td></tr>
 * <tr><td>cart_item_added</td><td>{@code product_id}, {@code sku}, {@code quantity} (units added,
 * default 1), {@code price} (unit)</td><td>the cart line grows; cart items/value are the lines'
 * sums; {@link TrackedEvent#cartCode()} becomes the current cart (another code clears the old lines)</td></tr>
 * <tr><td>cart_quantity_changed</td><td>{@code product_id}, {@code quantity} (the line's new
 * quantity), {@code price}</td><td>the cart line is set</td></tr>
 * <tr><td>cart_item_removed</td><td>{@code product_id}</td><td>the line leaves the cart</td></tr>
 * <tr><td>cart_emptied</td><td>-</td><td>no lines</td></tr>
 * <tr><td>cart_merged</td><td>-</td><td>the cart code becomes the current one</td></tr>
 * <tr><td>cart_converted</td><td>-</td><td>the cart is cleared</td></tr>
 * <tr><td>order_placed</td><td>{@code order_id}, {@code value} (order total; default: the items'
 * sum), {@code currency}, {@code items}: list of {{@code product_id}, {@code sku}, {@code quantity},
 * {@code price}, {@code category}}</td><td>orders count, total spent, first/last order; products
 * bought (units) and last bought; categories bought; cart cleared; checkout step reset. The same
 * order_id twice counts once.</td></tr>
 * <tr><td>order_status_changed</td><td>{@code order_id}, {@code status} (REFUNDED, CANCELED or
 * CANCELLED take the order out of count and total once), {@code value}</td><td>-</td></tr>
 * <tr><td>customer_registered, customer_updated</td><td>{@code first_name}, {@code last_name}
 * (cut to 64), {@code birthday} (ISO yyyy-MM-dd), {@code language} (&le; 8), {@code time_zone}
 * (&le; 64)</td><td>profile details (present keys only)</td></tr>
 * <tr><td>newsletter_opt_in / newsletter_opt_out</td><td>{@code source} (default store-newsletter),
 * {@code consent_text}, {@code url}, {@code ip_hash}</td><td>EMAIL consent granted / withdrawn, with
 * proof</td></tr>
 * <tr><td>email_opt_out</td><td>same (default source checkout-opt-out)</td><td>EMAIL consent withdrawn
 * on the browser's own contact</td></tr>
 * <tr><td>consent_changed</td><td>{@code channel} (EMAIL, SMS, WEB_PUSH, ONSITE), {@code granted}
 * (boolean), {@code source} (default preference-page), {@code consent_text}, {@code url},
 * {@code ip_hash}</td><td>consent history row</td></tr>
 * <tr><td>search, email_captured, login</td><td>-</td><td>timeline and identities only</td></tr>
 * </table>
 * Values of the wrong type or size are ignored (the event is still recorded).
 */
public class ContactEventProcessor implements EventProcessor {

	private static final Logger logger = LoggerFactory.getLogger(ContactEventProcessor.class);

	private static final int ATTEMPTS = 5;

	/** Events applied in one transaction. */
	static final int CHUNK = 200;

	/** What happened to one event. */
	enum Outcome {

		APPLIED, DUPLICATE, ERASED, DO_NOT_TRACK, ANONYMOUS, FAILED

	}

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final ErasureKeys erasureKeys;

	private final EventLog log;

	private final ContactRows rows;

	private final IdentityResolver identities;

	private final ProfileUpdater profiles;

	private final AtomicLong chunksAppliedOneByOne = new AtomicLong();

	private volatile Consumer<Set<Long>> contactsChanged = (ids) -> {
	};

	public ContactEventProcessor(DataSource dataSource, InstallSecrets secrets, Clock clock) {
		this.jdbc = new JdbcTemplate(dataSource);
		// A manager of our own, never a bean: the host's transaction manager stays the only one it knows.
		this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		// Locks taken after reads must see what others committed meanwhile (MySQL defaults to REPEATABLE READ).
		this.transaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
		this.clock = clock;
		this.erasureKeys = new ErasureKeys(secrets);
		this.log = new EventLog(this.jdbc);
		this.rows = new ContactRows(this.jdbc);
		this.identities = new IdentityResolver(this.jdbc, this.rows, new ContactMerger(this.jdbc, this.rows));
		this.profiles = new ProfileUpdater(this.jdbc);
	}

	/**
	 * Applies the events chunk by chunk. In a chunk, events already recorded and events of erased
	 * people are dropped with one query each; the rest are applied in the order given, and an
	 * unbroken run of events naming the same identifiers (a browser's batch, a cart's changes) is
	 * resolved once and its contact written once; event log rows are inserted in batches. If
	 * the chunk meets a concurrent writer (a duplicate key, a deadlock) or an event it cannot
	 * apply, the chunk is rolled back and applied again event by event, each in its own
	 * transaction with retries, as before.
	 */
	@Override
	public void process(List<TrackedEvent> events) {
		for (int from = 0; from < events.size(); from += CHUNK) {
			List<TrackedEvent> chunk = events.subList(from, Math.min(events.size(), from + CHUNK));
			if (chunk.size() == 1 || !applyTogether(chunk)) {
				if (chunk.size() > 1) {
					this.chunksAppliedOneByOne.incrementAndGet();
				}
				for (TrackedEvent event : chunk) {
					apply(event);
				}
			}
		}
	}

	private boolean applyTogether(List<TrackedEvent> chunk) {
		Set<Long> touched = new HashSet<>();
		try {
			this.transaction.executeWithoutResult((status) -> applyChunk(chunk, touched));
		}
		catch (DataIntegrityViolationException | ConcurrencyFailureException ex) {
			logger.debug("Remarketing applies a chunk of {} events one by one after: {}", chunk.size(), ex.toString());
			return false; // another node applied some of them meanwhile, or a deadlock: one by one, with retries
		}
		catch (DataAccessException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			logger.warn("Remarketing applies a chunk of {} events one by one after {}", chunk.size(),
					ex.getClass().getName());
			return false; // one of them cannot be applied: one by one finds it and skips only that one
		}
		changed(touched);
		return true;
	}

	/**
	 * Called after each commit with the contacts it changed (segments re-evaluate them). A
	 * listener that fails is logged: the events stay applied.
	 */
	public void onContactsChanged(Consumer<Set<Long>> listener) {
		this.contactsChanged = listener;
	}

	private void changed(Set<Long> contacts) {
		if (contacts.isEmpty()) {
			return;
		}
		try {
			this.contactsChanged.accept(contacts);
		}
		catch (RuntimeException ex) {
			logger.warn("Remarketing applied events but could not update what depends on {} contact(s): {}",
					contacts.size(), ex.toString());
		}
	}

	/** Chunks that could not be applied in one transaction (a race with another node, or a bad event). */
	long chunksAppliedOneByOne() {
		return this.chunksAppliedOneByOne.get();
	}

	private void applyChunk(List<TrackedEvent> chunk, Set<Long> touched) {
		Instant now = this.clock.instant();
		Map<String, TrackedEvent> byId = new LinkedHashMap<>();
		for (TrackedEvent event : chunk) {
			byId.putIfAbsent(event.id(), event);
		}
		byId.keySet().removeAll(this.log.known(byId.keySet()));
		EventLog.Pending pending = this.log.pending(now);
		Map<TrackedEvent, List<String>> hashes = new LinkedHashMap<>();
		for (TrackedEvent event : byId.values()) {
			if (new EventDetails(event.properties()).isTrue("dnt")) {
				pending.add(event, true, null);
			}
			else {
				hashes.put(event, erasureHashes(event));
			}
		}
		Set<String> erased = erasedAmong(hashes.values().stream().flatMap(List::stream).collect(Collectors.toSet()));
		// In the order given, across shoppers too: a store's cookieless cart event and the sign-in that takes the
		// cart into an account are two shoppers' events whose order matters (regrouped, the sign-in came first and
		// the cart's line was then taken for an older change and dropped).
		FirstSeen firstSeen = new FirstSeen();
		ContactRow contact = null;
		String identifiers = null;
		for (Map.Entry<TrackedEvent, List<String>> entry : hashes.entrySet()) {
			TrackedEvent event = entry.getKey();
			if (entry.getValue().stream().anyMatch(erased::contains)) {
				continue;
			}
			String named = identifiersOf(event);
			if (contact == null || !named.equals(identifiers)) {
				if (contact != null) {
					this.rows.save(contact, now);
				}
				pending.flush(); // a merge moves recorded events: they must be there
				contact = this.identities.resolve(event, now);
				identifiers = named;
			}
			firstSeen.saw(event);
			if (contact == null) {
				pending.add(event, false, null);
				continue;
			}
			this.profiles.apply(contact, event);
			pending.add(event, false, contact.id);
			touched.add(contact.id);
		}
		if (contact != null) {
			this.rows.save(contact, now);
		}
		pending.flush();
		firstSeen.write(this.jdbc);
	}

	/** What identity resolution reads of an event: events that agree on it resolve to the same contact. */
	private static String identifiersOf(TrackedEvent event) {
		ShopperIds ids = event.shopper();
		boolean browser = event.source() == EventSource.BROWSER;
		return browser + "|" + ids.visitorId() + "|" + ids.customerId() + "|" + ids.email() + "|" + ids.emailVerified()
				+ "|" + (browser ? null : event.cartCode()); // a browser's cart code proves nothing
	}

	/**
	 * Applies one event, retrying races with concurrent writers; a database that is down fails
	 * the call (the transport retries the batch, and what was applied is skipped then).
	 */
	Outcome apply(TrackedEvent event) {
		for (int attempt = 1;; attempt++) {
			Set<Long> touched = new HashSet<>();
			try {
				Outcome applied = this.transaction.execute((status) -> {
					Outcome outcome = applyInTransaction(event, touched);
					if (outcome == Outcome.DUPLICATE) {
						status.setRollbackOnly();
					}
					return outcome;
				});
				changed(touched);
				return applied;
			}
			catch (DataIntegrityViolationException | ConcurrencyFailureException ex) {
				if (attempt < ATTEMPTS) {
					continue; // two events of one new shopper at once, a deadlock: again, it will see the other's work
				}
				if (ex instanceof ConcurrencyFailureException) {
					throw ex;
				}
				logger.error("Remarketing could not apply event {} ({}): {}; it is skipped", event.id(),
						event.type().wireName(), ex.getMostSpecificCause().getClass().getName());
				return Outcome.FAILED;
			}
			catch (DataAccessException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				// A bug or an event we cannot read must not block every later event of the store.
				logger.error("Remarketing could not apply event {} ({}); it is skipped", event.id(),
						event.type().wireName(), ex);
				return Outcome.FAILED;
			}
		}
	}

	private Outcome applyInTransaction(TrackedEvent event, Set<Long> touched) {
		Instant now = this.clock.instant();
		if (new EventDetails(event.properties()).isTrue("dnt")) {
			return this.log.record(event, true, now) ? Outcome.DO_NOT_TRACK : Outcome.DUPLICATE;
		}
		if (erased(event)) {
			return Outcome.ERASED;
		}
		if (!this.log.record(event, false, now)) {
			return Outcome.DUPLICATE;
		}
		ContactRow contact = this.identities.resolve(event, now);
		FirstSeen firstSeen = new FirstSeen();
		firstSeen.saw(event);
		firstSeen.write(this.jdbc);
		if (contact == null) {
			return Outcome.ANONYMOUS;
		}
		this.log.attach(event.id(), contact.id);
		touched.add(contact.id);
		this.profiles.apply(contact, event);
		this.rows.save(contact, now);
		return Outcome.APPLIED;
	}

	private boolean erased(TrackedEvent event) {
		return !erasedAmong(erasureHashes(event)).isEmpty();
	}

	private List<String> erasureHashes(TrackedEvent event) {
		return IdentityResolver.identifiers(event)
			.stream()
			.map((identity) -> this.erasureKeys.hash(identity.kind, identity.value))
			.collect(Collectors.toList());
	}

	private Set<String> erasedAmong(Collection<String> hashes) {
		Set<String> erased = new HashSet<>();
		if (hashes.isEmpty()) {
			return erased;
		}
		String marks = hashes.stream().map((hash) -> "?").collect(Collectors.joining(", "));
		this.jdbc.query("SELECT key_hash FROM rmk_erasure WHERE key_hash IN (" + marks + ")", (rs) -> {
			erased.add(rs.getString(1));
		}, hashes.toArray());
		return erased;
	}

	/**
	 * An identifier's first seen is the time of the earliest event naming it, whatever order the
	 * events arrived in (the same on both transports, whichever partition was read first).
	 */
	private static final class FirstSeen {

		private final Map<IdentityResolver.Identity, Instant> earliest = new LinkedHashMap<>();

		void saw(TrackedEvent event) {
			for (IdentityResolver.Identity identity : IdentityResolver.identifiers(event)) {
				this.earliest.merge(identity, event.occurredAt(), (a, b) -> a.isBefore(b) ? a : b);
			}
		}

		void write(JdbcTemplate jdbc) {
			if (this.earliest.isEmpty()) {
				return;
			}
			List<Object[]> rows = new ArrayList<>();
			this.earliest.forEach((identity, at) -> {
				LocalDateTime time = ContactRows.ts(at);
				rows.add(new Object[] { time, identity.kind.name(), identity.value, time });
			});
			jdbc.batchUpdate("UPDATE rmk_contact_identity SET first_seen = ? WHERE kind = ? AND identity_value = ?"
					+ " AND first_seen > ?", rows);
		}

	}

}
