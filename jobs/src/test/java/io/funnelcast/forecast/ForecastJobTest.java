package io.funnelcast.forecast;

import static io.funnelcast.testing.Frames.assertSameRows;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelcast.conversion.ConversionJob;
import io.funnelcast.lifecycle.LifecycleJob;
import io.funnelcast.run.JobFailedException;
import io.funnelcast.tables.ForecastAccuracySummaryTable;
import io.funnelcast.tables.ForecastAccuracyTable;
import io.funnelcast.tables.ForecastConversionsTable;
import io.funnelcast.tables.PipelineRunsTable;
import io.funnelcast.testing.PipelineHarness;
import io.funnelcast.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The forecast and backtest jobs on data-samples: a product four days old. */
@ExtendWith(SparkExtension.class)
class ForecastJobTest {
  static final LocalDate FIRST = LocalDate.of(2026, 11, 2);
  static final LocalDate LAST = LocalDate.of(2026, 11, 5);
  static final String[] CONFIG = {"lifecycle.segments.0", "properties['country']",
      "forecast.simulations", "300",
      "forecast.targets.0.from", "awareness", "forecast.targets.0.to", "engagement",
      "forecast.targets.1.from", "engagement", "forecast.targets.1.to", "conversion",
      "forecast.targets.1.revenue.property", "properties['revenue']",
      "forecast.targets.1.revenue.currency-property", "properties['currency']",
      "forecast.targets.2.from", "conversion", "forecast.targets.2.to", "retention",
      "forecast.targets.2.revenue.amount", "12.5", "forecast.targets.2.revenue.currency", "EUR"};

  @TempDir
  Path temp;

  Dataset<Row> slice(PipelineHarness harness, LocalDate asOf) {
    return harness.snapshot(ForecastConversionsTable.SPEC).filter(col("as_of_date").equalTo(lit(asOf)));
  }

