package io.funnelcast.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class InflowModelTest {
  static final LocalDate START = LocalDate.of(2026, 1, 5);
  static final double[] WEEKDAY = {1.2, 1.1, 1.0, 1.0, 0.9, 0.5, 0.4};

  /** Expected entries on day d: 100 a day at the start, growing 30% a year, times the weekday weight. */
  static double planted(int d) {
    return 100 * Math.exp(0.3 * d / 365.25) * WEEKDAY[START.plusDays(d).getDayOfWeek().getValue() - 1];
  }

  static double[] series(int days, Draws draws) {
    double[] counts = new double[days];
    for (int d = 0; d < days; d++) {
      counts[d] = draws.poisson(planted(d));
    }
    return counts;
  }

  @Test
  void aLongHistoryGivesTrendAndWeekdays() {
    double[] counts = series(182, new Draws(1));
    InflowModel model = InflowModel.fit(START, counts, 182, 28);
    assertThat(model.basis()).isEqualTo(InflowModel.Basis.TREND_WEEKDAY);
    double[] theta = model.coefficients();
    assertThat(theta[1]).as("trend per year").isCloseTo(0.3, within(0.12));
    // Saturday against Monday.
    assertThat(Math.exp(theta[2 + DayOfWeek.SATURDAY.getValue() - 2])).isCloseTo(0.5 / 1.2, within(0.03));
    LocalDate last = START.plusDays(181);
    double next = model.mean(last.plusDays(1), theta);
    assertThat(next).isCloseTo(planted(182), within(0.04 * planted(182)));
    double far = model.mean(last.plusDays(91), theta);
    assertThat(far).isCloseTo(planted(272), within(0.12 * planted(272)));
    // Damped: from week 1 to week 13 (both Sundays, as the last day is) the trend adds its yearly rate over the
    // damped days 8..91, each counting 0.98 a week less than the one before.
    double phi = Math.pow(0.98, 1 / 7.0);
    double dampedDays = 0;
    for (int i = 8; i <= 91; i++) {
      dampedDays += Math.pow(phi, i);
    }
    assertThat(far / model.mean(last.plusDays(7), theta)).isCloseTo(Math.exp(theta[1] * dampedDays / 365.25),
        within(1e-9));
    assertThat(dampedDays).isLessThan(84);
    assertThat(model.dispersion()).isCloseTo(1, within(0.25));
  }

  @Test
  void shortHistoriesFallBack() {
    assertThat(InflowModel.fit(START, series(30, new Draws(2)), 182, 28).basis())
        .isEqualTo(InflowModel.Basis.WEEKDAY);
    InflowModel trailing = InflowModel.fit(START, series(5, new Draws(3)), 182, 28);
    assertThat(trailing.basis()).isEqualTo(InflowModel.Basis.TRAILING_MEAN);
    assertThat(trailing.mean(START.plusDays(10), trailing.coefficients())).isBetween(60.0, 140.0);
    // Leading empty days are before the series began: they do not count as history.
    double[] late = new double[100];
    System.arraycopy(series(10, new Draws(4)), 0, late, 90, 10);
    assertThat(InflowModel.fit(START, late, 182, 28).basis()).isEqualTo(InflowModel.Basis.TRAILING_MEAN);
  }

  @Test
  void noEntriesForecastNone() {
    InflowModel none = InflowModel.fit(START, new double[40], 182, 28);
    assertThat(none.basis()).isEqualTo(InflowModel.Basis.NO_ENTRIES);
    assertThat(none.mean(START.plusDays(50), none.coefficients())).isZero();
    assertThat(InflowModel.fit(START, new double[0], 182, 28).basis()).isEqualTo(InflowModel.Basis.NO_ENTRIES);
    Draws draws = new Draws(5);
    assertThat(none.arrivals(0, draws)).isZero();
  }

  @Test
  void theLevelFollowsRecentWeeksAfterAStep() {
    // 20 a day for 120 days, then 60 a day: the level must be near 60 soon after, not the long mean.
    double[] counts = new double[168];
    Draws draws = new Draws(6);
    for (int d = 0; d < counts.length; d++) {
      counts[d] = draws.poisson(d < 120 ? 20 : 60);
    }
    InflowModel model = InflowModel.fit(START, counts, 182, 28);
    assertThat(model.mean(START.plusDays(168), model.coefficients())).isBetween(45.0, 75.0);
  }

  @Test
  void aStartUpRampIsNotReadAsGrowth() {
    // A later stage filling up over its first two months, then steady at 200 a day.
    double[] counts = new double[182];
    Draws draws = new Draws(8);
    for (int d = 0; d < counts.length; d++) {
      counts[d] = draws.poisson(d < 60 ? 10 + 190.0 * d / 60 : 200);
    }
    InflowModel model = InflowModel.fit(START, counts, 182, 28);
    double[] theta = model.coefficients();
    assertThat(theta[1]).as("trend per year").isBetween(-0.3, 0.3);
    double mean = 0;
    for (int d = 1; d <= 91; d++) {
      mean += model.mean(START.plusDays(181 + d), theta) / 91;
    }
    assertThat(mean).isCloseTo(200, within(12.0));
  }

  @Test
  void aFewEntriesADayHaveNoTrendToSpeakOf() {
    double[] counts = new double[182];
    Draws draws = new Draws(9);
    for (int d = 0; d < counts.length; d++) {
      counts[d] = draws.poisson(3);
    }
    double trend = InflowModel.fit(START, counts, 182, 28).coefficients()[1];
    // The slope of 182 days of 3 a day is known to about ±0.5 a year; the prior halves what noise it shows.
    assertThat(trend).isBetween(-0.25, 0.25);
  }

  @Test
  void theLevelsWeeklyDriftIsReadOffTheHistory() {
    // 26 weeks at a steady level: noise only, no drift.
    assertThat(InflowModel.fit(START, series(182, new Draws(10)), 182, 28).levelDrift()).isLessThan(0.02);
    // A level that walks 10% a week (log scale) under the Poisson noise of about 1,000 entries a week.
    Draws draws = new Draws(11);
    double[] counts = new double[182];
    double level = Math.log(150);
    for (int d = 0; d < counts.length; d++) {
      if (d % 7 == 0) {
        level += 0.1 * draws.normal();
      }
      counts[d] = draws.poisson(Math.exp(level));
    }
    // Read a little low (the estimate is less its own sampling error), but read.
    assertThat(InflowModel.fit(START, counts, 182, 28).levelDrift()).isBetween(0.04, 0.15);
    // Under 8 weeks it cannot be told from noise: the default.
    assertThat(InflowModel.fit(START, series(40, new Draws(12)), 182, 28).levelDrift())
        .isEqualTo(InflowModel.DEFAULT_LEVEL_DRIFT);
  }

  @Test
  void arrivalsVaryAsTheHistoryDid() {
    Draws draws = new Draws(7);
    // Counts that vary twice as much as Poisson's.
    double[] counts = new double[140];
    for (int d = 0; d < counts.length; d++) {
      counts[d] = draws.poisson(50 * draws.gamma(50) / 50);
    }
    InflowModel over = InflowModel.fit(START, counts, 182, 28);
    assertThat(over.dispersion()).isBetween(1.5, 2.8);
    double[] values = new double[20_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = over.arrivals(50, draws);
    }
    double[] m = DrawsTest.moments(values);
    assertThat(m[0]).isCloseTo(50, within(0.5));
    assertThat(m[1] / 50).isCloseTo(over.dispersion(), within(0.15));
    // Counts that hardly vary (a planted schedule): binomial draws, much narrower than Poisson.
    double[] flat = new double[140];
    java.util.Arrays.fill(flat, 50);
    InflowModel under = InflowModel.fit(START, flat, 182, 28);
    assertThat(under.dispersion()).isEqualTo(InflowModel.MIN_DISPERSION);
    for (int i = 0; i < values.length; i++) {
      values[i] = under.arrivals(50, draws);
    }
    assertThat(DrawsTest.moments(values)[1]).isCloseTo(5, within(1.0));
  }
}
