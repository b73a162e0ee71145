package io.funnelcast.pipeline;

import static io.funnelcast.testing.Frames.assertSameRows;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelcast.ingest.IngestBatchResult;
import io.funnelcast.ingest.IngestJob;
import io.funnelcast.run.JobFailedException;
import io.funnelcast.tables.CohortConversionTable;
import io.funnelcast.tables.EventsQuarantineTable;
import io.funnelcast.tables.EventsTable;
import io.funnelcast.tables.ForecastConversionsTable;
import io.funnelcast.tables.FunnelSummaryTable;
import io.funnelcast.tables.InternalLifecycleDailyChangesTable;
import io.funnelcast.tables.InternalUserStateTable;
import io.funnelcast.tables.LifecycleDailyTable;
import io.funnelcast.tables.PipelineRunsTable;
import io.funnelcast.tables.StageConversionsTable;
import io.funnelcast.tables.TableSpec;
import io.funnelcast.tables.UserLifecycleTable;
import io.funnelcast.tables.UserStageHistoryTable;
import io.funnelcast.testing.PipelineHarness;
import io.funnelcast.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** backfill D1..D2 equals `run` day by day over D1..D2 (the invariant docs/operations.md states). */
@ExtendWith(SparkExtension.class)
class BackfillTest {
  static final LocalDate D1 = LocalDate.of(2026, 11, 2);
  static final LocalDate D2 = LocalDate.of(2026, 11, 3);
  static final List<LocalDate> DATES = List.of(D1, D2);
  /** Tables whose whole contents a run for the last date determines. */
  static final List<TableSpec> WHOLE = List.of(EventsTable.SPEC, EventsQuarantineTable.SPEC,
      UserStageHistoryTable.SPEC, UserLifecycleTable.SPEC, LifecycleDailyTable.SPEC, StageConversionsTable.SPEC,
      InternalUserStateTable.SPEC, InternalLifecycleDailyChangesTable.SPEC);
  /** Tables with one slice per as_of_date. */
  static final List<TableSpec> AS_OF = List.of(CohortConversionTable.SPEC, FunnelSummaryTable.SPEC,
      ForecastConversionsTable.SPEC);
  /** What differs between two runs by nature: ids of attempts, the date a state row was computed on, versions. */
  static final String[] RUN_SPECIFIC = {"run_id", "computed_for_date", "state_version"};

  @TempDir
  static Path temp;
  /** `run` day by day over the dates: what every backfill is compared with. */
  static PipelineHarness dayByDay;

  @BeforeAll
  static void runDayByDay() throws IOException {
    dayByDay = harness("day-by-day");
    dayByDay.run(dayByDay.pipeline().run(DATES, false));
  }

  /** A sample day, then a day of our own: a late event for D1, a copy of a D1 event, a new user, a bad line. */
  static PipelineHarness harness(String name, String... overrides) throws IOException {
    Path raw = temp.resolve("raw");
    if (!Files.isDirectory(raw)) {
      Path from = PipelineHarness.dataSamples().resolve("date=" + D1);
      Files.createDirectories(raw.resolve("date=" + D1));
      try (var files = Files.list(from)) {
        for (Path file : files.toList()) {
          Files.copy(file, raw.resolve("date=" + D1).resolve(file.getFileName()));
        }
      }
      Files.createDirectories(raw.resolve("date=" + D2));
      Files.write(raw.resolve("date=" + D2).resolve("events.jsonl"), List.of(
          "{\"event_id\":\"late-1\",\"user_id\":\"u0199\",\"event_type\":\"subscribe\","
              + "\"event_time\":\"2026-11-02T12:00:00Z\",\"properties\":{\"plan\":\"pro\"}}",
          "{\"event_id\":\"evt-840\",\"user_id\":\"u0199\",\"event_type\":\"page_view\","
              + "\"event_time\":\"2026-11-02T06:13:39Z\",\"properties\":{\"country\":\"FR\",\"channel\":\"referral\","
              + "\"page\":\"/pricing\"}}",
          "{\"event_id\":\"new-1\",\"user_id\":\"newcomer\",\"event_type\":\"page_view\","
              + "\"event_time\":\"2026-11-03T09:00:00Z\"}",
          "{not json"));
    }
    String[] all = new String[overrides.length + 2];
    all[0] = "forecast.simulations";
    all[1] = "200";
    System.arraycopy(overrides, 0, all, 2, overrides.length);
    return new PipelineHarness(raw, temp.resolve(name), all);
  }

