package io.funnelcast.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.funnelcast.tables.CohortConversionTable;
import io.funnelcast.tables.LifecycleDailyTable;
import io.funnelcast.tables.UserStageHistoryTable;
import io.funnelcast.testing.PipelineHarness;
import io.funnelcast.testing.SparkExtension;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events near midnight and on the day clocks go forward, in Europe/Berlin, land in the business day, week and
 * month they happened in there, not in UTC's.
 */
@ExtendWith(SparkExtension.class)
class BusinessTimeZoneTest {
  static final LocalDate FIRST = LocalDate.of(2026, 3, 28);
  static final LocalDate LAST = LocalDate.of(2026, 4, 1);

  @TempDir
  Path temp;

  static String event(String user, String time) {
    return "{\"event_id\":\"" + user + "\",\"user_id\":\"" + user + "\",\"event_type\":\"page_view\","
        + "\"event_time\":\"" + time + "\"}";
  }

  @Test
  void entriesLandInTheirBusinessDayWeekAndMonthAcrossMidnightAndTheSwitchToSummerTime() {
    PipelineHarness harness = new PipelineHarness(temp.resolve("raw"), temp.resolve("warehouse"),
        "business-time-zone", "Europe/Berlin", "source.missing-day", "empty");
    // Files by UTC day, as a collector writes them. Clocks go from 02:00 CET to 03:00 CEST on Sunday 03-29.
    harness.writeRaw(FIRST, "e.jsonl", List.of(event("sat-night", "2026-03-28T23:30:00Z"))); // Sun 00:30 CET
    harness.writeRaw(FIRST.plusDays(1), "e.jsonl", List.of(
        event("switch", "2026-03-29T01:30:00Z"),                                                // Sun 03:30 CEST
        event("sun-night", "2026-03-29T22:30:00Z")));                                           // Mon 00:30 CEST
    harness.writeRaw(FIRST.plusDays(3), "e.jsonl", List.of(
        event("march-end", "2026-03-31T21:59:59Z"),                                             // Tue 23:59:59 CEST
        event("april", "2026-03-31T22:00:00Z")));                                               // Wed 00:00 CEST
    harness.runOne(harness.jobs().ingestFrom(FIRST), LAST);
    harness.lifecycle(LAST, false);
    harness.conversion(LAST);

    assertThat(rows(harness.tables().read(LifecycleDailyTable.SPEC)
        .filter(col("segment_name").equalTo("all").and(col("stage").equalTo("awareness")))
        .filter(col("entered_count").gt(0)).orderBy("day").select("day", "entered_count").collectAsList()))
        .containsExactly("2026-03-29:2", "2026-03-30:1", "2026-03-31:1", "2026-04-01:1");
    assertThat(rows(harness.tables().read(UserStageHistoryTable.SPEC).filter(col("stage").equalTo("awareness"))
        .groupBy("entered_month").count().orderBy("entered_month").collectAsList()))
        .containsExactly("2026-03-01:4", "2026-04-01:1");
    var cohorts = harness.tables().read(CohortConversionTable.SPEC).filter(col("segment_name").equalTo("all")
        .and(col("from_stage").equalTo("awareness")).and(col("to_stage").equalTo("engagement")));
    assertThat(rows(cohorts.filter(col("cohort_grain").equalTo(lit("week"))).orderBy("cohort_start")
        .select("cohort_start", "entrants_count").collectAsList()))
        .as("Sunday 00:30 is in the week of Monday 03-23; Monday 00:30 starts the next")
        .containsExactly("2026-03-23:2", "2026-03-30:3");
    assertThat(rows(cohorts.filter(col("cohort_grain").equalTo(lit("month"))).orderBy("cohort_start")
        .select("cohort_start", "entrants_count").collectAsList()))
        .containsExactly("2026-03-01:4", "2026-04-01:1");
  }

  static List<String> rows(List<Row> rows) {
    return rows.stream().map(row -> row.get(0) + ":" + row.get(1)).toList();
  }
}
