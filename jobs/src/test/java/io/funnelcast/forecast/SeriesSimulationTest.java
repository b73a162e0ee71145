package io.funnelcast.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesSimulationTest {
  static final LocalDate ORIGIN = LocalDate.of(2026, 11, 8); // a Sunday
  static final ForecastCalendar CALENDAR = ForecastCalendar.of(ORIGIN, ZoneOffset.UTC, DayOfWeek.MONDAY, 4, 1);
  static final SeriesKey ALL = new SeriesKey("free", "paid", "all", "all");
  static final SeriesSimulation.Settings SETTINGS = new SeriesSimulation.Settings(2_000, 1, 100, 30);

  /** A 10-day window: of 10,000 past attempts, 4,000 converted on day 2 of age, the rest never. */
  static CurveCounts halfOnDayTwo() {
    CurveCounts counts = CurveCounts.empty(10);
    counts.converted()[2] = 4_000;
    counts.censored()[10] = 6_000;
    return counts;
  }

  static SeriesSimulation.Value value(SeriesSimulation.Forecast forecast, String grain, int horizon, String component,
      String measure) {
    return forecast.values().stream()
        .filter(v -> v.period().grain().equals(grain) && v.period().horizon() == horizon
            && v.component().equals(component) && v.measure().equals(measure))
        .findFirst().orElseThrow();
  }

  static InflowModel noInflow() {
    return InflowModel.fit(ORIGIN, new double[0], 182, 28);
  }

  @Test
  void usersInFlightConvertOnlyWithinTheirWindowAndAShareNever() {
    long[] inFlight = new long[10];
    inFlight[1] = 1_000; // a day old: converts on day 2 of age with 40%, tomorrow
    inFlight[5] = 1_000; // past day 2: nothing left to convert in the window
    CurveCounts counts = halfOnDayTwo();
    SeriesSimulation.Forecast forecast = SeriesSimulation.run(new SeriesSimulation.Input(ALL, counts, counts, inFlight,
        noInflow(), RevenuePerConversion.none()), CALENDAR, SETTINGS, ORIGIN.toEpochDay());
    SeriesSimulation.Value week = value(forecast, "week", 1, "in_flight", "conversions");
    // 1,000 Bernoulli(0.4) draws plus the curve's own (small) uncertainty.
    assertThat(week.p50()).isCloseTo(400, within(5.0));
    assertThat(week.p10()).isCloseTo(400 - 1.2816 * Math.sqrt(240), within(6.0));
    assertThat(value(forecast, "week", 2, "in_flight", "conversions").p90()).isZero();
    assertThat(value(forecast, "weeks_total", 4, "total", "conversions").p50()).isCloseTo(400, within(5.0));
    assertThat(forecast.inFlightUsers()).isEqualTo(2_000);
    assertThat(forecast.curveBasis()).isEqualTo(SeriesSimulation.CURVE_ALL);
    assertThat(forecast.convertedWithinWindow()).isCloseTo(0.4, within(1e-12));
    assertThat(forecast.inflowBasis()).isEqualTo("no_entries");
  }

  @Test
  void newEntrantsConvertThroughTheEntryCurve() {
    // 100 entries a day, every day, for 100 days: 40 of each day's convert two days after entering.
    double[] history = new double[100];
    java.util.Arrays.fill(history, 100);
    InflowModel inflow = InflowModel.fit(ORIGIN.minusDays(99), history, 182, 28);
    CurveCounts counts = halfOnDayTwo();
    SeriesSimulation.Forecast forecast = SeriesSimulation.run(new SeriesSimulation.Input(ALL, counts, counts,
        new long[10], inflow, RevenuePerConversion.fixed("EUR", 49)), CALENDAR, SETTINGS, ORIGIN.toEpochDay());
    // Week 1: entrants of Monday..Thursday convert in it (day 2 of age is 2-3 days later): about 4.5 days' worth.
    SeriesSimulation.Value first = value(forecast, "week", 1, "new_entrants", "conversions");
    assertThat(first.p50()).isCloseTo(40 * 4.5, within(12.0));
    SeriesSimulation.Value second = value(forecast, "week", 2, "new_entrants", "conversions");
    assertThat(second.p50()).isCloseTo(280, within(15.0));
    assertThat(second.expectedEntrants()).isCloseTo(700, within(15.0));
    SeriesSimulation.Value revenue = value(forecast, "week", 2, "new_entrants", "revenue");
    assertThat(revenue.currency()).isEqualTo("EUR");
    assertThat(revenue.p50()).isEqualTo(49 * second.p50());
    assertThat(forecast.inflowBasis()).isEqualTo("trend_weekday");
  }

  @Test
  void noConversionsEverGiveZerosNotErrors() {
    CurveCounts counts = CurveCounts.empty(90);
    counts.censored()[3] = 50;
    long[] inFlight = new long[90];
    inFlight[3] = 50;
    double[] history = {0, 0, 5, 10, 20, 15};
    SeriesSimulation.Forecast forecast = SeriesSimulation.run(new SeriesSimulation.Input(ALL, counts, counts, inFlight,
        InflowModel.fit(ORIGIN.minusDays(5), history, 182, 28), RevenuePerConversion.fixed("USD", 10)), CALENDAR,
        SETTINGS, ORIGIN.toEpochDay());
    assertThat(forecast.curveBasis()).isEqualTo(SeriesSimulation.CURVE_NO_CONVERSIONS);
    assertThat(forecast.values()).isNotEmpty().allSatisfy(v -> {
      assertThat(v.p10()).isZero();
      assertThat(v.p90()).isZero();
      assertThat(v.mean()).isZero();
    });
  }

  @Test
  void everyFigureIsFiniteNonNegativeAndOrdered() {
    CurveCounts own = CurveCounts.empty(30);
    own.converted()[0] = 3;
    own.converted()[1] = 1;
    own.censored()[2] = 7;
    CurveCounts all = halfOnDayTwoWindow(30);
    long[] inFlight = new long[30];
    inFlight[2] = 7;
    SeriesKey small = new SeriesKey("free", "paid", "country", "IS");
    SeriesSimulation.Forecast forecast = SeriesSimulation.run(new SeriesSimulation.Input(small, own, all, inFlight,
        InflowModel.fit(ORIGIN.minusDays(2), new double[] {1, 0, 2}, 182, 28),
        RevenuePerConversion.observed(4, List.of("EUR", "USD"), new double[] {30, 10}, new double[] {500, 100})),
        CALENDAR, SETTINGS, ORIGIN.toEpochDay());
    assertThat(forecast.curveBasis()).isEqualTo(SeriesSimulation.CURVE_BACKED_OFF);
    // Its own few attempts stop at day 2, but the 'all' attempts it is pooled with were seen to the window's end.
    assertThat(forecast.curveObservedDays()).isEqualTo(30);
    assertThat(forecast.values()).allSatisfy(v -> {
      assertThat(v.p10()).isFinite().isNotNegative().isLessThanOrEqualTo(v.p50());
      assertThat(v.p50()).isLessThanOrEqualTo(v.p90());
      assertThat(v.mean()).isFinite().isNotNegative();
    });
    assertThat(forecast.values().stream().filter(v -> v.measure().equals("revenue")).map(v -> v.currency()).distinct())
        .containsExactly("EUR", "USD");
  }

  static CurveCounts halfOnDayTwoWindow(double window) {
    CurveCounts counts = CurveCounts.empty(window);
    counts.converted()[2] = 4_000;
    counts.censored()[counts.bins()] = 6_000;
    return counts;
  }

  @Test
  void theSameSeedGivesTheSameForecastAndAnotherSeedAnother() {
    long[] inFlight = new long[10];
    inFlight[1] = 1_000;
    CurveCounts counts = halfOnDayTwo();
    SeriesSimulation.Input input = new SeriesSimulation.Input(ALL, counts, counts, inFlight, noInflow(),
        RevenuePerConversion.none());
    assertThat(SeriesSimulation.run(input, CALENDAR, SETTINGS, ORIGIN.toEpochDay()))
        .isEqualTo(SeriesSimulation.run(input, CALENDAR, SETTINGS, ORIGIN.toEpochDay()));
    SeriesSimulation.Settings other = new SeriesSimulation.Settings(2_000, 2, 100, 30);
    assertThat(value(SeriesSimulation.run(input, CALENDAR, other, ORIGIN.toEpochDay()), "week", 1, "in_flight",
        "conversions").p10()).isNotEqualTo(value(SeriesSimulation.run(input, CALENDAR, SETTINGS,
        ORIGIN.toEpochDay()), "week", 1, "in_flight", "conversions").p10());
  }
}
