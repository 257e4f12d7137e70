package org.remarketing.core.segments;

import java.util.Collections;
import java.util.List;

import org.remarketing.core.contacts.ConsentChannel;
import org.remarketing.core.tracking.EventType;

/** A validated piece of a rule: a group or one condition. Built only by {@link RuleParser}. */
abstract class RuleNode {

	private RuleNode() {
	}

	enum GroupKind {

		ALL("all"), ANY("any"), NOT("not");

		private final String key;

		GroupKind(String key) {
			this.key = key;
		}

		String key() {
			return this.key;
		}

	}

	/** {@code all} / {@code any} of the children, or {@code not} of its only child. */
	static final class Group extends RuleNode {

		final GroupKind kind;

		final List<RuleNode> children;

		Group(GroupKind kind, List<RuleNode> children) {
			this.kind = kind;
			this.children = Collections.unmodifiableList(children);
		}

	}

	/**
	 * A profile field compared with a value: a Long (whole numbers, days), a BigDecimal (amounts), a
	 * String or a List of Strings (codes) or a Boolean (presence).
	 */
	static final class FieldCondition extends RuleNode {

		final RuleField field;

		final RuleOperator op;

		final Object value;

		FieldCondition(RuleField field, RuleOperator op, Object value) {
			this.field = field;
			this.op = op;
			this.value = value;
		}

	}

	/** At least {@code min} events of one of the types in the last {@code days} days. */
	static final class EventCondition extends RuleNode {

		final List<EventType> types;

		final Long productId;

		final String category;

		final int min;

		final int days;

		EventCondition(List<EventType> types, Long productId, String category, int min, int days) {
			this.types = Collections.unmodifiableList(types);
			this.productId = productId;
			this.category = category;
			this.min = min;
			this.days = days;
		}

	}

	/** Whether the contact is (or is not) a current member of another segment, by code. */
	static final class SegmentCondition extends RuleNode {

		final String code;

		final boolean member;

		SegmentCondition(String code, boolean member) {
			this.code = code;
			this.member = member;
		}

	}

	/** Whether the contact's latest consent for a channel is a grant (no consent row: not granted). */
	static final class ConsentCondition extends RuleNode {

		final ConsentChannel channel;

		final boolean granted;

		ConsentCondition(ConsentChannel channel, boolean granted) {
			this.channel = channel;
			this.granted = granted;
		}

	}

}
