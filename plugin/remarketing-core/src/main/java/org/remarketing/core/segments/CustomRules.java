package org.remarketing.core.segments;

import java.time.Instant;

/** Turns a custom segment's stored rule into its condition (the rule compiler). */
@FunctionalInterface
public interface CustomRules {

	/** @throws IllegalArgumentException if the rule is not valid */
	SegmentQuery compile(String ruleJson, Instant now);

	/** Until a compiler is configured: every custom rule is refused. */
	CustomRules NONE = (json, now) -> {
		throw new IllegalArgumentException("Custom segment rules are not available");
	};

}
