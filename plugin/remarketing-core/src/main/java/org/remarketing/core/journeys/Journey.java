package org.remarketing.core.journeys;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A journey as stored in {@code rmk_journey}: what starts it (entering a segment, or an event such
 * as an order), its steps, and the rules around them: exit when the contact leaves the segment, a
 * goal (an order) within a
 * conversion window, at most one entry per re-entry period, and a holdout share that gets nothing
 * so that the lift is measured.
 */
public final class Journey {

	private final long id;

	private final String code;

	private final String name;

	private final String description;

	private final boolean builtin;

	private final boolean enabled;

	private final JourneyPurpose purpose;

	private final String triggerSegment;

	private final String triggerEvent;

	private final List<JourneyStep> steps;

	private final int holdoutPercent;

	private final Duration goalWindow;

	private final Duration reentry;

	private final boolean exitOnLeave;

	Journey(long id, String code, String name, String description, boolean builtin, boolean enabled,
			JourneyPurpose purpose, String triggerSegment, String triggerEvent, List<JourneyStep> steps,
			int holdoutPercent, Duration goalWindow, Duration reentry, boolean exitOnLeave) {
		if ((triggerSegment == null) == (triggerEvent == null)) {
			throw new IllegalArgumentException("a journey starts from a segment or from an event: " + code);
		}
		this.id = id;
		this.code = Objects.requireNonNull(code, "code");
		this.name = Objects.requireNonNull(name, "name");
		this.description = description;
		this.builtin = builtin;
		this.enabled = enabled;
		this.purpose = Objects.requireNonNull(purpose, "purpose");
		this.triggerSegment = triggerSegment;
		this.triggerEvent = triggerEvent;
		this.steps = List.copyOf(steps);
		this.holdoutPercent = holdoutPercent;
		this.goalWindow = Objects.requireNonNull(goalWindow, "goalWindow");
		this.reentry = Objects.requireNonNull(reentry, "reentry");
		this.exitOnLeave = exitOnLeave;
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

	public boolean enabled() {
		return this.enabled;
	}

	public JourneyPurpose purpose() {
		return this.purpose;
	}

	/** The code of the segment whose entries start this journey, or null when an event starts it. */
	public String triggerSegment() {
		return this.triggerSegment;
	}

	/**
	 * The type of the event as the event log names it ({@code order_placed}, {@code newsletter_opt_in}…), each of which starts
	 * this journey for its contact, or null when a segment starts it.
	 */
	public String triggerEvent() {
		return this.triggerEvent;
	}

	public List<JourneyStep> steps() {
		return this.steps;
	}

	/** Share of entrants (0–50 %) kept back: they get nothing and are measured. */
	public int holdoutPercent() {
		return this.holdoutPercent;
	}

	/** An order within this time after entry counts as the journey's conversion. */
	public Duration goalWindow() {
		return this.goalWindow;
	}

	/** A contact enters again at the earliest this long after their previous entry. */
	public Duration reentry() {
		return this.reentry;
	}

	/** Whether leaving the trigger segment ends the run (a cart emptied, a checkout finished). */
	public boolean exitOnLeave() {
		return this.exitOnLeave;
	}

	/** A copy with the editable parts replaced (what an administrator changes). */
	public Journey edited(String name, String description, boolean enabled, List<JourneyStep> steps,
			int holdoutPercent, Duration goalWindow, Duration reentry, boolean exitOnLeave) {
		return new Journey(this.id, this.code, name, description, this.builtin, enabled, this.purpose,
				this.triggerSegment, this.triggerEvent, steps, holdoutPercent, goalWindow, reentry, exitOnLeave);
	}

	@Override
	public String toString() {
		return this.code + " (" + this.steps.size() + " steps)";
	}

}
