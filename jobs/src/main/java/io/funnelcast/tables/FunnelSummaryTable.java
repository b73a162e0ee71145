package io.funnelcast.tables;

import static io.funnelcast.tables.TableSpec.column;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;

/** funnel_summary: the stage ladder as a funnel, per cohort month, one slice per run date. */
public final class FunnelSummaryTable {
  public static final String AS_OF_DATE = "as_of_date";

  public static final TableSpec SPEC = new TableSpec("funnel_summary",
      "The stage ladder read as one funnel, as known on as_of_date: for each step (a stage to the next) how many"
          + " users who reached the first stage reached the next and how long it took, and the funnel length from"
          + " the first stage to the last. Uses each user's first arrival at each stage; no window. Users belong"
          + " to the cohort month in which they reached the first stage. Each conversion run replaces its"
          + " as_of_date's rows.",
      TableSpec.columns(
          column("as_of_date", DataTypes.DateType, false, "Run date the figures are as of"),
          column("cohort_month", DataTypes.DateType, true,
              "First day of the business month in which users reached the first stage; null = all cohorts"),
          column("step_index", DataTypes.IntegerType, false,
              "1 for the first stage to the second, ...; 0 for the whole funnel (first stage to last)"),
          column("from_stage", DataTypes.StringType, false, "Stage the step starts at"),
          column("to_stage", DataTypes.StringType, false, "Stage the step ends at"),
          column("reached_count", DataTypes.LongType, false, "Users of the cohort who reached from_stage"),
          column("converted_count", DataTypes.LongType, false, "Of reached_count, those who reached to_stage"),
          column("conversion_rate", DataTypes.DoubleType, false, "converted_count / reached_count"),
          column("time_p25_days", DataTypes.DoubleType, true,
              "Over converters: 25th percentile of days from first reaching from_stage to first reaching to_stage"
                  + " (exact, linear interpolation); for step 0 this is the funnel length"),
          column("time_p50_days", DataTypes.DoubleType, true, "Over converters: median days"),
          column("time_p75_days", DataTypes.DoubleType, true, "Over converters: 75th percentile of days"),
          column("time_p90_days", DataTypes.DoubleType, true, "Over converters: 90th percentile of days")),
      List.of());

  private FunnelSummaryTable() {}
}
