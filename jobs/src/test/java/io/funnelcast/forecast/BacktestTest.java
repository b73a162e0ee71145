package io.funnelcast.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.funnelcast.tables.ForecastAccuracyTable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacktestTest {
  static final LocalDate START = LocalDate.of(2026, 1, 5); // a Monday

  /** Conversions: 10 a day in the first four weeks, then 20 a day. */
  static DailyCounts daily(int days) {
    long[] entered = new long[days];
    long[] converted = new long[days];
    for (int d = 0; d < days; d++) {
      entered[d] = 50;
      converted[d] = d < 28 ? 10 : 20;
    }
    return new DailyCounts(START, entered, converted);
  }

  @Test
  void historyIsTheCompleteWeeksBeforeTheCurrentOne() {
    Backtest.History weeks = Backtest.history(daily(60), START, START.plusWeeks(6), true);
    assertThat(weeks.starts()).hasSize(6).first().isEqualTo(START);
    assertThat(weeks.values()).containsExactly(70L, 70L, 70L, 70L, 140L, 140L);
    assertThat(weeks.trailingMean(4)).isEqualTo(105);
    assertThat(weeks.last()).isEqualTo(140);
    assertThat(weeks.scale(1)).isCloseTo(70 / 5.0, within(1e-12));
    assertThat(weeks.valueAt(START.plusWeeks(4))).isEqualTo(140);
    assertThat(weeks.valueAt(START.minusWeeks(1))).isNull();
    // A series without entries has no history, and no scale.
    assertThat(Backtest.history(DailyCounts.EMPTY, null, START, true).values()).isEmpty();
    assertThat(new Backtest.History(List.of(START), List.of(5L)).scale(1)).isNull();
  }

  @Test
  void horizonsAreBandedForTheSummary() {
    ForecastCalendar calendar = ForecastCalendar.of(START.plusDays(6), ZoneOffset.UTC, DayOfWeek.MONDAY, 13, 3);
    List<String> bands = calendar.periods().stream().filter(p -> p.horizon() > 0 && !p.grain().endsWith("_total"))
        .map(p -> p.grain() + " " + Backtest.band(p, 13)).distinct().toList();
    assertThat(bands).containsExactly("week 1-4", "week 5-8", "week 9-13", "month 1", "month 2", "month 3");
  }

  @Test
  void eachPeriodGetsTheModelAndBothBaselinesScoredAgainstWhatHappened() {
    LocalDate origin = START.plusDays(41); // Sunday of week 6
    ForecastCalendar calendar = ForecastCalendar.of(origin, ZoneOffset.UTC, DayOfWeek.MONDAY, 2, 1);
    SeriesKey key = new SeriesKey("free", "paid", "all", "all");
    DailyCounts daily = daily(60);
    List<SeriesSimulation.Value> values = calendar.periods().stream()
        .map(p -> new SeriesSimulation.Value(p, SeriesSimulation.TOTAL, SeriesSimulation.CONVERSIONS, null, 120, 150,
            170, 150, 500.0))
        .toList();
    SeriesSimulation.Forecast forecast = new SeriesSimulation.Forecast(key, 30, "all", 30, 0.4, "trend_weekday", 10,
        values);
    List<org.apache.spark.sql.Row> rows = Backtest.score(origin, List.of(forecast), k -> daily, calendar,
        START.plusDays(54), "run", 2);
    List<String> columns = ForecastAccuracyTable.SPEC.columnNames();
    assertThat(rows).hasSize(3 * 3); // weeks 1, 2 and month 1, three methods each
    assertThat(rows.get(0).length()).isEqualTo(columns.size());
    org.apache.spark.sql.Row model = rows.get(0);
    assertThat(model.<String>getAs(columns.indexOf("method"))).isEqualTo("model");
    assertThat(model.<Long>getAs(columns.indexOf("actual_count"))).isEqualTo(140);
    assertThat(model.<Double>getAs(columns.indexOf("absolute_error"))).isEqualTo(10);
    assertThat(model.<Double>getAs(columns.indexOf("percentage_error"))).isCloseTo(10 / 140.0, within(1e-12));
    assertThat(model.<Boolean>getAs(columns.indexOf("is_in_80_interval"))).isTrue();
    assertThat(model.<Double>getAs(columns.indexOf("scaled_error"))).isCloseTo(10 / 14.0, within(1e-12));
    assertThat(model.<Integer>getAs(columns.indexOf("scale_lag_periods"))).isEqualTo(1);
    assertThat(model.<Boolean>getAs(columns.indexOf("is_partial"))).isFalse();
    org.apache.spark.sql.Row trailing = rows.get(1);
    assertThat(trailing.<String>getAs(columns.indexOf("method"))).isEqualTo("trailing_4_week_mean");
    assertThat(trailing.<Double>getAs(columns.indexOf("forecast"))).isEqualTo(105);
    assertThat(trailing.<Boolean>getAs(columns.indexOf("is_in_80_interval"))).isNull();
    org.apache.spark.sql.Row naive = rows.get(2);
    assertThat(naive.<String>getAs(columns.indexOf("method_detail"))).isEqualTo("last_period");
    assertThat(naive.<Double>getAs(columns.indexOf("forecast"))).isEqualTo(140);
    // Week 2 (days 49-55) ends after the data (day 54): partial.
    org.apache.spark.sql.Row second = rows.get(3);
    assertThat(second.<Integer>getAs(columns.indexOf("horizon"))).isEqualTo(2);
    assertThat(second.<Boolean>getAs(columns.indexOf("is_partial"))).isTrue();
    // The month (March) has its trailing baseline as the 4-week mean per day times its 31 days.
    org.apache.spark.sql.Row monthTrailing = rows.get(7);
    assertThat(monthTrailing.<String>getAs(columns.indexOf("period_grain"))).isEqualTo("month");
    assertThat(monthTrailing.<Double>getAs(columns.indexOf("forecast"))).isCloseTo(105 * 31 / 7.0, within(1e-9));
  }
}
