package org.remarketing.shopizer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.salesmanager.core.model.common.Billing;
import com.salesmanager.core.model.customer.Customer;
import com.salesmanager.core.model.merchant.MerchantStore;
import com.salesmanager.core.model.order.Order;
import com.salesmanager.core.model.order.orderproduct.OrderProduct;
import com.salesmanager.core.model.reference.currency.Currency;
import com.salesmanager.core.model.reference.language.Language;
import com.salesmanager.core.model.shoppingcart.ShoppingCart;
import com.salesmanager.core.model.shoppingcart.ShoppingCartItem;
import com.salesmanager.core.model.system.optin.CustomerOptin;
import com.salesmanager.core.model.system.optin.Optin;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.persister.entity.EntityPersister;
import org.remarketing.core.tracking.EventSource;
import org.remarketing.core.tracking.EventType;
import org.remarketing.core.tracking.ShopperIds;
import org.remarketing.core.tracking.TrackedEvent;

import static org.remarketing.shopizer.EntityValues.asLong;
import static org.remarketing.shopizer.EntityValues.changed;
import static org.remarketing.shopizer.EntityValues.get;

/**
 * What one store transaction changed, as the listeners saw it during its flushes, turned into
 * events once the last flush is done (right before the commit). Listener callbacks only note
 * facts from the state arrays; everything that needs another row (a cart's code, whether an
 * order's customer is a guest, the items of an order, whether a cart is now empty) is resolved
 * in {@link #events(SessionImplementor)}, after the flush, on the session's own connection.
 */
final class CapturedTransaction {

	/** One event to be, resolved after the flush; adds nothing when it turns out to be noise. */
	private interface Step {

		void emit(SessionImplementor session, List<TrackedEvent> out);

	}

	private final List<Step> steps = new ArrayList<>();

	/** Carts whose items changed, in the order first seen: cart id → the cart (entity or proxy). */
	private final Map<Object, Object> touchedCarts = new LinkedHashMap<>();

	private final Set<Object> cartsWithRemovals = new HashSet<>();

	/** Carts deleted in this transaction: id → [code, customer id, order id]. */
	private final Map<Object, Object[]> deletedCarts = new LinkedHashMap<>();

	private final Map<Long, List<Map<String, Object>>> orderItems = new HashMap<>();

	/** Verified emails of orders placed in this transaction, by order id. */
	private final Map<Long, String> orderEmails = new HashMap<>();

	private final Set<Long> guestCustomers = new HashSet<>();

	/** Emails the store itself recorded in this transaction (registrations, orders). */
	private final Set<String> verifiedEmails = new HashSet<>();

	private final Map<Object, Object[]> cartCache = new HashMap<>();

	/** Set once the transaction has completed, either way: a callback left behind must do nothing. */
	private boolean completed;

	boolean isCompleted() {
		return this.completed;
	}

	void complete() {
		this.completed = true;
	}

	boolean isEmpty() {
		return this.steps.isEmpty() && this.deletedCarts.isEmpty();
	}

	// ---- listener callbacks: note facts, read nothing but the event's own state -----------------

	void inserted(PostInsertEvent event, String visitor) {
		Object entity = event.getEntity();
		EntityPersister p = event.getPersister();
		Object[] state = event.getState();
		Instant now = Instant.now();
		if (entity instanceof ShoppingCartItem) {
			Object cart = cartOf(event.getSession(), p, state);
			Map<String, Object> properties = item(p, state);
			properties.put("quantity", asLong(get(p, state, "quantity")));
			this.steps.add(cartStep(EventType.CART_ITEM_ADDED, cart, visitor, now, properties));
		}
		else if (entity instanceof Order) {
			orderPlaced(asLong(event.getId()), p, state, visitor);
		}
		else if (entity instanceof OrderProduct) {
			Long orderId = asLong(EntityValues.idOf(event.getSession(), Order.class, get(p, state, "order")));
			Map<String, Object> item = new LinkedHashMap<>();
			putIfPresent(item, "sku", get(p, state, "sku"));
			putIfPresent(item, "name", get(p, state, "productName"));
			putIfPresent(item, "quantity", asLong(get(p, state, "productQuantity")));
			putIfPresent(item, "price", get(p, state, "oneTimeCharge"));
			this.orderItems.computeIfAbsent(orderId, (id) -> new ArrayList<>()).add(item);
		}
		else if (entity instanceof Customer) {
			customerInserted(asLong(event.getId()), p, state, visitor, now);
		}
		else if (entity instanceof CustomerOptin) {
			optin(EventType.NEWSLETTER_OPT_IN, p, state, visitor);
		}
	}

