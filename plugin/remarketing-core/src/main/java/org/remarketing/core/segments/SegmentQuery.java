package org.remarketing.core.segments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Who is in a segment, as SQL: a boolean condition over the contact row aliased {@code c}
 * ({@code rmk_contact c}, merged contacts already left out by the caller) with its bound
 * parameters, never values spliced into the text. Used as
 * {@code SELECT c.id FROM rmk_contact c WHERE c.merged_into IS NULL AND (<condition>)}, alone or
 * with {@code AND c.id IN (...)}.
 * <p>
 * {@link #timeDependent()} says whether membership can change with the clock alone (a cart idle
 * for an hour, an order 60 days ago); {@link #sweeps()} then list the contacts whose membership
 * may have changed between two instants, so that the clock is followed without re-reading every
 * contact. A time-dependent query without sweeps is re-evaluated over all contacts instead.
 */
public final class SegmentQuery {

	private final String condition;

	private final List<Object> parameters;

	private final boolean timeDependent;

	private final List<Sweep> sweeps;

	private final Duration fullEvery;

	public SegmentQuery(String condition, List<Object> parameters, boolean timeDependent, List<Sweep> sweeps) {
		this(condition, parameters, timeDependent, sweeps, Duration.ZERO);
	}

	/**
	 * @param fullEvery for a time-dependent condition without sweeps, how often it is evaluated
	 * over all contacts (zero: at every sweep); for conditions that move in days
	 */
	public SegmentQuery(String condition, List<Object> parameters, boolean timeDependent, List<Sweep> sweeps,
			Duration fullEvery) {
		this.condition = condition;
		this.parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
		this.timeDependent = timeDependent;
		this.sweeps = Collections.unmodifiableList(new ArrayList<>(sweeps));
		this.fullEvery = fullEvery;
	}

	/** How often a time-dependent condition without sweeps is evaluated over all contacts (zero: every sweep). */
	public Duration fullEvery() {
		return this.fullEvery;
	}

	public static SegmentQuery of(String condition, List<Object> parameters) {
		return new SegmentQuery(condition, parameters, false, List.of());
	}

	public String condition() {
		return this.condition;
	}

	public List<Object> parameters() {
		return this.parameters;
	}

	public boolean timeDependent() {
		return this.timeDependent;
	}

	public List<Sweep> sweeps() {
		return this.sweeps;
	}

	/**
	 * Contacts whose membership may change between two instants: a {@code SELECT} of contact ids
	 * whose last two parameters are bound to {@code from} (exclusive) and {@code to} (inclusive),
	 * both shifted by {@link #shiftMinutes()} minutes into the past (the condition's window), after the
	 * {@link #parameters()} of its own.
	 */
	public static final class Sweep {

		private final String select;

		private final List<Object> parameters;

		private final long shiftMinutes;

		public Sweep(String select, List<Object> parameters, long shiftMinutes) {
			this.select = select;
			this.parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
			this.shiftMinutes = shiftMinutes;
		}

		public String select() {
			return this.select;
		}

		public List<Object> parameters() {
			return this.parameters;
		}

		/** How far back the swept column is compared: the window of the condition, in minutes. */
		public long shiftMinutes() {
			return this.shiftMinutes;
		}

	}

}
