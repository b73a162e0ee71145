package io.funnelcast.conversion;

import static io.funnelcast.testing.Frames.assertSameRows;
import static io.funnelcast.testing.Frames.rows;

import io.funnelcast.testing.SparkExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ladder a → b → c as one funnel, from hand-built histories. */
@ExtendWith(SparkExtension.class)
class FunnelSummaryTest {
  static final StructType HISTORY = new StructType()
      .add("user_id", DataTypes.StringType).add("stage_index", DataTypes.IntegerType)
      .add("attempt", DataTypes.IntegerType).add("entered_at", DataTypes.TimestampType);
  static final List<String> STAGES = List.of("a", "b", "c");
  static final LocalDate RUN = LocalDate.of(2026, 11, 30);
  static final LocalDate OCT = LocalDate.of(2026, 10, 1);
  static final LocalDate NOV = LocalDate.of(2026, 11, 1);

  static Object[] visit(String user, int stage, int attempt, String at) {
    return new Object[] {user, stage, attempt, Instant.parse(at)};
  }

  static Dataset<Row> history() {
    return rows(HISTORY,
        // u1: a, b a day later, c two days after that.
        visit("u1", 0, 1, "2026-10-30T12:00:00Z"), visit("u1", 1, 1, "2026-10-31T12:00:00Z"),
        visit("u1", 2, 1, "2026-11-02T12:00:00Z"),
        // u2: b after 2 days, then back down and into b again: the first arrival counts.
        visit("u2", 0, 1, "2026-11-02T00:00:00Z"), visit("u2", 1, 1, "2026-11-04T00:00:00Z"),
        visit("u2", 0, 2, "2026-11-05T00:00:00Z"), visit("u2", 1, 2, "2026-11-20T00:00:00Z"),
        // u3: only a.
        visit("u3", 0, 1, "2026-11-03T00:00:00Z"),
        // u4: only a, late on 31 Oct UTC, which is already 1 Nov in Tokyo.
        visit("u4", 0, 1, "2026-10-31T20:00:00Z"));
  }

  static final StructType EXPECTED = new StructType()
      .add("cohort_month", DataTypes.DateType).add("step_index", DataTypes.IntegerType)
      .add("from_stage", DataTypes.StringType).add("to_stage", DataTypes.StringType)
      .add("reached_count", DataTypes.LongType).add("converted_count", DataTypes.LongType)
      .add("conversion_rate", DataTypes.DoubleType).add("time_p25_days", DataTypes.DoubleType)
      .add("time_p50_days", DataTypes.DoubleType).add("time_p90_days", DataTypes.DoubleType);

  static Dataset<Row> summary(ZoneId zone) {
    return FunnelSummary.compute(history(), STAGES, zone, RUN).select("cohort_month", "step_index", "from_stage",
        "to_stage", "reached_count", "converted_count", "conversion_rate", "time_p25_days", "time_p50_days",
        "time_p90_days");
  }

  @Test
  void stepsAndFunnelLengthPerCohortMonthAndForAll() {
    assertSameRows(rows(EXPECTED,
            // October: u1 and u4.
            new Object[] {OCT, 1, "a", "b", 2L, 1L, 0.5, 1.0, 1.0, 1.0},
            new Object[] {OCT, 2, "b", "c", 1L, 1L, 1.0, 2.0, 2.0, 2.0},
            new Object[] {OCT, 0, "a", "c", 2L, 1L, 0.5, 3.0, 3.0, 3.0},
            // November: u2 and u3; nobody reached c.
            new Object[] {NOV, 1, "a", "b", 2L, 1L, 0.5, 2.0, 2.0, 2.0},
            new Object[] {NOV, 2, "b", "c", 1L, 0L, 0.0, null, null, null},
            new Object[] {NOV, 0, "a", "c", 2L, 0L, 0.0, null, null, null},
            // All cohorts: a -> b took 1 and 2 days: p25 = 1.25, p50 = 1.5, p90 = 1.9 (linear interpolation).
            new Object[] {null, 1, "a", "b", 4L, 2L, 0.5, 1.25, 1.5, 1.9},
            new Object[] {null, 2, "b", "c", 2L, 1L, 0.5, 2.0, 2.0, 2.0},
            new Object[] {null, 0, "a", "c", 4L, 1L, 0.25, 3.0, 3.0, 3.0}),
        summary(ZoneOffset.UTC), 12);
  }

  @Test
  void cohortMonthIsTheBusinessMonth() {
    // In Tokyo u1 reached a on 30 Oct 21:00 (still October) and u4 on 1 Nov 05:00 (November).
    Dataset<Row> tokyo = summary(ZoneId.of("Asia/Tokyo")).filter("step_index = 0 AND cohort_month IS NOT NULL");
    assertSameRows(rows(EXPECTED,
            new Object[] {OCT, 0, "a", "c", 1L, 1L, 1.0, 3.0, 3.0, 3.0},
            new Object[] {NOV, 0, "a", "c", 3L, 0L, 0.0, null, null, null}),
        tokyo);
  }

  @Test
  void perSegmentTheAllCohortFunnelOfEachSegmentsUsers() {
    // u1 and u2 in country=de, u3 and u4 in country=fr: each segment's funnel is that of its users alone.
    Dataset<Row> segments = rows(new StructType().add("user_id", DataTypes.StringType)
            .add("segment_name", DataTypes.StringType).add("segment_value", DataTypes.StringType),
        new Object[] {"u1", "country", "de"}, new Object[] {"u2", "country", "de"},
        new Object[] {"u3", "country", "fr"}, new Object[] {"u4", "country", "fr"});
    StructType expected = new StructType().add("segment_name", DataTypes.StringType)
        .add("segment_value", DataTypes.StringType).add("step_index", DataTypes.IntegerType)
        .add("reached_count", DataTypes.LongType).add("converted_count", DataTypes.LongType)
        .add("time_p50_days", DataTypes.DoubleType);

    Dataset<Row> bySegment = FunnelSummary.bySegment(history().join(segments, "user_id"), STAGES, ZoneOffset.UTC);

    assertSameRows(rows(expected,
            new Object[] {"country", "de", 1, 2L, 2L, 1.5}, new Object[] {"country", "de", 2, 2L, 1L, 2.0},
            new Object[] {"country", "de", 0, 2L, 1L, 3.0},
            new Object[] {"country", "fr", 1, 2L, 0L, null}, new Object[] {"country", "fr", 0, 2L, 0L, null}),
        bySegment.filter("cohort_month IS NULL").select("segment_name", "segment_value", "step_index", "reached_count",
            "converted_count", "time_p50_days"));
  }
}