	void updated(PostUpdateEvent event, String visitor) {
		Object entity = event.getEntity();
		EntityPersister p = event.getPersister();
		Object[] state = event.getState();
		Object[] old = event.getOldState();
		int[] dirty = event.getDirtyProperties();
		Instant now = Instant.now();
		if (entity instanceof ShoppingCartItem) {
			if (!changed(p, old, state, dirty, "quantity")) {
				return; // a read that marked the item dirty, a date bumped: nothing a shopper did
			}
			Map<String, Object> properties = item(p, state);
			properties.put("quantity", asLong(get(p, state, "quantity")));
			properties.put("previous_quantity", asLong(get(p, old, "quantity")));
			this.steps.add(cartStep(EventType.CART_QUANTITY_CHANGED, cartOf(event.getSession(), p, state), visitor, now,
					properties));
		}
		else if (entity instanceof ShoppingCart) {
			cartUpdated(event.getId(), p, old, state, dirty, visitor, now);
		}
		else if (entity instanceof Order) {
			if (!changed(p, old, state, dirty, "status")) {
				return;
			}
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put("order_id", asLong(event.getId()));
			putIfPresent(properties, "status", name(get(p, state, "status")));
			putIfPresent(properties, "previous_status", name(get(p, old, "status")));
			// No visitor: a status changes in the back office, whose browser is not the shopper's.
			ShopperIds shopper = ShopperIds.of(null, asLong(get(p, state, "customerId")),
					(String) get(p, state, "customerEmailAddress"), true);
			String cartCode = (String) get(p, state, "shoppingCartCode");
			this.steps.add((session, out) -> out.add(event(EventType.ORDER_STATUS_CHANGED, now, shopper, cartCode)
				.properties(properties)
				.build()));
		}
		else if (entity instanceof Customer) {
			customerUpdated(asLong(event.getId()), p, old, state, dirty, visitor, now);
		}
	}

	void deleted(PostDeleteEvent event, String visitor) {
		Object entity = event.getEntity();
		EntityPersister p = event.getPersister();
		Object[] state = event.getDeletedState();
		Instant now = Instant.now();
		if (entity instanceof ShoppingCartItem) {
			Object cart = cartOf(event.getSession(), p, state);
			Map<String, Object> properties = item(p, state);
			properties.put("quantity", asLong(get(p, state, "quantity")));
			this.cartsWithRemovals.add(EntityValues.idOf(event.getSession(), ShoppingCart.class, cart));
			this.steps.add(cartStep(EventType.CART_ITEM_REMOVED, cart, visitor, now, properties));
		}
		else if (entity instanceof ShoppingCart) {
			this.deletedCarts.put(event.getId(), new Object[] { get(p, state, "shoppingCartCode"),
					get(p, state, "customerId"), get(p, state, "orderId"), visitor, now });
		}
		else if (entity instanceof CustomerOptin) {
			optin(EventType.NEWSLETTER_OPT_OUT, p, state, visitor);
		}
	}

	// ---- translations ----------------------------------------------------------------------------

	private Object cartOf(SessionImplementor session, EntityPersister p, Object[] state) {
		Object cart = get(p, state, "shoppingCart");
		Object id = EntityValues.idOf(session, ShoppingCart.class, cart);
		this.touchedCarts.putIfAbsent(id, cart);
		return cart;
	}

	private static Map<String, Object> item(EntityPersister p, Object[] state) {
		Map<String, Object> properties = new LinkedHashMap<>();
		putIfPresent(properties, "product_id", asLong(get(p, state, "productId")));
		putIfPresent(properties, "sku", get(p, state, "sku"));
		putIfPresent(properties, "variant_id", asLong(get(p, state, "variant")));
		return properties;
	}

