package io.funnelcast.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConversionCurveTest {

  /** Counts for a 3-day window: arrays are days 0, 1, 2 and the window's end. */
  static CurveCounts counts(double[] converted, double[] ended, double[] censored) {
    return new CurveCounts(3, converted, ended, censored);
  }

  @Test
  void theLifeTableByHand() {
    // 100 attempts: day 0: 20 convert, 10 censored (in flight); day 1: 14 convert, 6 end by a next attempt;
    // day 2: 5 convert; 45 reach the window's end.
    CurveCounts c = counts(new double[] {20, 14, 5, 0}, new double[] {0, 6, 0, 0}, new double[] {10, 0, 0, 45});
    ConversionCurve curve = ConversionCurve.estimate(c, null);
    // Day 0: exposure 100 - 10/2 = 95; day 1: 70; day 2: 50.
    double h0 = 20 / 95.0;
    double open1 = 1 - h0;
    double converted1 = h0;
    double converted2 = converted1 + open1 * 14 / 70.0;
    double open2 = open1 * (1 - 20 / 70.0);
    double converted3 = converted2 + open2 * 5 / 50.0;
    assertThat(curve.converted(1)).isCloseTo(converted1, within(1e-12));
    assertThat(curve.converted(2)).isCloseTo(converted2, within(1e-12));
    assertThat(curve.converted(3)).isCloseTo(converted3, within(1e-12));
    assertThat(curve.convertedWithinWindow()).isCloseTo(converted3, within(1e-12));
    assertThat(curve.open(2)).isCloseTo(open2, within(1e-12));
    assertThat(curve.converted(40)).as("nothing after the window").isEqualTo(curve.converted(3));
    assertThat(curve.observedDays()).isEqualTo(3);
    assertThat(curve.tail()).isNull();
    // Within a day the hazard is constant: half a day converts 1 - (1 - h)^0.5 of those open.
    assertThat(curve.converted(0.5)).isCloseTo(1 - Math.sqrt(1 - h0), within(1e-12));
    // In flight at age 1: converting on day 2 given still open at 1.
    assertThat(curve.conditional(1, 1, 2)).isCloseTo(14 / 70.0, within(1e-12));
  }

  @Test
  void attemptsEndedByANextAttemptAreNotPossibleConverters() {
    double[] converted = {10, 10, 0, 0};
    CurveCounts competing = counts(converted, new double[] {0, 30, 0, 0}, new double[] {0, 0, 0, 50});
    CurveCounts asCensored = counts(converted, new double[4], new double[] {0, 30, 0, 50});
    // Censoring the 30 as if they could still convert would raise the curve.
    assertThat(ConversionCurve.estimate(competing, null).convertedWithinWindow()).isCloseTo(0.2, within(1e-12));
    assertThat(ConversionCurve.estimate(asCensored, null).convertedWithinWindow()).isCloseTo(0.1 + 0.9 * 10 / 75.0,
        within(1e-12));
  }

  @Test
  void noConversionsMeansNoneForecast() {
    ConversionCurve curve = ConversionCurve.estimate(counts(new double[4], new double[4], new double[] {5, 0, 0, 20}),
        null);
    assertThat(curve.convertedWithinWindow()).isZero();
    assertThat(curve.conditional(0.5, 0.5, 3)).isZero();
    ConversionCurve empty = ConversionCurve.estimate(CurveCounts.empty(90), null);
    assertThat(empty.convertedWithinWindow()).isZero();
    assertThat(empty.open(10)).isEqualTo(1);
  }

  @Test
  void aShortHistoryGetsACureModelTailThatNeverReaches100Percent() {
    // 4,000 attempts with a planted law: 60% ever convert, Weibull(scale 10 days, shape 1.3) within a 90-day window;
    // entered uniformly over the last 21 days, so no attempt is seen beyond 21 days of age.
    SplittableRandom random = new SplittableRandom(5);
    CurveCounts counts = CurveCounts.empty(90);
    for (int i = 0; i < 4_000; i++) {
      double observedFor = random.nextDouble() * 21;
      boolean converts = random.nextDouble() < 0.6;
      double at = 10 * Math.pow(-Math.log(1 - random.nextDouble()), 1 / 1.3);
      if (converts && at <= observedFor && at <= 90) {
        counts.converted()[(int) at]++;
      } else {
        counts.censored()[(int) observedFor]++;
      }
    }
    ConversionCurve curve = ConversionCurve.estimate(counts, null);
    assertThat(curve.observedDays()).isBetween(15.0, 21.0);
    assertThat(curve.tail()).isNotNull();
    double planted = 0.6 * (1 - Math.exp(-Math.pow(90 / 10.0, 1.3)));
    assertThat(curve.convertedWithinWindow()).isCloseTo(planted, within(0.06)).isLessThan(0.9);
    assertThat(curve.tail().ceiling()).isCloseTo(0.6, within(0.08));
    double plantedAt30 = 0.6 * (1 - Math.exp(-Math.pow(3, 1.3)));
    assertThat(curve.converted(30)).isCloseTo(plantedAt30, within(0.05));
  }

  @Test
  void aFractionalWindowEndsInsideItsLastDay() {
    CurveCounts c = new CurveCounts(1.5, new double[] {10, 5, 0}, new double[3], new double[] {0, 0, 85});
    ConversionCurve curve = ConversionCurve.estimate(c, null);
    assertThat(curve.converted(1.5)).isCloseTo(0.15, within(1e-12));
    assertThat(curve.converted(7)).isCloseTo(0.15, within(1e-12));
    assertThat(curve.converted(1.25)).isBetween(0.10, 0.15);
  }

  @Test
  void countsAreBinnedByAgeWithTheWindowsEndLast() {
    CurveCounts c = CurveCounts.empty(90);
    assertThat(c.bins()).isEqualTo(90);
    assertThat(c.bin(0, false)).isZero();
    assertThat(c.bin(90, false)).as("a conversion at the window's very end").isEqualTo(89);
    assertThat(c.bin(90, true)).isEqualTo(90);
    assertThat(CurveCounts.bins(1.5)).isEqualTo(2);
  }
}
