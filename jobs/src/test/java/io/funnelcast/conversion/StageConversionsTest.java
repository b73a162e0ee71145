package io.funnelcast.conversion;

import static io.funnelcast.testing.Frames.assertSameRows;
import static io.funnelcast.testing.Frames.rows;
import static org.apache.spark.sql.functions.col;

import io.funnelcast.config.StagePair;
import io.funnelcast.testing.SparkExtension;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Hand-built stage histories with known conversions, censoring and cohort keys. */
@ExtendWith(SparkExtension.class)
class StageConversionsTest {
  static final StructType HISTORY = new StructType()
      .add("user_id", DataTypes.StringType).add("stage", DataTypes.StringType)
      .add("attempt", DataTypes.IntegerType).add("entered_at", DataTypes.TimestampType);
  static final StructType USERS = new StructType()
      .add("user_id", DataTypes.StringType)
      .add("segments", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
  static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
  static final LocalDate RUN = LocalDate.of(2026, 11, 1);
  static final Instant RUN_END = Instant.parse("2026-11-02T00:00:00Z");
  static final Duration WINDOW = Duration.ofDays(90);

  static Instant days(double d) {
    return T0.plusSeconds(Math.round(d * 86_400));
  }

  static Object[] visit(String user, String stage, int attempt, Instant at) {
    return new Object[] {user, stage, attempt, at};
  }

  static Dataset<Row> pairs() {
    return StageConversions.pairs(SparkExtension.spark(), List.of(new StagePair("free", 0, "paid", 1, WINDOW)));
  }

  static Dataset<Row> users(String... ids) {
    return rows(USERS, java.util.Arrays.stream(ids).map(id -> new Object[] {id, Map.of("plan", "x")})
        .toArray(Object[][]::new));
  }

  static Dataset<Row> compute(Dataset<Row> history, Dataset<Row> users, ZoneId zone, DayOfWeek weekStart) {
    return StageConversions.compute(history, users, pairs(), zone, weekStart, RUN);
  }

  @Test
  void convertsCensorsAndSplitsAttempts() {
    Dataset<Row> history = rows(HISTORY,
        // converts after 2 days
        visit("converts", "free", 1, days(0)), visit("converts", "paid", 1, days(2)),
        // entered 10 days before the end of the run date, never paid: in flight, censored at the run date's end
        visit("in_flight", "free", 1, RUN_END.minusSeconds(10 * 86_400)),
        // the window passed long ago; paying on day 95 is too late for this attempt
        visit("too_late", "free", 1, days(0)), visit("too_late", "paid", 1, days(95)),
        // paid exactly at the window's end converts; one second later does not
        visit("edge_in", "free", 1, days(0)), visit("edge_in", "paid", 1, days(90)),
        visit("edge_out", "free", 1, days(0)), visit("edge_out", "paid", 1, days(90).plusSeconds(1)),
        // skipped straight past free: both at the same instant, zero duration
        visit("skipper", "free", 1, days(1)), visit("skipper", "paid", 1, days(1)),
        // re-entered free (attempt 2) before paying: attempt 1 is censored when attempt 2 starts, and the
        // payment counts for attempt 2 only
        visit("retry", "free", 1, days(0)), visit("retry", "free", 2, days(5)), visit("retry", "paid", 1, days(6)),
        // paid, downgraded to free (attempt 2) and paid again (attempt 2): each attempt pairs with its own paid
        visit("again", "free", 1, days(0)), visit("again", "paid", 1, days(3)),
        visit("again", "free", 2, days(10)), visit("again", "paid", 2, days(14)));
    Dataset<Row> actual = compute(history,
        users("converts", "in_flight", "too_late", "edge_in", "edge_out", "skipper", "retry", "again"),
        ZoneOffset.UTC, DayOfWeek.MONDAY)
        .select("user_id", "attempt", "from_at", "to_at", "is_converted", "is_censored", "censored_at",
            "censor_reason", "is_in_flight", "duration_days", "window_days");
    StructType expected = new StructType()
        .add("user_id", DataTypes.StringType).add("attempt", DataTypes.IntegerType)
        .add("from_at", DataTypes.TimestampType).add("to_at", DataTypes.TimestampType)
        .add("is_converted", DataTypes.BooleanType).add("is_censored", DataTypes.BooleanType)
        .add("censored_at", DataTypes.TimestampType).add("censor_reason", DataTypes.StringType)
        .add("is_in_flight", DataTypes.BooleanType).add("duration_days", DataTypes.DoubleType)
        .add("window_days", DataTypes.DoubleType);
    assertSameRows(rows(expected,
            new Object[] {"converts", 1, days(0), days(2), true, false, null, null, false, 2.0, 90.0},
            new Object[] {"in_flight", 1, RUN_END.minusSeconds(10 * 86_400), null, false, true, RUN_END, "run_date",
                true, 10.0, 90.0},
            new Object[] {"too_late", 1, days(0), null, false, true, days(90), "window_end", false, 90.0, 90.0},
            new Object[] {"edge_in", 1, days(0), days(90), true, false, null, null, false, 90.0, 90.0},
            new Object[] {"edge_out", 1, days(0), null, false, true, days(90), "window_end", false, 90.0, 90.0},
            new Object[] {"skipper", 1, days(1), days(1), true, false, null, null, false, 0.0, 90.0},
            new Object[] {"retry", 1, days(0), null, false, true, days(5), "next_attempt", false, 5.0, 90.0},
            new Object[] {"retry", 2, days(5), days(6), true, false, null, null, false, 1.0, 90.0},
            new Object[] {"again", 1, days(0), days(3), true, false, null, null, false, 3.0, 90.0},
            new Object[] {"again", 2, days(10), days(14), true, false, null, null, false, 4.0, 90.0}),
        actual);
  }

  @Test
  void cohortKeysUseTheBusinessZoneAndWeekStart() {
    // 03:00 UTC on Monday 2 Nov is still Sunday 1 Nov in Los Angeles; 05:00 UTC on 1 Nov is 31 Oct there.
    Dataset<Row> history = rows(HISTORY,
        visit("sunday", "free", 1, Instant.parse("2026-11-02T03:00:00Z")),
        visit("october", "free", 1, Instant.parse("2026-11-01T05:00:00Z")));
    ZoneId la = ZoneId.of("America/Los_Angeles");
    StructType expected = new StructType()
        .add("user_id", DataTypes.StringType).add("cohort_day", DataTypes.DateType)
        .add("cohort_week", DataTypes.DateType).add("cohort_month", DataTypes.DateType);
    LocalDate nov1 = LocalDate.of(2026, 11, 1);
    LocalDate oct31 = LocalDate.of(2026, 10, 31);
    assertSameRows(rows(expected,
            new Object[] {"sunday", nov1, LocalDate.of(2026, 10, 26), nov1},
            new Object[] {"october", oct31, LocalDate.of(2026, 10, 26), LocalDate.of(2026, 10, 1)}),
        compute(history, users("sunday", "october"), la, DayOfWeek.MONDAY)
            .select("user_id", "cohort_day", "cohort_week", "cohort_month"));
    assertSameRows(rows(expected,
            new Object[] {"sunday", nov1, nov1, nov1},
            new Object[] {"october", oct31, LocalDate.of(2026, 10, 25), LocalDate.of(2026, 10, 1)}),
        compute(history, users("sunday", "october"), la, DayOfWeek.SUNDAY)
            .select("user_id", "cohort_day", "cohort_week", "cohort_month"));
    // In UTC the same instants are Monday 2 Nov (its own week) and Sunday 1 Nov.
    assertSameRows(rows(expected,
            new Object[] {"sunday", LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 2), nov1},
            new Object[] {"october", nov1, LocalDate.of(2026, 10, 26), nov1}),
        compute(history, users("sunday", "october"), ZoneOffset.UTC, DayOfWeek.MONDAY)
            .select("user_id", "cohort_day", "cohort_week", "cohort_month"));
  }

  @Test
  void carriesTheUsersSegmentsAndRunDate() {
    Dataset<Row> history = rows(HISTORY, visit("u", "free", 1, days(0)));
    StructType expected = new StructType().add("user_id", DataTypes.StringType)
        .add("segments", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
        .add("as_of_date", DataTypes.DateType);
    assertSameRows(rows(expected, new Object[] {"u", Map.of("plan", "x"), RUN}),
        compute(history, users("u"), ZoneOffset.UTC, DayOfWeek.MONDAY).select(col("user_id"), col("segments"),
            col("as_of_date")));
  }
}
