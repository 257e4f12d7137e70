package org.remarketing.shopizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far a history import got: per phase the rows read (of how many), the events they made and
 * the rows skipped; and where to go on (phase, last id read). Kept in {@code rmk_setting} as one
 * short line ({@code phase=orders;after=123;carts=0,0,0,0;customers=34,34,34,0;...}, numbers as
 * read,of,events,skipped), so that a run stopped by a crash or a shutdown goes on from there.
 */
final class ImportProgress {

	private static final int READ = 0;

	private static final int OF = 1;

	private static final int EVENTS = 2;

	private static final int SKIPPED = 3;

	private final Map<String, long[]> phases = new LinkedHashMap<>();

	private String phase;

	private long after;

	ImportProgress(List<String> phaseNames) {
		for (String name : phaseNames) {
			this.phases.put(name, new long[4]);
		}
	}

	/** Reads what {@link #toString()} wrote; unknown or broken parts are left at zero. */
	static ImportProgress parse(String line, List<String> phaseNames) {
		ImportProgress progress = new ImportProgress(phaseNames);
		for (String part : line.split(";")) {
			int eq = part.indexOf('=');
			if (eq < 0) {
				continue;
			}
			String key = part.substring(0, eq);
			String value = part.substring(eq + 1);
			try {
				if (key.equals("phase")) {
					progress.phase = progress.phases.containsKey(value) ? value : null;
				}
				else if (key.equals("after")) {
					progress.after = Long.parseLong(value);
				}
				else if (progress.phases.containsKey(key)) {
					String[] numbers = value.split(",");
					long[] counts = progress.phases.get(key);
					for (int i = 0; i < counts.length && i < numbers.length; i++) {
						counts[i] = Long.parseLong(numbers[i]);
					}
				}
			}
			catch (NumberFormatException ex) {
				// a broken part counts as nothing done: the run redoes it, and event ids keep that harmless
			}
		}
		return progress;
	}

	ImportProgress copy() {
		ImportProgress copy = new ImportProgress(List.copyOf(this.phases.keySet()));
		this.phases.forEach((name, counts) -> System.arraycopy(counts, 0, copy.phases.get(name), 0, counts.length));
		copy.phase = this.phase;
		copy.after = this.after;
		return copy;
	}

	/** The phase to go on with; null: from the first. */
	String phase() {
		return this.phase;
	}

	/** The last id read in {@link #phase()}. */
	long after() {
		return this.after;
	}

	void at(String phase, long after) {
		this.phase = phase;
		this.after = after;
	}

	void total(String phase, long total) {
		this.phases.get(phase)[OF] = total;
	}

	void add(String phase, int read, int events, int skipped) {
		long[] counts = this.phases.get(phase);
		counts[READ] += read;
		counts[EVENTS] += events;
		counts[SKIPPED] += skipped;
	}

	long events() {
		return this.phases.values().stream().mapToLong((counts) -> counts[EVENTS]).sum();
	}

	/** Per phase {@code {read, of, events, skipped}}, for the status. */
	Map<String, Object> counts() {
		Map<String, Object> all = new LinkedHashMap<>();
		this.phases.forEach((name, counts) -> {
			Map<String, Object> part = new LinkedHashMap<>();
			part.put("read", counts[READ]);
			part.put("of", counts[OF]);
			part.put("events", counts[EVENTS]);
			part.put("skipped", counts[SKIPPED]);
			all.put(name, part);
		});
		return all;
	}

	/** For the log: "carts 3 read, 5 event(s), 1 skipped; customers ...". */
	String summary() {
		return this.phases.entrySet().stream().map((entry) -> entry.getKey() + " " + entry.getValue()[READ] + " read, "
				+ entry.getValue()[EVENTS] + " event(s), " + entry.getValue()[SKIPPED] + " skipped")
			.collect(java.util.stream.Collectors.joining("; "));
	}

	@Override
	public String toString() {
		StringBuilder line = new StringBuilder();
		if (this.phase != null) {
			line.append("phase=").append(this.phase).append(";after=").append(this.after).append(';');
		}
		this.phases.forEach((name, counts) -> line.append(name).append('=').append(counts[READ]).append(',')
			.append(counts[OF]).append(',').append(counts[EVENTS]).append(',').append(counts[SKIPPED]).append(';'));
		return line.toString();
	}

}