  /** The four sample days ingested as one run for the last day, then lifecycle and conversion once. */
  PipelineHarness lastDay() throws IOException {
    Path oneDay = temp.resolve("raw/date=" + LAST);
    Files.createDirectories(oneDay);
    try (var files = Files.walk(PipelineHarness.dataSamples())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, oneDay.resolve(file.getParent().getFileName() + "-" + file.getFileName()));
      }
    }
    PipelineHarness harness = new PipelineHarness(temp.resolve("raw"), temp.resolve("warehouse"), CONFIG);
    harness.ingest(LAST);
    harness.lifecycle(LAST, false);
    harness.conversion(LAST);
    return harness;
  }

  @Test
  void forecastsEachDateFromWhatWasKnownRerunsReplaceOnlyTheirSliceAndTheBacktestMarksUnseenHorizonsPartial()
      throws IOException {
    PipelineHarness harness = lastDay();
    ForecastResult result = harness.forecast(LAST);
    // Earlier dates from the same tables, read as known at each date's end.
    for (LocalDate day = FIRST; day.isBefore(LAST); day = day.plusDays(1)) {
      harness.forecast(day);
    }
    Dataset<Row> all = harness.snapshot(ForecastConversionsTable.SPEC);
    assertThat(all.select("as_of_date").distinct().count()).isEqualTo(4);
    Dataset<Row> last = all.filter(col("as_of_date").equalTo(lit(LAST)));
    assertThat(result.rowsWritten()).isEqualTo(last.count());
    long series = last.select("from_stage", "segment_name", "segment_value").distinct().count();
    assertThat(result.series()).isEqualTo((int) series);
    assertThat(last.select("segment_name").distinct().collectAsList()).hasSize(2);
    // 20 periods (week 0-13, month 0-3, two totals) x 3 components, conversions plus one revenue currency for the
    // two targets with revenue.
    long withRevenue = last.filter("from_stage <> 'awareness'").select("from_stage", "segment_value").distinct().count();
    long withoutRevenue = series - withRevenue;
    assertThat(last.count()).isEqualTo(withoutRevenue * 20 * 3 + withRevenue * 20 * 3 * 2);

    // Never a NaN, a negative or an unordered interval.
    assertThat(all.filter("isnan(forecast_p10) OR isnan(forecast_p50) OR isnan(forecast_p90) OR isnan(forecast_mean)"
        + " OR forecast_p10 < 0 OR forecast_p10 > forecast_p50 OR forecast_p50 > forecast_p90").count()).isZero();
    // Four days of history: every fall-back shows, and says so.
    assertThat(last.select("inflow_basis").distinct().collectAsList()).extracting(r -> r.getString(0))
        .containsOnly("trailing_mean");
    assertThat(last.filter("segment_name = 'all' AND curve_observed_days < 90").count())
        .isEqualTo(last.filter("segment_name = 'all'").count());
    assertThat(last.filter("curve_basis = 'backed_off_to_all'").count()).isPositive();
    assertThat(last.filter("conversion_within_window_rate > 0.999").count()).as("a share never converts").isZero();
    // The first forecast week is the first whole week after the date; the date's own week is partial.
    assertThat(last.filter("period_grain = 'week' AND horizon = 1").select("period_start").distinct().first()
        .<LocalDate>getAs(0)).isEqualTo(LocalDate.of(2026, 11, 9));
    assertThat(last.filter("is_partial_period").select("period_grain", "horizon").distinct().count()).isEqualTo(2);
    // Revenue: a fixed amount per conversion, and the converting events' values in their currency.
    Row fixed = last.filter("from_stage = 'conversion' AND segment_name = 'all' AND period_grain = 'weeks_total'"
        + " AND component = 'total' AND measure = 'revenue'").first();
    Row counted = last.filter("from_stage = 'conversion' AND segment_name = 'all' AND period_grain = 'weeks_total'"
        + " AND component = 'total' AND measure = 'conversions'").first();
    assertThat(fixed.<String>getAs("currency")).isEqualTo("EUR");
    assertThat(fixed.<Double>getAs("forecast_p50")).isEqualTo(12.5 * counted.<Double>getAs("forecast_p50"));
    List<Row> observed = last.filter("from_stage = 'engagement' AND segment_name = 'all' AND measure = 'revenue'"
        + " AND period_grain = 'weeks_total' AND component = 'total'").collectAsList();
    assertThat(observed).hasSize(1);
    assertThat(observed.get(0).<String>getAs("currency")).isEqualTo("USD");
    assertThat(observed.get(0).<Double>getAs("forecast_p50")).isPositive();
    assertThat(result.describe()).contains(" series (").contains("next weeks p50 [p10, p90]: awareness -> engagement ");

    // A rerun of a past date gives the same figures (same seed) and touches no other slice.
    Dataset<Row> before = harness.snapshot(ForecastConversionsTable.SPEC);
    harness.forecast(LocalDate.of(2026, 11, 3));
    Dataset<Row> after = harness.snapshot(ForecastConversionsTable.SPEC);
    assertSameRows(before.filter(col("as_of_date").notEqual(lit(LocalDate.of(2026, 11, 3)))),
        after.filter(col("as_of_date").notEqual(lit(LocalDate.of(2026, 11, 3)))));
    assertSameRows(before.filter(col("as_of_date").equalTo(lit(LocalDate.of(2026, 11, 3)))).drop("run_id"),
        after.filter(col("as_of_date").equalTo(lit(LocalDate.of(2026, 11, 3)))).drop("run_id"));
    assertThat(after.filter(col("as_of_date").equalTo(lit(LocalDate.of(2026, 11, 3)))).select("run_id").distinct()
        .count()).isEqualTo(1);

    // The backtest: no week after these origins is over by the data's end, so every row is partial, none scored.
    BacktestResult backtest = harness.backtest(FIRST, LAST, 1);
    Dataset<Row> accuracy = harness.snapshot(ForecastAccuracyTable.SPEC);
    assertThat(backtest.origins()).isEqualTo(4);
    assertThat(accuracy.count()).isEqualTo(backtest.rowsWritten()).isPositive();
    assertThat(accuracy.filter("NOT is_partial").count()).isZero();
    assertThat(backtest.scored()).isZero();
    assertThat(accuracy.select("method").distinct().count()).isEqualTo(3);
    assertThat(harness.snapshot(ForecastAccuracySummaryTable.SPEC).count()).isZero();
    assertThat(backtest.describe()).contains("4 origins 2026-11-02..2026-11-05 against data as of 2026-11-05")
        .contains("nothing scored yet");
    assertThatThrownBy(() -> harness.backtest(FIRST, LAST.plusDays(1), 1)).isInstanceOf(JobFailedException.class)
        .hasMessageContaining("--to 2026-11-06 is after the data: the latest conversion run is for 2026-11-05");
    assertThat(harness.snapshot(PipelineRunsTable.SPEC).filter("job = 'forecast' AND status = 'succeeded'").count())
        .isEqualTo(5);
    assertThatThrownBy(() -> harness.forecast(LAST.plusDays(1))).isInstanceOf(JobFailedException.class)
        .hasMessageContaining("the latest conversion run is for 2026-11-05 (succeeded), so stage_conversions is not"
            + " as of 2026-11-06; run conversion for 2026-11-06 first");
  }

  @Test
  void refusesStageConversionsThatAreNotAsOfTheRunDate() {
    PipelineHarness harness = new PipelineHarness(PipelineHarness.dataSamples(), temp.resolve("warehouse"));
    assertThatThrownBy(() -> harness.forecast(FIRST)).isInstanceOf(JobFailedException.class)
        .hasMessageContaining("forecast 2026-11-02: conversion has never run; run conversion for 2026-11-02 first");
    // Only pipeline_runs is read: a recorded lifecycle attempt stands in for a lifecycle run.
    harness.recordAttempt(LifecycleJob.NAME, FIRST, PipelineRunsTable.STATUS_SUCCEEDED);
    assertThatThrownBy(() -> harness.forecast(FIRST)).isInstanceOf(JobFailedException.class)
        .hasMessageContaining("forecast 2026-11-02: conversion has never run");
    harness.recordAttempt(ConversionJob.NAME, FIRST.minusDays(1), PipelineRunsTable.STATUS_SUCCEEDED);
    assertThatThrownBy(() -> harness.forecast(FIRST)).isInstanceOf(JobFailedException.class)
        .hasMessageContaining("the latest conversion run is for 2026-11-01 (succeeded), so stage_conversions is not"
            + " as of 2026-11-02");
    assertThat(harness.snapshot(ForecastConversionsTable.SPEC).count()).isZero();
  }
}
