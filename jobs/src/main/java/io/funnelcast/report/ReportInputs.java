package io.funnelcast.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.tables.CohortConversionTable;
import io.funnelcast.tables.DeltaTables;
import io.funnelcast.tables.EventsQuarantineTable;
import io.funnelcast.tables.ForecastAccuracySummaryTable;
import io.funnelcast.tables.ForecastConversionsTable;
import io.funnelcast.tables.FunnelSummaryTable;
import io.funnelcast.tables.LifecycleDailyTable;
import io.funnelcast.tables.PipelineRunsTable;
import io.funnelcast.tables.StageConversionsTable;
import io.funnelcast.tables.UserLifecycleTable;
import io.funnelcast.tables.UserStageHistoryTable;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The tables a report reads, as of its date: the as-of slices of the snapshot tables, and the per-user tables
 * only when the latest run that wrote them was for that date (they keep no history). Empty when a table is
 * not in the warehouse or has nothing as of the date; nothing is created.
 */
record ReportInputs(LocalDate asOf, FunnelcastConfig config, Optional<Dataset<Row>> lifecycleDaily,
    Optional<LocalDate> lifecycleAsOf, Optional<Dataset<Row>> history, Optional<Dataset<Row>> users,
    Optional<Dataset<Row>> funnelSummary, Optional<Dataset<Row>> cohortConversion,
    Optional<Dataset<Row>> stageConversions, Optional<LocalDate> conversionsAsOf,
    Optional<Dataset<Row>> forecast, Optional<Dataset<Row>> accuracySummary, Optional<Dataset<Row>> runs,
    Optional<Dataset<Row>> quarantine) {

  static ReportInputs read(DeltaTables tables, FunnelcastConfig config, LocalDate asOf) {
    Optional<Dataset<Row>> daily = tables.readIfExists(LifecycleDailyTable.SPEC)
        .map(rows -> rows.filter(col("day").leq(lit(asOf))));
    Optional<LocalDate> lifecycleAsOf = daily.flatMap(rows -> latest(rows, "as_of_date"));
    boolean lifecycleCurrent = lifecycleAsOf.filter(asOf::equals).isPresent();
    Optional<Dataset<Row>> conversions = tables.readIfExists(StageConversionsTable.SPEC);
    Optional<LocalDate> conversionsAsOf = conversions.flatMap(rows -> latest(rows, "as_of_date"));
    return new ReportInputs(asOf, config, daily, lifecycleAsOf,
        lifecycleCurrent ? tables.readIfExists(UserStageHistoryTable.SPEC) : Optional.empty(),
        lifecycleCurrent ? tables.readIfExists(UserLifecycleTable.SPEC) : Optional.empty(),
        asOfSlice(tables, FunnelSummaryTable.SPEC, asOf), asOfSlice(tables, CohortConversionTable.SPEC, asOf),
        conversionsAsOf.filter(asOf::equals).flatMap(d -> conversions), conversionsAsOf,
        asOfSlice(tables, ForecastConversionsTable.SPEC, asOf),
        tables.readIfExists(ForecastAccuracySummaryTable.SPEC)
            .map(rows -> rows.filter(col("data_end_date").leq(lit(asOf)))),
        tables.readIfExists(PipelineRunsTable.SPEC).map(rows -> rows.filter(col(PipelineRunsTable.RUN_DATE).leq(lit(asOf)))),
        tables.readIfExists(EventsQuarantineTable.SPEC)
            .map(rows -> rows.filter(col(EventsQuarantineTable.RUN_DATE).leq(lit(asOf)))));
  }

  private static Optional<Dataset<Row>> asOfSlice(DeltaTables tables, io.funnelcast.tables.TableSpec spec,
      LocalDate asOf) {
    return tables.readIfExists(spec).map(rows -> rows.filter(col("as_of_date").equalTo(lit(asOf))));
  }

  private static Optional<LocalDate> latest(Dataset<Row> rows, String dateColumn) {
    // As text: Delta answers a bare max(date) from its file statistics, and that path fails on java.time values.
    Row row = rows.agg(max(col(dateColumn).cast("string"))).first();
    return row.isNullAt(0) ? Optional.empty() : Optional.of(LocalDate.parse(row.getString(0)));
  }

  /** Why a per-user table is not read: it holds another date's state, or is not there. */
  String perUserNote(Optional<LocalDate> tablesAsOf, String what) {
    return tablesAsOf.map(d -> what + " come from the per-user tables, which hold the latest run's state ("
        + d + "), not " + asOf + "'s").orElse(what + " need the per-user tables, which are not there yet");
  }
}