	private Step cartStep(EventType type, Object cart, String visitor, Instant now, Map<String, Object> properties) {
		return (session, out) -> {
			Object id = EntityValues.idOf(session, ShoppingCart.class, cart);
			if (this.deletedCarts.containsKey(id)) {
				return; // items leaving with their cart (merged or cleaned up): the cart's own event says it
			}
			Object[] info = cartInfo(session, id, cart);
			out.add(event(type, now, ShopperIds.of(visitor, asLong(info[1]), null, false), (String) info[0])
				.properties(properties)
				.build());
		};
	}

	/** [code, customer id] of a cart, from memory when loaded, else its row; cached per transaction. */
	private Object[] cartInfo(SessionImplementor session, Object id, Object cart) {
		return this.cartCache.computeIfAbsent(id,
				(key) -> new Object[] { EntityValues.valueOf(session, ShoppingCart.class, cart, "shoppingCartCode"),
						EntityValues.valueOf(session, ShoppingCart.class, cart, "customerId") });
	}

	private void cartUpdated(Object cartId, EntityPersister p, Object[] old, Object[] state, int[] dirty, String visitor,
			Instant now) {
		String code = (String) get(p, state, "shoppingCartCode");
		Long customerId = asLong(get(p, state, "customerId"));
		Long orderId = asLong(get(p, state, "orderId"));
		if (changed(p, old, state, dirty, "orderId") && orderId != null) {
			this.steps.add((session, out) -> out.add(event(EventType.CART_CONVERTED, now,
					ShopperIds.of(visitor, customerId, this.orderEmails.get(orderId), this.orderEmails.containsKey(orderId)),
					code)
				.property("order_id", orderId)
				.build()));
		}
		if (changed(p, old, state, dirty, "customerId") && customerId != null && get(p, old, "customerId") == null
				&& orderId == null) {
			// A guest cart that becomes a signed-in customer's: the same cart, now known to be theirs.
			this.steps.add((session, out) -> out.add(event(EventType.CART_MERGED, now,
					ShopperIds.of(visitor, customerId, null, false), code)
				.property("from_cart_code", code)
				.property("to_cart_code", code)
				.build()));
		}
	}

	private void orderPlaced(Long orderId, EntityPersister p, Object[] state, String visitor) {
		String email = (String) get(p, state, "customerEmailAddress");
		Long customerId = asLong(get(p, state, "customerId"));
		Object currency = get(p, state, "currency");
		Object total = get(p, state, "total");
		String status = name(get(p, state, "status"));
		String cartCode = (String) get(p, state, "shoppingCartCode");
		Object locale = get(p, state, "locale");
		Object store = get(p, state, "merchant");
		Instant purchased = EntityValues.instant(get(p, state, "datePurchased"));
		if (email != null) {
			this.orderEmails.put(orderId, email.trim().toLowerCase(Locale.ROOT));
			this.verifiedEmails.add(email.trim().toLowerCase(Locale.ROOT));
		}
		this.steps.add((session, out) -> {
			boolean guest = customerId == null || this.guestCustomers.contains(customerId)
					|| Boolean.TRUE.equals(EntityValues.valueById(session, Customer.class, customerId, "anonymous"));
			List<Map<String, Object>> items = new ArrayList<>(this.orderItems.getOrDefault(orderId, List.of()));
			withProducts(session, EntityValues.idOf(session, MerchantStore.class, store), items);
			items.sort(Comparator.comparing((Map<String, Object> item) -> String.valueOf(item.get("sku"))));
			TrackedEvent.Builder event = event(EventType.ORDER_PLACED, purchased,
					ShopperIds.of(visitor, guest ? null : customerId, email, true), cartCode)
				.property("order_id", orderId)
				.property("value", total instanceof BigDecimal ? total : null)
				.property("currency", EntityValues.valueOf(session, Currency.class, currency, "code"))
				.property("status", status)
				.property("guest", guest)
				.property("language", locale instanceof Locale ? ((Locale) locale).getLanguage() : null)
				.property("items", items);
			out.add(event.build());
		});
	}

	/** Adds the product id and category the order lines' SKUs have in the store (what segments and replenishment need). */
	private static void withProducts(SessionImplementor session, Object storeId, List<Map<String, Object>> items) {
		Set<String> skus = new LinkedHashSet<>();
		for (Map<String, Object> item : items) {
			if (item.get("sku") instanceof String) {
				skus.add(((String) item.get("sku")).trim());
			}
		}
		Map<String, Object[]> products = EntityValues.productsBySku(session, storeId, skus);
		for (Map<String, Object> item : items) {
			Object[] product = (item.get("sku") instanceof String) ? products.get(((String) item.get("sku")).trim()) : null;
			if (product != null) {
				item.put("product_id", product[0]);
				putIfPresent(item, "category", product[1]);
			}
		}
	}

