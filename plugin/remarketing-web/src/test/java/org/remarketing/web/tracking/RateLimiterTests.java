package org.remarketing.web.tracking;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTests {

	private final AtomicLong nanos = new AtomicLong();

	@Test
	void refillsContinuously() {
		RateLimiter limiter = new RateLimiter(60, 10, this.nanos::get);
		assertThat(limiter.tryAcquire("a", 60)).isZero();
		assertThat(limiter.tryAcquire("a", 1)).isEqualTo(1);
		this.nanos.addAndGet(1_000_000_000L);
		assertThat(limiter.tryAcquire("a", 1)).isZero();
	}

	@Test
	void memoryStaysBoundedAndIdleKeysAreForgotten() {
		RateLimiter limiter = new RateLimiter(60, 100, this.nanos::get);
		for (int i = 0; i < 1000; i++) {
			limiter.tryAcquire("ip:" + i, 1);
		}
		assertThat(limiter.trackedKeys()).isLessThanOrEqualTo(100);
		this.nanos.addAndGet(120_000_000_000L);
		limiter.tryAcquire("ip:new", 1);
		assertThat(limiter.trackedKeys()).isEqualTo(1);
	}

	@Test
	void batchesLargerThanTheAllowanceCanStillPassWhenTheBucketIsFull() {
		RateLimiter limiter = new RateLimiter(10, 10, this.nanos::get);
		assertThat(limiter.tryAcquire("a", 50)).isZero();
		assertThat(limiter.tryAcquire("a", 1)).isPositive();
	}

}
