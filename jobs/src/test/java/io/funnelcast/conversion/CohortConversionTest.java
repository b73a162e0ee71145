package io.funnelcast.conversion;

import static io.funnelcast.testing.Frames.assertSameRows;
import static io.funnelcast.testing.Frames.rows;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.funnelcast.config.CohortGrain;
import io.funnelcast.config.ConversionConfig;
import io.funnelcast.config.StagePair;
import io.funnelcast.testing.SparkExtension;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One hand-built cohort with figures worked out below. */
@ExtendWith(SparkExtension.class)
class CohortConversionTest {
  static final LocalDate RUN = LocalDate.of(2026, 11, 1); // observed until 2026-11-02T00:00Z
  static final StagePair PAIR = new StagePair("free", 0, "paid", 1, Duration.ofDays(90));
  static final ConversionConfig CONFIG = new ConversionConfig(List.of(PAIR),
      List.of(CohortGrain.WEEK, CohortGrain.MONTH),
      List.of(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30)), List.of(1, 7));

  static Object[] visit(String user, String stage, String at) {
    return new Object[] {user, stage, 1, Instant.parse(at)};
  }

  static Object[] user(String id, String plan) {
    Map<String, String> segments = new HashMap<>();
    segments.put("plan", plan);
    return new Object[] {id, segments};
  }

  /**
   * All enter free in the week of Monday 19 Oct 2026. Days to paid: a 0.5, b 3, c 10, e 1.0; d never (in
   * flight). Observed by the end of the run date: a, b 14 days; c 13; d 12; e 7.5.
   */
  static Dataset<Row> cohorts() {
    Dataset<Row> history = rows(StageConversionsTest.HISTORY,
        visit("a", "free", "2026-10-19T00:00:00Z"), visit("a", "paid", "2026-10-19T12:00:00Z"),
        visit("b", "free", "2026-10-19T00:00:00Z"), visit("b", "paid", "2026-10-22T00:00:00Z"),
        visit("c", "free", "2026-10-20T00:00:00Z"), visit("c", "paid", "2026-10-30T00:00:00Z"),
        visit("d", "free", "2026-10-21T00:00:00Z"),
        visit("e", "free", "2026-10-25T12:00:00Z"), visit("e", "paid", "2026-10-26T12:00:00Z"));
    Dataset<Row> users = rows(StageConversionsTest.USERS, user("a", "pro"), user("b", "pro"), user("c", "basic"),
        user("d", null), user("e", "basic"));
    Dataset<Row> conversions = StageConversions.compute(history, users,
        StageConversions.pairs(SparkExtension.spark(), List.of(PAIR)), ZoneOffset.UTC, DayOfWeek.MONDAY, RUN);
    return CohortConversion.compute(conversions, CONFIG, RUN);
  }

  @Test
  void countsRatesAndObservedPercentiles() {
    Dataset<Row> all = cohorts().filter(col("segment_name").equalTo("all"));
    StructType expected = new StructType()
        .add("cohort_grain", DataTypes.StringType).add("cohort_start", DataTypes.DateType)
        .add("entrants_count", DataTypes.LongType).add("converted_count", DataTypes.LongType)
        .add("in_flight_count", DataTypes.LongType).add("conversion_rate", DataTypes.DoubleType)
        .add("converted_time_p25_days", DataTypes.DoubleType).add("converted_time_p50_days", DataTypes.DoubleType)
        .add("converted_time_p75_days", DataTypes.DoubleType).add("converted_time_p90_days", DataTypes.DoubleType)
        .add("converted_time_mean_days", DataTypes.DoubleType);
    // Converters' days sorted: 0.5, 1, 3, 10. Percentile p sits at rank (n - 1) p = 3p, linearly interpolated:
    // p25 at 0.75 -> 0.5 + 0.75 x 0.5 = 0.875; p50 at 1.5 -> 1 + 0.5 x 2 = 2; p75 at 2.25 -> 3 + 0.25 x 7 = 4.75;
    // p90 at 2.7 -> 3 + 0.7 x 7 = 7.9. Mean 14.5 / 4 = 3.625.
    Object[] figures = {5L, 4L, 1L, 0.8, 0.875, 2.0, 4.75, 7.9, 3.625};
    assertSameRows(rows(expected,
            concat(new Object[] {"week", LocalDate.of(2026, 10, 19)}, figures),
            concat(new Object[] {"month", LocalDate.of(2026, 10, 1)}, figures)),
        all.select(expected.fieldNames()[0], Arrays.copyOfRange(expected.fieldNames(), 1, expected.size())), 12);
  }

  @Test
  void withinRatesOnlyCountEntrantsObservedLongEnough() {
    Row week = cohorts().filter("segment_name = 'all' AND cohort_grain = 'week'").first();
    List<Row> within = week.getList(week.fieldIndex("within"));
    // 1 day: all five observed; a (0.5) and e (exactly 1.0) converted within it.
    assertWithin(within.get(0), 1.0, 5, 2, 0.4);
    // 7 days: e has been observed 7.5 days, so all five count; a, b, e converted within 7 days.
    assertWithin(within.get(1), 7.0, 5, 3, 0.6);
    // 30 days: nobody has been observed that long yet, so there is no rate rather than a misleading 0.
    assertWithin(within.get(2), 30.0, 0, 0, null);
  }

  static void assertWithin(Row horizon, double days, long observed, long converted, Double rate) {
    assertThat(horizon.getDouble(0)).isEqualTo(days);
    assertThat(horizon.getLong(1)).isEqualTo(observed);
    assertThat(horizon.getLong(2)).isEqualTo(converted);
    assertThat(horizon.isNullAt(3) ? null : horizon.getDouble(3)).isEqualTo(rate);
  }

  @Test
  void kaplanMeierCurveUsesTheInFlightUserAsCensored() {
    Row week = cohorts().filter("segment_name = 'all' AND cohort_grain = 'week'").first();
    List<Row> curve = week.getList(week.fieldIndex("km_curve"));
    // Conversions at 0.5 (5 at risk) and 1.0 (4 at risk): S(1) = 4/5 x 3/4 = 0.6. At 3 days b, c, d are at
    // risk: S(7) = 0.6 x 2/3 = 0.4. After 7 days c (converts at 10) and d (censored at 12) are left.
    assertThat(curve.get(0).getDouble(1)).isCloseTo(0.4, within(1e-12));
    assertThat(curve.get(0).getLong(4)).isEqualTo(3);
    assertThat(curve.get(1).getDouble(1)).isCloseTo(0.6, within(1e-12));
    assertThat(curve.get(1).getLong(4)).isEqualTo(2);
  }

  @Test
  void segmentsSplitTheCohortAndMissingValuesAreNamed() {
    StructType expected = new StructType().add("segment_name", DataTypes.StringType)
        .add("segment_value", DataTypes.StringType).add("entrants_count", DataTypes.LongType)
        .add("converted_count", DataTypes.LongType).add("in_flight_count", DataTypes.LongType);
    assertSameRows(rows(expected,
            new Object[] {"all", "all", 5L, 4L, 1L},
            new Object[] {"plan", "pro", 2L, 2L, 0L},
            new Object[] {"plan", "basic", 2L, 2L, 0L},
            new Object[] {"plan", "(none)", 1L, 0L, 1L}),
        cohorts().filter("cohort_grain = 'month'")
            .select("segment_name", "segment_value", "entrants_count", "converted_count", "in_flight_count"));
  }

  static Object[] concat(Object[] a, Object[] b) {
    Object[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