	private void customerInserted(Long customerId, EntityPersister p, Object[] state, String visitor, Instant now) {
		boolean anonymous = Boolean.TRUE.equals(get(p, state, "anonymous")) || get(p, state, "nick") == null;
		if (anonymous) {
			// A guest checkout's CUSTOMER row: its email arrives with the order placed in this transaction.
			this.guestCustomers.add(customerId);
			return;
		}
		String email = (String) get(p, state, "emailAddress");
		if (email != null) {
			this.verifiedEmails.add(email.trim().toLowerCase(Locale.ROOT));
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("customer_id", customerId);
		Object language = get(p, state, "defaultLanguage");
		this.steps.add((session, out) -> {
			Map<String, Object> values = new LinkedHashMap<>(properties);
			profile(values, p, state, session, language);
			out.add(event(EventType.CUSTOMER_REGISTERED, now, ShopperIds.of(visitor, customerId, email, true), null)
				.properties(values)
				.build());
		});
	}

	private void customerUpdated(Long customerId, EntityPersister p, Object[] old, Object[] state, int[] dirty,
			String visitor, Instant now) {
		if (old == null || Boolean.TRUE.equals(get(p, state, "anonymous")) || get(p, state, "nick") == null) {
			return; // without the old state nothing tells a real change from a re-save; guests have no profile
		}
		Billing before = (Billing) get(p, old, "billing");
		Billing after = (Billing) get(p, state, "billing");
		List<String> changes = new ArrayList<>();
		if (!Objects.equals(before == null ? null : before.getFirstName(), after == null ? null : after.getFirstName())) {
			changes.add("first_name");
		}
		if (!Objects.equals(before == null ? null : before.getLastName(), after == null ? null : after.getLastName())) {
			changes.add("last_name");
		}
		if (!Objects.equals(EntityValues.localDate(get(p, old, "dateOfBirth")),
				EntityValues.localDate(get(p, state, "dateOfBirth")))) {
			changes.add("birthday");
		}
		Object language = get(p, state, "defaultLanguage");
		Object oldLanguage = get(p, old, "defaultLanguage");
		String email = (String) get(p, state, "emailAddress");
		if (!Objects.equals(get(p, old, "gender"), get(p, state, "gender"))) {
			changes.add("gender");
		}
		if (!Objects.equals(normal((String) get(p, old, "emailAddress")), normal(email))) {
			changes.add("email");
		}
		boolean languageMaybeChanged = oldLanguage != language;
		if (changes.isEmpty() && !languageMaybeChanged) {
			return;
		}
		this.steps.add((session, out) -> {
			List<String> changed = new ArrayList<>(changes);
			if (languageMaybeChanged && !Objects.equals(EntityValues.idOf(session, Language.class, oldLanguage),
					EntityValues.idOf(session, Language.class, language))) {
				changed.add("language");
			}
			if (changed.isEmpty()) {
				return;
			}
			Map<String, Object> all = new LinkedHashMap<>();
			profile(all, p, state, session, language);
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put("customer_id", customerId);
			properties.put("changed", changed);
			for (String key : changed) {
				putIfPresent(properties, key, all.get(key));
			}
			out.add(event(EventType.CUSTOMER_UPDATED, now, ShopperIds.of(visitor, customerId, email, true), null)
				.properties(properties)
				.build());
		});
	}

	/** first_name, last_name, birthday (yyyy-MM-dd), gender, language of a customer's state. */
	private static void profile(Map<String, Object> values, EntityPersister p, Object[] state, SessionImplementor session,
			Object language) {
		Billing billing = (Billing) get(p, state, "billing");
		if (billing != null) {
			putIfPresent(values, "first_name", billing.getFirstName());
			putIfPresent(values, "last_name", billing.getLastName());
		}
		LocalDate birthday = EntityValues.localDate(get(p, state, "dateOfBirth"));
		putIfPresent(values, "birthday", birthday == null ? null : birthday.toString());
		putIfPresent(values, "gender", name(get(p, state, "gender")));
		putIfPresent(values, "language", EntityValues.valueOf(session, Language.class, language, "code"));
	}

	private void optin(EventType type, EntityPersister p, Object[] state, String visitor) {
		String email = (String) get(p, state, "email");
		Object optin = get(p, state, "optin");
		String firstName = (String) get(p, state, "firstName");
		String lastName = (String) get(p, state, "lastName");
		Instant at = type == EventType.NEWSLETTER_OPT_IN ? EntityValues.instant(get(p, state, "optinDate")) : null;
		Instant now = at == null ? Instant.now() : at;
		this.steps.add((session, out) -> {
			// Typed in a form: verified only when the store recorded the same email in this transaction.
			boolean verified = email != null && this.verifiedEmails.contains(normal(email));
			TrackedEvent.Builder event = event(type, now, ShopperIds.of(visitor, null, email, verified), null)
				.property("optin_code", EntityValues.valueOf(session, Optin.class, optin, "code"))
				.property("optin_type", name(EntityValues.valueOf(session, Optin.class, optin, "optinType")));
			if (type == EventType.NEWSLETTER_OPT_IN) {
				event.property("first_name", firstName).property("last_name", lastName);
			}
			out.add(event.build());
		});
	}

	// ---- before completion -----------------------------------------------------------------------

	/**
	 * The events of this transaction, in the order the store made the changes; a merge of carts
	 * comes first (it tells who the following changes belong to), an emptied cart last.
	 */
	List<TrackedEvent> events(SessionImplementor session) {
		List<TrackedEvent> out = new ArrayList<>();
		List<TrackedEvent> merges = new ArrayList<>();
		mergesOfDeletedCarts(session, merges);
		for (Step step : this.steps) {
			step.emit(session, out);
		}
		for (Object cartId : this.cartsWithRemovals) {
			if (!this.deletedCarts.containsKey(cartId)
					&& EntityValues.count(session, ShoppingCartItem.class, "shoppingCart", cartId) == 0) {
				Object[] info = cartInfo(session, cartId, this.touchedCarts.get(cartId));
				String visitor = out.stream()
					.filter((e) -> Objects.equals(e.cartCode(), info[0]))
					.map((e) -> e.shopper().visitorId())
					.filter(Objects::nonNull)
					.findFirst()
					.orElse(null);
				out.add(event(EventType.CART_EMPTIED, Instant.now(), ShopperIds.of(visitor, asLong(info[1]), null, false),
						(String) info[0])
					.build());
			}
		}
		merges.addAll(out);
		return merges;
	}

	/**
	 * A guest cart deleted while another cart, a customer's, received items in the same
	 * transaction: the guest cart was merged into it (Shopizer deletes the guest cart after
	 * copying its items). A cart deleted otherwise (housekeeping) records nothing.
	 */
	private void mergesOfDeletedCarts(SessionImplementor session, List<TrackedEvent> out) {
		for (Map.Entry<Object, Object[]> deleted : this.deletedCarts.entrySet()) {
			Object[] info = deleted.getValue();
			if (info[1] != null || info[2] != null) {
				continue; // not a guest's open cart
			}
			for (Map.Entry<Object, Object> touched : this.touchedCarts.entrySet()) {
				if (this.deletedCarts.containsKey(touched.getKey())) {
					continue;
				}
				Object[] target = cartInfo(session, touched.getKey(), touched.getValue());
				Long customerId = asLong(target[1]);
				if (customerId != null) {
					out.add(event(EventType.CART_MERGED, (Instant) info[4],
							ShopperIds.of((String) info[3], customerId, null, false), (String) target[0])
						.property("from_cart_code", info[0])
						.property("to_cart_code", target[0])
						.build());
					break;
				}
			}
		}
	}

	// ---- helpers ---------------------------------------------------------------------------------

	private static TrackedEvent.Builder event(EventType type, Instant at, ShopperIds shopper, String cartCode) {
		return TrackedEvent.builder(type, EventSource.STORE).occurredAt(at).shopper(shopper).cartCode(cartCode);
	}

	private static void putIfPresent(Map<String, Object> map, String key, Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

	private static String name(Object value) {
		if (value == null) {
			return null;
		}
		return value instanceof Enum ? ((Enum<?>) value).name() : value.toString();
	}

	private static String normal(String email) {
		return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
	}

}
