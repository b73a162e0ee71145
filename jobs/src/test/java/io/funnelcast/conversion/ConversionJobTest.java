package io.funnelcast.conversion;

import static io.funnelcast.testing.Frames.assertSameRows;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelcast.lifecycle.LifecycleJob;
import io.funnelcast.run.JobFailedException;
import io.funnelcast.tables.CohortConversionTable;
import io.funnelcast.tables.FunnelSummaryTable;
import io.funnelcast.tables.PipelineRunsTable;
import io.funnelcast.tables.StageConversionsTable;
import io.funnelcast.testing.PipelineHarness;
import io.funnelcast.testing.SparkExtension;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The conversion job on data-samples: reruns, nightly vs full refresh, and its dependency on lifecycle. */
@ExtendWith(SparkExtension.class)
class ConversionJobTest {
  static final LocalDate FIRST = LocalDate.of(2026, 11, 2);
  /** The day after: lifecycle's nightly path, then conversion (lifecycle's own tests hold nightly == full). */
  static final LocalDate LAST = FIRST.plusDays(1);
  /** A short extra pair, so some attempts are censored at the window's end. */
  static final String[] CONFIG = {"lifecycle.segments.0", "properties['country']",
      "conversion.extra-pairs.0.from", "awareness", "conversion.extra-pairs.0.to", "conversion",
      "conversion.extra-pairs.0.window", "1 day"};

  @TempDir
  Path temp;

  static List<Dataset<Row>> snapshot(PipelineHarness harness, LocalDate asOf) {
    return List.of(harness.snapshot(StageConversionsTable.SPEC),
        harness.snapshot(CohortConversionTable.SPEC).filter(col("as_of_date").equalTo(lit(asOf))),
        harness.snapshot(FunnelSummaryTable.SPEC).filter(col("as_of_date").equalTo(lit(asOf))));
  }

  static void assertSame(List<Dataset<Row>> expected, List<Dataset<Row>> actual) {
    for (int i = 0; i < expected.size(); i++) {
      assertSameRows(expected.get(i), actual.get(i));
    }
  }

  @Test
  void nightlyRunsEqualAFullRefreshAndRerunsChangeNothing() {
    PipelineHarness harness = new PipelineHarness(PipelineHarness.dataSamples(), temp.resolve("warehouse"), CONFIG);
    ConversionResult result = null;
    for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
      harness.ingest(day);
      harness.lifecycle(day, false);
      result = harness.conversion(day);
    }
    List<Dataset<Row>> nightly = snapshot(harness, LAST);
    Dataset<Row> firstDaySlice = harness.snapshot(CohortConversionTable.SPEC)
        .filter(col("as_of_date").equalTo(lit(FIRST)));
    assertThat(result.conversions()).isEqualTo(nightly.get(0).count());
    assertThat(nightly.get(0).filter("censor_reason = 'window_end'").count()).as("short pair censored").isPositive();
    assertThat(nightly.get(0).filter("is_converted").count()).isEqualTo(result.converted()).isPositive();
    assertThat(nightly.get(0).filter("is_in_flight").count()).isEqualTo(result.inFlight()).isPositive();
    assertThat(nightly.get(1).select("cohort_grain").distinct().count()).isEqualTo(2);
    assertThat(List.of(result.cohortRows(), result.funnelRows())).as("the slices' rows, as the writes counted them")
        .containsExactly(nightly.get(1).count(), nightly.get(2).count());

    harness.conversion(LAST);
    assertSame(nightly, snapshot(harness, LAST));
    assertSameRows(firstDaySlice, harness.tables().read(CohortConversionTable.SPEC)
        .filter(col("as_of_date").equalTo(lit(FIRST))));

    harness.lifecycle(LAST, true);
    harness.conversion(LAST);
    assertSame(nightly, snapshot(harness, LAST));
  }

  /** The refusal reads pipeline_runs only: attempts recorded there stand in for lifecycle runs. */
  @Test
  void refusesAStageHistoryThatIsNotAsOfTheRunDate() {
    PipelineHarness harness = new PipelineHarness(PipelineHarness.dataSamples(), temp.resolve("warehouse"));
    assertThatThrownBy(() -> harness.conversion(FIRST)).isInstanceOf(JobFailedException.class)
        .hasMessageContaining("lifecycle has never run");
    harness.recordAttempt(LifecycleJob.NAME, FIRST, PipelineRunsTable.STATUS_SUCCEEDED);
    assertThatThrownBy(() -> harness.conversion(FIRST.plusDays(1))).isInstanceOf(JobFailedException.class)
        .hasMessageContaining("the latest lifecycle run is for 2026-11-02 (succeeded), so the stage history is not"
            + " as of 2026-11-03");
    harness.recordAttempt(LifecycleJob.NAME, FIRST.plusDays(1), PipelineRunsTable.STATUS_FAILED);
    assertThatThrownBy(() -> harness.conversion(FIRST.plusDays(1))).isInstanceOf(JobFailedException.class)
        .hasMessageContaining("the latest lifecycle run is for 2026-11-03 (failed)");
    assertThat(harness.tables().read(StageConversionsTable.SPEC).count()).as("nothing written").isZero();
  }

}
