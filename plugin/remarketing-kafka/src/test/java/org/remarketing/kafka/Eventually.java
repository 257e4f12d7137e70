package org.remarketing.kafka;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for a condition reached by background threads (relay, consumers). */
final class Eventually {

	private final Duration patience;

	private Eventually(Duration patience) {
		this.patience = patience;
	}

	static Eventually await() {
		return new Eventually(Duration.ofSeconds(10));
	}

	Eventually atMost(Duration patience) {
		return new Eventually(patience);
	}

	void until(Callable<Boolean> condition) {
		long end = System.nanoTime() + this.patience.toNanos();
		try {
			while (!Boolean.TRUE.equals(condition.call())) {
				if (System.nanoTime() > end) {
					throw new AssertionError("Condition not reached within " + this.patience);
				}
				Thread.sleep(25);
			}
		}
		catch (AssertionError | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
