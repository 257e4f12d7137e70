package org.remarketing.web.tracking;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Token buckets per key (a visitor id, an IP), in memory, one node's view. A bucket holds up to a
 * minute's allowance and refills continuously. Memory is bounded: a bucket that has refilled is
 * the same as no bucket, so those are swept once the map reaches its size limit; past the limit
 * new keys are let through untracked rather than shutting everyone out.
 *
 * <p>Hand-made on purpose: a few dozen lines, where a library (bucket4j) would still need a
 * bounded map of its own, and Caffeine on a host's classpath changes which cache manager Spring
 * Boot picks for the host.
 */
final class RateLimiter {

	private static final long NANOS_PER_MINUTE = 60_000_000_000L;

	private static final long SWEEP_EVERY_NANOS = 1_000_000_000L;

	private final int perMinute;

	private final int maxKeys;

	private final LongSupplier nanoTime;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE);

	RateLimiter(int perMinute, int maxKeys, LongSupplier nanoTime) {
		this.perMinute = perMinute;
		this.maxKeys = maxKeys;
		this.nanoTime = nanoTime;
	}

	/**
	 * Takes {@code count} tokens from the key's bucket. Returns 0 when they were there, otherwise
	 * the seconds until they will be (nothing is taken then).
	 */
	long tryAcquire(String key, int count) {
		long now = this.nanoTime.getAsLong();
		Bucket bucket = this.buckets.get(key);
		if (bucket == null) {
			if (this.buckets.size() >= this.maxKeys && !sweep(now)) {
				return 0;
			}
			bucket = this.buckets.computeIfAbsent(key, (k) -> new Bucket(this.perMinute, now));
		}
		return bucket.tryAcquire(Math.min(count, this.perMinute), now, this.perMinute);
	}

	/** Gives back tokens taken by a request that another limit then refused. */
	void release(String key, int count) {
		Bucket bucket = this.buckets.get(key);
		if (bucket != null) {
			bucket.release(Math.min(count, this.perMinute), this.perMinute);
		}
	}

	int trackedKeys() {
		return this.buckets.size();
	}

	/** Drops full buckets; true when there is room again. */
	private boolean sweep(long now) {
		long last = this.lastSweep.get();
		if (last != Long.MIN_VALUE && now - last < SWEEP_EVERY_NANOS) {
			return this.buckets.size() < this.maxKeys;
		}
		if (this.lastSweep.compareAndSet(last, now)) {
			for (Iterator<Bucket> it = this.buckets.values().iterator(); it.hasNext();) {
				if (it.next().isFull(now, this.perMinute)) {
					it.remove();
				}
			}
		}
		return this.buckets.size() < this.maxKeys;
	}

	private static final class Bucket {

		private double tokens;

		private long updated;

		Bucket(int capacity, long now) {
			this.tokens = capacity;
			this.updated = now;
		}

		synchronized long tryAcquire(int count, long now, int capacity) {
			refill(now, capacity);
			if (this.tokens >= count) {
				this.tokens -= count;
				return 0;
			}
			double missing = count - this.tokens;
			double seconds = missing * 60.0 / capacity;
			return Math.max(1, (long) Math.ceil(seconds));
		}

		synchronized void release(int count, int capacity) {
			this.tokens = Math.min(capacity, this.tokens + count);
		}

		synchronized boolean isFull(long now, int capacity) {
			refill(now, capacity);
			return this.tokens >= capacity;
		}

		private void refill(long now, int capacity) {
			long elapsed = now - this.updated;
			if (elapsed > 0) {
				this.tokens = Math.min(capacity, this.tokens + (double) elapsed * capacity / NANOS_PER_MINUTE);
				this.updated = now;
			}
		}

	}

}
