package org.remarketing.core.segments;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.remarketing.core.contacts.ConsentChannel;
import org.remarketing.core.segments.RuleNode.ConsentCondition;
import org.remarketing.core.segments.RuleNode.EventCondition;
import org.remarketing.core.segments.RuleNode.FieldCondition;
import org.remarketing.core.segments.RuleNode.Group;
import org.remarketing.core.segments.RuleNode.GroupKind;
import org.remarketing.core.segments.RuleNode.SegmentCondition;
import org.remarketing.core.tracking.EventType;

/** A rule in plain English, for the admin list. */
final class RuleDescription {

	/** What a contact did, per event type; {@code {product}} is replaced by the product or category filter. */
	private static final Map<EventType, String> DID = new EnumMap<>(EventType.class);

	static {
		DID.put(EventType.PAGE_VIEW, "viewed a page");
		DID.put(EventType.PRODUCT_VIEW, "viewed {product}");
		DID.put(EventType.CATEGORY_VIEW, "viewed {category}");
		DID.put(EventType.SEARCH, "searched");
		DID.put(EventType.PAGE_LEAVE, "left a page");
		DID.put(EventType.BEGIN_CHECKOUT, "began checkout");
		DID.put(EventType.ADD_SHIPPING_INFO, "entered shipping details");
		DID.put(EventType.ADD_PAYMENT_INFO, "entered payment details");
		DID.put(EventType.EMAIL_CAPTURED, "typed an email at checkout");
		DID.put(EventType.EMAIL_OPT_OUT, "opted out of emails at checkout");
		DID.put(EventType.CART_ITEM_ADDED, "added {product} to the cart");
		DID.put(EventType.CART_QUANTITY_CHANGED, "changed the quantity of {product} in the cart");
		DID.put(EventType.CART_ITEM_REMOVED, "removed {product} from the cart");
		DID.put(EventType.CART_EMPTIED, "emptied the cart");
		DID.put(EventType.CART_CONVERTED, "turned a cart into an order");
		DID.put(EventType.CART_MERGED, "had carts merged at sign-in");
		DID.put(EventType.ORDER_PLACED, "placed an order");
		DID.put(EventType.ORDER_STATUS_CHANGED, "had an order change status");
		DID.put(EventType.CUSTOMER_REGISTERED, "registered");
		DID.put(EventType.CUSTOMER_UPDATED, "updated their account");
		DID.put(EventType.CUSTOMER_SIGNED_IN, "signed in");
		DID.put(EventType.NEWSLETTER_OPT_IN, "subscribed to the newsletter");
		DID.put(EventType.NEWSLETTER_OPT_OUT, "unsubscribed from the newsletter");
		DID.put(EventType.CONSENT_CHANGED, "changed a consent");
	}

	private RuleDescription() {
	}

	static String of(RuleNode node) {
		String text = describe(node, true);
		return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
	}

	private static String describe(RuleNode node, boolean outermost) {
		if (node instanceof Group) {
			Group group = (Group) node;
			if (group.kind == GroupKind.NOT) {
				return "not (" + describe(group.children.get(0), true) + ")";
			}
			if (group.children.size() == 1) {
				return describe(group.children.get(0), outermost);
			}
			String joined = group.children.stream()
				.map((child) -> describe(child, false))
				.collect(Collectors.joining((group.kind == GroupKind.ALL) ? " and " : ", or "));
			return outermost ? joined : "(" + joined + ")";
		}
		if (node instanceof FieldCondition) {
			return field((FieldCondition) node);
		}
		if (node instanceof EventCondition) {
			return event((EventCondition) node);
		}
		if (node instanceof SegmentCondition) {
			SegmentCondition segment = (SegmentCondition) node;
			return (segment.member ? "in segment " : "not in segment ") + segment.code;
		}
		ConsentCondition consent = (ConsentCondition) node;
		return (consent.granted ? "consents to " : "does not consent to ") + channel(consent.channel);
	}

	private static String field(FieldCondition condition) {
		RuleField field = condition.field;
		Object value = condition.value;
		switch (field.kind()) {
			case WHOLE:
			case AMOUNT:
				return field.label() + " " + condition.op.symbol() + " " + value;
			case CODE:
				switch (condition.op) {
					case EQ:
						return field.label() + " is " + value;
					case NE:
						return field.label() + " is not " + value;
					case IN:
						return field.label() + " is " + listed((List<?>) value, " or ");
					default:
						return field.label() + " is none of " + listed((List<?>) value, ", ");
				}
			case PRESENCE:
				return Boolean.TRUE.equals(value) ? "has " + field.label()
						: "has no " + field.label().replaceFirst("^an? ", "");
			case TIME:
				return field.label() + ((condition.op == RuleOperator.WITHIN_DAYS) ? " in the last " + days(value)
						: " more than " + days(value) + " ago");
			default:
				long days = (Long) value;
				return (days == 0) ? "birthday today" : "birthday in the next " + days(value);
		}
	}

	private static String event(EventCondition condition) {
		String did = condition.types.stream().map((type) -> did(type, condition)).collect(Collectors.joining(" or "));
		String times = (condition.min == 1) ? "" : " at least " + condition.min + " times";
		return (condition.types.size() > 1 && condition.min > 1 ? "(" + did + ")" : did) + times + " in the last "
				+ days(condition.days);
	}

	private static String did(EventType type, EventCondition condition) {
		String did = DID.getOrDefault(type, "had a " + type.wireName() + " event");
		String product = (condition.productId != null) ? "product " + condition.productId
				: (condition.category != null) ? "a product of category " + condition.category : "a product";
		String category = (condition.category != null) ? "category " + condition.category : "a category";
		if (did.contains("{product}")) {
			return did.replace("{product}", product)
				+ ((condition.productId != null && condition.category != null) ? " (category " + condition.category + ")"
						: "");
		}
		if (did.contains("{category}")) {
			return did.replace("{category}", category)
				+ ((condition.productId != null) ? " (product " + condition.productId + ")" : "");
		}
		StringBuilder filters = new StringBuilder();
		if (condition.productId != null) {
			filters.append("product ").append(condition.productId);
		}
		if (condition.category != null) {
			filters.append((filters.length() > 0) ? ", " : "").append("category ").append(condition.category);
		}
		return (filters.length() > 0) ? did + " (" + filters + ")" : did;
	}

	private static String listed(List<?> values, String separator) {
		return values.stream().map(String::valueOf).collect(Collectors.joining(separator));
	}

	private static String days(Object days) {
		return "1".equals(String.valueOf(days)) ? "1 day" : days + " days";
	}

	private static String channel(ConsentChannel channel) {
		switch (channel) {
			case EMAIL:
				return "email";
			case SMS:
				return "SMS";
			case WEB_PUSH:
				return "web push";
			default:
				return "on-site offers";
		}
	}

}