  @Test
  void aBackfillGivesTheTablesOfADayByDayRun() throws IOException {
    PipelineHarness backfill = harness("backfill");
    backfill.run(backfill.pipeline().backfill(DATES, Pipeline.Snapshots.LAST, false));

    assertSameTables(dayByDay, backfill, WHOLE);
    assertSameSlices(dayByDay, backfill, D2);
    assertThat(asOfDates(backfill)).as("as-of slices for the last date only").containsExactly(D2);
    // One ingest row per date, with that date's counts, as day by day.
    assertSameRows(ingestRuns(dayByDay), ingestRuns(backfill));
    Dataset<Row> events = backfill.tables().read(EventsTable.SPEC);
    Row late = events.filter(col("event_id").equalTo("late-1")).select("run_date", "event_date").first();
    assertThat(List.of(late.get(0), late.get(1))).as("a late event keeps its run date").containsExactly(D2, D1);
    assertThat(events.filter(col("event_id").equalTo("evt-840")).select("run_date").collectAsList())
        .as("the copy in D2's files is a duplicate of D1's").extracting(row -> row.get(0)).containsExactly(D1);
  }

  @Test
  void aBackfillWithDailySnapshotsEqualsADayByDayRunEverywhere() throws IOException {
    PipelineHarness daily = harness("daily");
    daily.run(daily.pipeline().backfill(DATES, Pipeline.Snapshots.DAILY, false));

    assertSameTables(dayByDay, daily, WHOLE);
    for (LocalDate day : DATES) {
      // D1's lifecycle run does not see the late event for D1 that D2's files delivered, as day by day.
      assertSameSlices(dayByDay, daily, day);
    }
    assertSameRows(ingestRuns(dayByDay), ingestRuns(daily));
  }

  @Test
  void anOutOfOrderBackfillStoresTheEventsOfInOrderProcessing() throws IOException {
    PipelineHarness outOfOrder = harness("out-of-order");
    outOfOrder.run(List.of(new Pipeline.Step(outOfOrder.ingestFrom(D2), D2),
        new Pipeline.Step(outOfOrder.ingestFrom(D1), D1)));

    // Which run date (and file) keeps an event delivered twice depends on which ran first; the events do not.
    assertSameRows(dayByDay.tables().read(EventsTable.SPEC).drop("run_date", "source_file"),
        outOfOrder.tables().read(EventsTable.SPEC).drop("run_date", "source_file"));
    assertSameRows(comparable(dayByDay, EventsQuarantineTable.SPEC), comparable(outOfOrder, EventsQuarantineTable.SPEC));
  }

  @Test
  void aMissingDayFailsNamingEveryMissingDateOrIsAnEmptyDayWhenSoConfigured() throws IOException {
    PipelineHarness failing = harness("failing");
    LocalDate first = D1.minusDays(2);
    assertThatThrownBy(() -> failing.runOne(failing.ingestFrom(first), D1))
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("no raw files for 2 run dates (2026-10-31, 2026-11-01) at ")
        .hasMessageContaining("funnelcast.source.missing-day = empty");
    assertThat(failing.tables().read(EventsTable.SPEC).count()).as("nothing written").isZero();

    PipelineHarness empty = harness("empty", "source.missing-day", "empty");
    Files.createDirectories(temp.resolve("raw").resolve("date=" + D1.minusDays(1)));
    IngestBatchResult result = (IngestBatchResult) empty.runOne(empty.ingestFrom(first), D1);
    assertThat(result.emptyDays()).as("a missing folder and an empty one").containsExactly(first, D1.minusDays(1));
    assertThat(result.forRunDate(D1).rawRecordsRead()).as("D1 read as on its own").isEqualTo(
        ingestRuns(dayByDay).filter(col("run_date").equalTo(lit(D1))).first().<Long>getAs("rows_read_count"));
    assertThat(empty.tables().read(PipelineRunsTable.SPEC).filter(col("rows_read_count").equalTo(lit(0L))).count())
        .as("each empty date is recorded as a run with nothing read").isEqualTo(2);
  }

  static void assertSameTables(PipelineHarness expected, PipelineHarness actual, List<TableSpec> tables) {
    for (TableSpec table : tables) {
      assertSameRows(comparable(expected, table), comparable(actual, table));
    }
  }

  static void assertSameSlices(PipelineHarness expected, PipelineHarness actual, LocalDate asOf) {
    for (TableSpec table : AS_OF) {
      assertSameRows(comparable(expected, table).filter(col("as_of_date").equalTo(lit(asOf))),
          comparable(actual, table).filter(col("as_of_date").equalTo(lit(asOf))));
    }
  }

  static Dataset<Row> comparable(PipelineHarness harness, TableSpec table) {
    return harness.tables().read(table).drop(RUN_SPECIFIC);
  }

  static List<LocalDate> asOfDates(PipelineHarness harness) {
    return AS_OF.stream().flatMap(table -> harness.tables().read(table).select("as_of_date").distinct()
        .collectAsList().stream().map(row -> (LocalDate) row.get(0))).distinct().toList();
  }

  static Dataset<Row> ingestRuns(PipelineHarness harness) {
    return harness.tables().read(PipelineRunsTable.SPEC).filter(col("job").equalTo(IngestJob.NAME))
        .select("run_date", "status", "rows_read_count", "rows_written_count", "duplicates_dropped_count",
            "quarantined_count");
  }
}
