package org.remarketing.core.segments;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One row of {@code rmk_segment}: a built-in segment with its thresholds, or a custom rule. */
public final class Segment {

	final long id;

	final String code;

	final String name;

	final String description;

	final boolean builtin;

	final String ruleJson;

	final Map<String, Integer> settings;

	final boolean enabled;

	final long memberCount;

	final Instant updatedAt;

	final Instant sweptAt;

	final Instant rebuiltAt;

	final String rebuildState;

	final long rebuildDone;

	final long rebuildTotal;

	Segment(long id, String code, String name, String description, boolean builtin, String ruleJson,
			Map<String, Integer> settings, boolean enabled, long memberCount, Instant updatedAt, Instant sweptAt,
			Instant rebuiltAt, String rebuildState, long rebuildDone, long rebuildTotal) {
		this.id = id;
		this.code = code;
		this.name = name;
		this.description = description;
		this.builtin = builtin;
		this.ruleJson = ruleJson;
		this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
		this.enabled = enabled;
		this.memberCount = memberCount;
		this.updatedAt = updatedAt;
		this.sweptAt = sweptAt;
		this.rebuiltAt = rebuiltAt;
		this.rebuildState = rebuildState;
		this.rebuildDone = rebuildDone;
		this.rebuildTotal = rebuildTotal;
	}

	public long id() {
		return this.id;
	}

	public String code() {
		return this.code;
	}

	public String name() {
		return this.name;
	}

	public String description() {
		return this.description;
	}

	public boolean builtin() {
		return this.builtin;
	}

	public String ruleJson() {
		return this.ruleJson;
	}

	public Map<String, Integer> settings() {
		return this.settings;
	}

	public boolean enabled() {
		return this.enabled;
	}

	public long memberCount() {
		return this.memberCount;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	public Instant rebuiltAt() {
		return this.rebuiltAt;
	}

	/** {@code RUNNING}, {@code DONE}, {@code FAILED} or null (never rebuilt). */
	public String rebuildState() {
		return this.rebuildState;
	}

	public long rebuildDone() {
		return this.rebuildDone;
	}

	public long rebuildTotal() {
		return this.rebuildTotal;
	}

	/** The built-in definition, or null for a custom segment. */
	public BuiltInSegment definition() {
		return this.builtin ? BuiltInSegment.byCode(this.code) : null;
	}

}
