package org.remarketing.core.segments;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import org.remarketing.core.segments.RuleNode.EventCondition;
import org.remarketing.core.segments.RuleNode.FieldCondition;
import org.remarketing.core.segments.RuleNode.Group;
import org.remarketing.core.segments.RuleNode.SegmentCondition;

/**
 * A custom segment rule, read from its JSON (docs/segment-rules.md) and checked against the
 * allow-list of fields, operators and event types and the limits below. Immutable; compiled to SQL
 * by {@link RuleCompiler}.
 */
public final class SegmentRule {

	/** Longest rule JSON, in UTF-8 bytes. */
	public static final int MAX_JSON_BYTES = 16 * 1024;

	/** Deepest nesting of groups ({@code all}, {@code any}, {@code not}); the outermost group is level 1. */
	public static final int MAX_DEPTH = 5;

	/** Most conditions (fields, events, segments, consents) in one rule. */
	public static final int MAX_CONDITIONS = 50;

	/** Longest string anywhere in a rule, in characters. */
	public static final int MAX_STRING = 200;

	/** Most values in one list ({@code in}, {@code not_in}, {@code event}). */
	public static final int MAX_LIST = 100;

	private final RuleNode root;

	private final Set<String> segments;

	private final boolean timeDependent;

	private SegmentRule(RuleNode root) {
		this.root = root;
		Set<String> codes = new LinkedHashSet<>();
		this.timeDependent = walk(root, codes);
		this.segments = Collections.unmodifiableSet(codes);
	}

	/**
	 * @throws RuleException naming the path of the first problem
	 */
	public static SegmentRule parse(String json) {
		return new SegmentRule(RuleParser.parse(json));
	}

	/** The codes of the segments this rule's membership conditions name, in order of appearance. */
	public Set<String> segments() {
		return this.segments;
	}

	/**
	 * Whether membership can change with the clock alone: a days-ago, birthday or event-window
	 * condition. Membership of another segment is not counted: it changes when that segment does.
	 */
	public boolean timeDependent() {
		return this.timeDependent;
	}

	/**
	 * The rule in plain English for the admin list ("orders ≥ 2 and (language is vi or en or viewed
	 * product 42 at least 3 times in the last 7 days)"). It quotes codes the admin wrote: escape it
	 * when rendering.
	 */
	public String describe() {
		return RuleDescription.of(this.root);
	}

	RuleNode root() {
		return this.root;
	}

	private static boolean walk(RuleNode node, Set<String> codes) {
		if (node instanceof Group) {
			boolean time = false;
			for (RuleNode child : ((Group) node).children) {
				time |= walk(child, codes);
			}
			return time;
		}
		if (node instanceof SegmentCondition) {
			codes.add(((SegmentCondition) node).code);
			return false;
		}
		if (node instanceof FieldCondition) {
			RuleField.Kind kind = ((FieldCondition) node).field.kind();
			return kind == RuleField.Kind.TIME || kind == RuleField.Kind.BIRTHDAY;
		}
		return node instanceof EventCondition;
	}

}
