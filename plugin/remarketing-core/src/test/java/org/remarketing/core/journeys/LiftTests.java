package org.remarketing.core.journeys;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The lift's statistics against published values: Newcombe's worked examples for the Wilson
 * interval of one proportion (Statistics in Medicine 17, 1998, pp. 857–872, method 3) and for the
 * hybrid score interval of a difference (same volume, pp. 873–890, table II, method 10), which
 * the papers give to four decimals.
 */
class LiftTests {

	private static final Offset<Double> FOUR_DECIMALS = Offset.offset(0.00005);

	@Test
	void wilsonIntervalsMatchNewcombesSingleProportionExamples() {
		assertInterval(Lift.wilson(81, 263, Lift.Z_95), 0.2553, 0.3662);
		assertInterval(Lift.wilson(15, 148, Lift.Z_95), 0.0624, 0.1605);
		assertInterval(Lift.wilson(0, 20, Lift.Z_95), 0.0, 0.1611);
		assertInterval(Lift.wilson(1, 29, Lift.Z_95), 0.0061, 0.1718);
	}

	@Test
	void differenceAndIntervalMatchNewcombesTwoProportionExamples() {
		assertLift(Lift.of(56, 70, 48, 80), 0.2000, 0.0524, 0.3339);
		assertLift(Lift.of(9, 10, 3, 10), 0.6000, 0.1705, 0.8090);
		assertLift(Lift.of(6, 7, 2, 7), 0.5714, 0.0582, 0.8062);
		// no conversion at all in one group: the interval still reaches below zero, unlike Wald's
		assertLift(Lift.of(5, 56, 0, 29), 0.0893, -0.0381, 0.1926);
		assertLift(Lift.of(0, 10, 0, 10), 0.0, -0.2775, 0.2775);
		assertLift(Lift.of(10, 10, 0, 10), 1.0, 0.6075, 1.0);
	}

	@Test
	void aClearEffectIsSignificantAndNoEffectIsNot() {
		assertThat(Lift.of(56, 70, 48, 80).significant()).isTrue();
		assertThat(Lift.of(5, 56, 0, 29).significant()).isFalse();
		// fewer conversions when messaged: significant too, the other way
		Lift worse = Lift.of(48, 80, 56, 70);
		assertThat(worse.difference()).isCloseTo(-0.2, FOUR_DECIMALS);
		assertThat(worse.upper()).isCloseTo(-0.0524, FOUR_DECIMALS);
		assertThat(worse.significant()).isTrue();
	}

	@Test
	void aTypicalJourneyWithASmallHoldoutHasAWideInterval() {
		// 200 messaged with 30 orders, 25 held out with 2: +7 points, but the holdout is too small to be sure
		Lift lift = Lift.of(30, 200, 2, 25);
		assertThat(lift.messagedRate()).isEqualTo(0.15);
		assertThat(lift.holdoutRate()).isEqualTo(0.08);
		assertThat(lift.difference()).isCloseTo(0.07, FOUR_DECIMALS);
		assertThat(lift.lower()).isCloseTo(-0.1050, FOUR_DECIMALS);
		assertThat(lift.upper()).isCloseTo(0.1505, FOUR_DECIMALS);
		assertThat(lift.significant()).isFalse();
		assertThat(lift.incrementalConversions()).isCloseTo(14.0, FOUR_DECIMALS);
		// 30 orders worth 1500 against 2 worth 100 among 25: 1500 − 100/25·200 = 700
		assertThat(lift.incrementalRevenue(1500, 100)).isCloseTo(700.0, FOUR_DECIMALS);
	}

	@Test
	void anEmptyGroupIsNotEnoughData() {
		Lift noHoldout = Lift.of(3, 40, 0, 0);
		assertThat(noHoldout.enoughData()).isFalse();
		assertThat(noHoldout.messagedRate()).isEqualTo(0.075);
		assertThat(noHoldout.holdoutRate()).isNaN();
		assertThat(noHoldout.difference()).isNaN();
		assertThat(noHoldout.lower()).isNaN();
		assertThat(noHoldout.upper()).isNaN();
		assertThat(noHoldout.significant()).isFalse();
		assertThat(noHoldout.incrementalConversions()).isNaN();
		assertThat(noHoldout.incrementalRevenue(10, 0)).isNaN();
		assertThat(noHoldout).hasToString("not enough data");
		assertThat(Lift.of(0, 0, 1, 5).enoughData()).isFalse();
		assertThat(Lift.of(0, 0, 0, 0).enoughData()).isFalse();
	}

	@Test
	void impossibleCountsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Lift.of(5, 4, 0, 10));
		assertThatIllegalArgumentException().isThrownBy(() -> Lift.of(-1, 4, 0, 10));
		assertThatIllegalArgumentException().isThrownBy(() -> Lift.of(0, 4, 11, 10));
		assertThatIllegalArgumentException().isThrownBy(() -> Lift.wilson(0, 0, Lift.Z_95));
	}

	private static void assertInterval(double[] interval, double lower, double upper) {
		assertThat(interval[0]).isCloseTo(lower, FOUR_DECIMALS);
		assertThat(interval[1]).isCloseTo(upper, FOUR_DECIMALS);
	}

	private static void assertLift(Lift lift, double difference, double lower, double upper) {
		assertThat(lift.enoughData()).isTrue();
		assertThat(lift.difference()).isCloseTo(difference, FOUR_DECIMALS);
		assertThat(lift.lower()).isCloseTo(lower, FOUR_DECIMALS);
		assertThat(lift.upper()).isCloseTo(upper, FOUR_DECIMALS);
	}

}
