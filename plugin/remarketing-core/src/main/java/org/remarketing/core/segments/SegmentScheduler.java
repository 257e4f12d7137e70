package org.remarketing.core.segments;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the engine's sweep every interval (a minute by default) and a full rebuild of every
 * segment every rebuild interval (a day), on one daemon thread. Two store nodes may both run it:
 * the engine's locks keep membership right, the second one only repeats work.
 */
public class SegmentScheduler {

	private static final Logger logger = LoggerFactory.getLogger(SegmentScheduler.class);

	private final SegmentEngine engine;

	private final Duration sweepInterval;

	private final Duration rebuildInterval;

	private ScheduledExecutorService executor;

	public SegmentScheduler(SegmentEngine engine, Duration sweepInterval, Duration rebuildInterval) {
		this.engine = engine;
		this.sweepInterval = sweepInterval;
		this.rebuildInterval = rebuildInterval;
	}

	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "remarketing-segments");
			thread.setDaemon(true);
			return thread;
		});
		this.executor.scheduleWithFixedDelay(this::sweep, 0, this.sweepInterval.toMillis(), TimeUnit.MILLISECONDS);
		this.executor.scheduleWithFixedDelay(this::rebuild, this.rebuildInterval.toMillis(),
				this.rebuildInterval.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Rebuilds one segment on the scheduler's thread, after the sweep in progress (if any). */
	public synchronized void rebuildSoon(long segmentId) {
		if (this.executor == null) {
			throw new IllegalStateException("Segments are not running yet");
		}
		this.executor.execute(() -> {
			try {
				this.engine.rebuild(segmentId);
			}
			catch (RuntimeException ex) {
				logger.warn("Remarketing could not rebuild segment {}: {}", segmentId, ex.toString());
			}
		});
	}

	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	private void sweep() {
		try {
			this.engine.sweep();
		}
		catch (RuntimeException ex) {
			logger.warn("Remarketing segment sweep failed: {}", ex.toString());
		}
	}

	private void rebuild() {
		try {
			this.engine.rebuildAll();
		}
		catch (RuntimeException ex) {
			logger.warn("Remarketing segment rebuild failed: {}", ex.toString());
		}
	}

}
