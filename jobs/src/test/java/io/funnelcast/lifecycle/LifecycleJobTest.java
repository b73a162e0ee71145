package io.funnelcast.lifecycle;

import static io.funnelcast.testing.Frames.assertSameRows;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.funnelcast.tables.LifecycleDailyTable;
import io.funnelcast.tables.TableSpec;
import io.funnelcast.tables.UserLifecycleTable;
import io.funnelcast.tables.UserStageHistoryTable;
import io.funnelcast.testing.PipelineHarness;
import io.funnelcast.testing.SparkExtension;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class LifecycleJobTest {
  static final LocalDate FIRST = LocalDate.of(2026, 11, 2);
  static final LocalDate LAST = LocalDate.of(2026, 11, 5);
  static final List<TableSpec> TABLES =
      List.of(UserStageHistoryTable.SPEC, UserLifecycleTable.SPEC, LifecycleDailyTable.SPEC);
  /** The tables a lifecycle run writes after the state. */
  static final List<TableSpec> DERIVED_FROM_STATE = List.of(UserStageHistoryTable.SPEC, UserLifecycleTable.SPEC,
      LifecycleDailyTable.SPEC, io.funnelcast.tables.InternalLifecycleDailyChangesTable.SPEC);

  @TempDir
  Path temp;

  /** data-samples copied, so a test can add a day of its own. */
  PipelineHarness samples(String... overrides) throws IOException {
    Path raw = temp.resolve("raw");
    try (Stream<Path> files = Files.walk(PipelineHarness.dataSamples())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = raw.resolve(PipelineHarness.dataSamples().relativize(file));
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
    return new PipelineHarness(raw, temp.resolve("warehouse"), overrides);
  }

  static List<Dataset<Row>> snapshot(PipelineHarness harness) {
    return TABLES.stream().map(harness::snapshot).toList();
  }

  /** The summary's totals are the tables' (a full refresh takes them from its writes, a nightly run counts). */
  static void assertCountsTheTables(LifecycleResult result, PipelineHarness harness) {
    assertThat(List.of(result.users(), result.stageVisits(), result.dailyRows())).containsExactly(
        harness.tables().read(UserLifecycleTable.SPEC).count(), harness.tables().read(UserStageHistoryTable.SPEC).count(),
        harness.tables().read(LifecycleDailyTable.SPEC).count());
  }

  static void assertSameTables(List<Dataset<Row>> expected, PipelineHarness harness) {
    for (int i = 0; i < TABLES.size(); i++) {
      assertSameRows(expected.get(i), harness.tables().read(TABLES.get(i)));
    }
  }

  /** One day-by-day history for three invariants: day by day, a rerun after a dead run, a late event. */
  @Test
  void dayByDayAndALateEventGiveTheTablesOfAFullRefreshAndARerunChangesNothing() throws IOException {
    PipelineHarness harness = samples("lifecycle.segments.0", "properties['country']");
    List<Long> versionsBeforeLastDay = List.of();
    for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
      harness.ingest(day);
      versionsBeforeLastDay = DERIVED_FROM_STATE.stream().map(harness.tables().log()::version).toList();
      LifecycleResult result = harness.lifecycle(day, false);
      assertThat(result.fullRefresh()).as("only the first day is a full refresh").isEqualTo(day.equals(FIRST));
    }
    List<Dataset<Row>> incremental = snapshot(harness);
    assertThat(incremental.get(1).count()).isEqualTo(320);

    LifecycleResult rerun = harness.lifecycle(LAST, false);
    assertThat(rerun.fullRefresh()).isFalse();
    assertSameTables(incremental, harness);

    // As if the last run had died right after merging the state: the rerun reads what the state's change
    // feed says it replaced, and completes the other tables exactly.
    for (int i = 0; i < DERIVED_FROM_STATE.size(); i++) {
      io.delta.tables.DeltaTable.forPath(SparkExtension.spark(), harness.tables().location(DERIVED_FROM_STATE.get(i)))
          .restoreToVersion(versionsBeforeLastDay.get(i));
    }
    assertThat(harness.lifecycle(LAST, false).fullRefresh()).isFalse();
    assertSameTables(incremental, harness);

    LifecycleResult full = harness.lifecycle(LAST, true);
    assertThat(full.usersRecomputed()).isEqualTo(320);
    assertCountsTheTables(full, harness);
    assertSameTables(incremental, harness);

    // A late event: u0001's subscription on 11-03 only reaches the collector with 11-06's files.
    LocalDate sixth = LAST.plusDays(1);
    harness.writeRaw(sixth, "late.jsonl", List.of(
        "{\"event_id\":\"late-1\",\"user_id\":\"u0001\",\"event_type\":\"subscribe\","
            + "\"event_time\":\"2026-11-03T12:00:00Z\",\"properties\":{\"plan\":\"pro\"}}",
        "{\"event_id\":\"new-1\",\"user_id\":\"newcomer\",\"event_type\":\"page_view\","
            + "\"event_time\":\"2026-11-06T09:00:00Z\"}"));
    harness.ingest(sixth);
    LifecycleResult nightly = harness.lifecycle(sixth, false);
    assertThat(nightly.fullRefresh()).isFalse();
    assertThat(nightly.usersRecomputed()).isEqualTo(2);
    assertCountsTheTables(nightly, harness);
    List<Dataset<Row>> afterTheLateEvent = snapshot(harness);

    harness.lifecycle(sixth, true);

    assertSameTables(afterTheLateEvent, harness);
    Row u1 = harness.tables().read(UserStageHistoryTable.SPEC)
        .filter(col("user_id").equalTo("u0001").and(col("stage").equalTo("conversion"))).first();
    assertThat(u1.<String>getAs("entry_event_id")).isEqualTo("late-1");
  }

  @Test
  void daysWithoutEventsMoveStatusesOnExactlyAsAFullRefreshWould() throws IOException {
    // Short activity thresholds, so a few empty days take users from new to active, dormant and churned.
    PipelineHarness harness = samples("lifecycle.activity.new-for", "2 days", "lifecycle.activity.dormant-after",
        "3 days", "lifecycle.activity.churned-after", "5 days", "lifecycle.segments.0", "properties['country']");
    harness.ingest(FIRST, LAST);
    harness.lifecycle(LAST, true);
    LocalDate quiet = LAST.plusDays(4);
    for (LocalDate day = LAST.plusDays(1); !day.isAfter(quiet); day = day.plusDays(1)) {
      LifecycleResult nightly = harness.lifecycle(day, false);
      assertThat(nightly.fullRefresh()).isFalse();
      assertThat(nightly.usersRecomputed()).isZero();
    }
    List<Dataset<Row>> incremental = snapshot(harness);
    assertThat(incremental.get(1).filter(col("activity_status").equalTo("dormant")).count())
        .as("some users went dormant with no events").isPositive();
    assertThat(incremental.get(1).filter(col("activity_status").equalTo("churned")).count()).isPositive();

    harness.lifecycle(quiet, true);

    assertSameTables(incremental, harness);
  }

  /**
   * The plan's reasons are tested on their own (LifecyclePlanTest); here, that the job reads them from
   * pipeline_runs and the tables, and refreshes in full when it must.
   */
  @Test
  void aFailedAttemptAChangedConfigurationOrAChangedTableForcesAFullRefresh() throws IOException {
    PipelineHarness harness = samples();
    harness.ingest(FIRST, FIRST.plusDays(2));
    assertThat(harness.lifecycle(FIRST, false).fullRefresh()).isTrue();
    // A mistaken run for a later date fails after merging some users: the state is no longer as of FIRST.
    harness.recordAttempt(LifecycleJob.NAME, FIRST.plusDays(9), io.funnelcast.tables.PipelineRunsTable.STATUS_FAILED);
    assertThat(harness.lifecycle(FIRST.plusDays(1), false).describe()).as("the summary line says why").startsWith(
        "full refresh (the latest attempt was for 2026-11-11, not the day before): recomputed");

    PipelineHarness otherModel = new PipelineHarness(temp.resolve("raw"), temp.resolve("warehouse"),
        "lifecycle.model", "freemium");
    assertThat(otherModel.lifecycle(FIRST.plusDays(2), false).describe()).as("the model changed").startsWith(
        "full refresh (the lifecycle configuration (source mapping, stages, activity, segments or time zone)"
            + " changed since the latest attempt (2026-11-03)): recomputed");

    // user_lifecycle as an earlier version may have written it (another partitioning) is written whole again.
    TableSpec older = new TableSpec(UserLifecycleTable.SPEC.name(), "Older", UserLifecycleTable.SPEC.schema(),
        List.of("activity_status"));
    otherModel.tables().overwrite(older, otherModel.tables().read(UserLifecycleTable.SPEC), "older-version");
    assertThat(otherModel.tables().log().matchesSpec(UserLifecycleTable.SPEC)).isFalse();
    assertThat(otherModel.lifecycle(FIRST.plusDays(2), false).fullRefresh()).as("a table's shape changed").isTrue();
    assertThat(otherModel.tables().log().matchesSpec(UserLifecycleTable.SPEC)).isTrue();

    // A per-user table deleted by hand is written whole again, not merged into from empty.
    FileUtils.deleteDirectory(new File(otherModel.tables().location(UserStageHistoryTable.SPEC)));
    assertThat(otherModel.lifecycle(FIRST.plusDays(2), false).fullRefresh()).as("a table is missing").isTrue();
    assertThat(otherModel.tables().read(UserStageHistoryTable.SPEC).count()).isPositive();

    // Only the lifecycle's own keys count: a Spark setting or another job's option keeps the nightly path.
    PipelineHarness tuned = new PipelineHarness(temp.resolve("raw"), temp.resolve("warehouse"),
        "lifecycle.model", "freemium", "spark.app-name", "tuned", "forecast.simulations", "200");
    tuned.ingest(LAST);
    assertThat(tuned.lifecycle(LAST, false).fullRefresh()).as("spark and forecast settings changed").isFalse();
    assertThat(tuned.lifecycle(LAST.plusDays(2), false).fullRefresh()).as("a day was skipped").isTrue();
  }
}
