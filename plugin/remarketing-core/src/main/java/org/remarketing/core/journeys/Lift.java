package org.remarketing.core.journeys;

import java.util.Locale;

/**
 * What a journey changes: the conversion rate of the messaged entrants against the holdout's, the
 * difference in percentage points and its 95 % confidence interval, and the conversions and revenue
 * that the messages are estimated to have added.
 * <p>
 * The interval is Newcombe's hybrid score interval (R. G. Newcombe, "Interval estimation for the
 * difference between independent proportions: comparison of eleven methods", Statistics in
 * Medicine 17, 1998, method 10): each rate gets its Wilson score interval, and the two are combined
 * as a square root of the sum of squares on each side. Unlike the textbook Wald interval
 * ({@code d ± 1.96·SE}) it stays within [-1, 1], is not degenerate at 0 % or 100 %, and keeps close
 * to its 95 % coverage with the small groups and low conversion rates a holdout has.
 * <p>
 * Without an entrant in either group there is nothing to compare: {@link #enoughData()} is then
 * false and the rates that cannot be computed are {@code NaN}.
 */
public final class Lift {

	/** The 97.5th percentile of the standard normal distribution: a two-sided 95 % interval. */
	static final double Z_95 = 1.959963984540054;

	private final long messaged;

	private final long messagedConversions;

	private final long holdout;

	private final long holdoutConversions;

	private final double messagedRate;

	private final double holdoutRate;

	private final double lower;

	private final double upper;

	private Lift(long messagedConversions, long messaged, long holdoutConversions, long holdout) {
		this.messaged = messaged;
		this.messagedConversions = messagedConversions;
		this.holdout = holdout;
		this.holdoutConversions = holdoutConversions;
		this.messagedRate = rate(messagedConversions, messaged);
		this.holdoutRate = rate(holdoutConversions, holdout);
		if (messaged > 0 && holdout > 0) {
			double[] m = wilson(messagedConversions, messaged, Z_95);
			double[] h = wilson(holdoutConversions, holdout, Z_95);
			double d = this.messagedRate - this.holdoutRate;
			this.lower = d - Math.sqrt(square(this.messagedRate - m[0]) + square(h[1] - this.holdoutRate));
			this.upper = d + Math.sqrt(square(m[1] - this.messagedRate) + square(this.holdoutRate - h[0]));
		}
		else {
			this.lower = Double.NaN;
			this.upper = Double.NaN;
		}
	}

	/**
	 * @param messagedConversions converted runs among those that were messaged
	 * @param messaged runs that were messaged (not held out)
	 * @param holdoutConversions converted runs among the holdout
	 * @param holdout runs held out
	 */
	public static Lift of(long messagedConversions, long messaged, long holdoutConversions, long holdout) {
		if (messaged < 0 || holdout < 0 || messagedConversions < 0 || holdoutConversions < 0
				|| messagedConversions > messaged || holdoutConversions > holdout) {
			throw new IllegalArgumentException("conversions must be between 0 and the entrants of their group");
		}
		return new Lift(messagedConversions, messaged, holdoutConversions, holdout);
	}

	/**
	 * The Wilson score interval of {@code x} successes out of {@code n}: the rates π for which
	 * {@code |x/n − π| ≤ z·√(π(1−π)/n)}.
	 * @return {lower, upper}
	 */
	static double[] wilson(long x, long n, double z) {
		if (n <= 0) {
			throw new IllegalArgumentException("n must be positive");
		}
		double p = (double) x / n;
		double z2 = z * z;
		double centre = 2 * n * p + z2;
		double spread = z * Math.sqrt(z2 + 4 * n * p * (1 - p));
		double denominator = 2 * (n + z2);
		// at 0 or n successes the closed side is exactly 0 or 1 (rounding would leave 1e-17)
		double low = (x == 0) ? 0 : (centre - spread) / denominator;
		double high = (x == n) ? 1 : (centre + spread) / denominator;
		return new double[] { low, high };
	}

	/** Whether both groups have entrants: without them there is no rate to compare. */
	public boolean enoughData() {
		return this.messaged > 0 && this.holdout > 0;
	}

	public long messaged() {
		return this.messaged;
	}

	public long messagedConversions() {
		return this.messagedConversions;
	}

	public long holdout() {
		return this.holdout;
	}

	public long holdoutConversions() {
		return this.holdoutConversions;
	}

	/** Conversion rate of the messaged entrants (0–1), NaN without any. */
	public double messagedRate() {
		return this.messagedRate;
	}

	/** Conversion rate of the holdout (0–1), NaN without any. */
	public double holdoutRate() {
		return this.holdoutRate;
	}

	/** Messaged rate minus holdout rate (−1 to 1), NaN without enough data. */
	public double difference() {
		return enoughData() ? this.messagedRate - this.holdoutRate : Double.NaN;
	}

	/** Lower end of the difference's 95 % confidence interval, NaN without enough data. */
	public double lower() {
		return this.lower;
	}

	/** Upper end of the difference's 95 % confidence interval, NaN without enough data. */
	public double upper() {
		return this.upper;
	}

	/** Whether the interval leaves out 0: the journey changed the rate, upward or downward. */
	public boolean significant() {
		return enoughData() && (this.lower > 0 || this.upper < 0);
	}

	/**
	 * Conversions the messages added: the difference times the messaged entrants (what they did,
	 * less what they would have done at the holdout's rate). NaN without enough data.
	 */
	public double incrementalConversions() {
		return difference() * this.messaged;
	}

	/**
	 * Revenue the messages added, from the revenue of each group: the messaged entrants' revenue
	 * less what they would have brought at the holdout's revenue per entrant. NaN without enough
	 * data.
	 */
	public double incrementalRevenue(double messagedRevenue, double holdoutRevenue) {
		if (!enoughData()) {
			return Double.NaN;
		}
		return messagedRevenue - holdoutRevenue / this.holdout * this.messaged;
	}

	private static double rate(long x, long n) {
		return (n > 0) ? (double) x / n : Double.NaN;
	}

	private static double square(double value) {
		return value * value;
	}

	@Override
	public String toString() {
		return enoughData() ? String.format(Locale.ROOT, "%.4f (95%% CI %.4f to %.4f)", difference(),
				this.lower, this.upper) : "not enough data";
	}

}
