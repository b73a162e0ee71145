package io.funnelcast.tables;

import static io.funnelcast.tables.TableSpec.column;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;

/** stage_conversions: one row per user x stage pair x attempt. Written by conversion. */
public final class StageConversionsTable {
  public static final String CENSORED_RUN_DATE = "run_date";
  public static final String CENSORED_WINDOW_END = "window_end";
  public static final String CENSORED_NEXT_ATTEMPT = "next_attempt";

  public static final TableSpec SPEC = new TableSpec("stage_conversions",
      "One row per user x stage pair (from -> to) x attempt at the from stage, as of the latest conversion run:"
          + " when the user entered the from stage, whether and when they entered the to stage within the pair's"
          + " window, and otherwise when observation stopped (censoring).",
      TableSpec.columns(
          column("user_id", DataTypes.StringType, false, "User"),
          column("from_stage", DataTypes.StringType, false, "Stage A of the pair"),
          column("to_stage", DataTypes.StringType, false, "Stage B of the pair"),
          column("attempt", DataTypes.IntegerType, false, "Attempt number of the user's visit of from_stage"),
          column("from_at", DataTypes.TimestampType, false, "When the user entered from_stage (this attempt)"),
          column("to_at", DataTypes.TimestampType, true,
              "First entry into to_stage at or after from_at, before the next attempt at from_stage and within the"
                  + " window; null if not converted"),
          column("is_converted", DataTypes.BooleanType, false, "to_at is set"),
          column("is_censored", DataTypes.BooleanType, false, "Not converted: observation stopped at censored_at"),
          column("censored_at", DataTypes.TimestampType, true,
              "For censored rows: the earliest of the end of the run date, the end of the window and the start of"
                  + " the next attempt at from_stage"),
          column("censor_reason", DataTypes.StringType, true,
              "run_date (still in flight), window_end (the window passed) or next_attempt (the user re-entered"
                  + " from_stage first); null when converted"),
          column("is_in_flight", DataTypes.BooleanType, false,
              "Not converted and the window is still open at the end of the run date"),
          column("duration_seconds", DataTypes.DoubleType, false,
              "Observed time: to_at - from_at when converted, censored_at - from_at otherwise"),
          column("duration_days", DataTypes.DoubleType, false, "duration_seconds / 86400"),
          column("window_days", DataTypes.DoubleType, false, "The pair's conversion window in days"),
          column("cohort_day", DataTypes.DateType, false, "Business day (business time zone) of from_at"),
          column("cohort_week", DataTypes.DateType, false, "First day of the business week (week-start) of from_at"),
          column("cohort_month", DataTypes.DateType, false, "First day of the business month of from_at"),
          column("segments", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true), false,
              "The user's segments (as in user_lifecycle)"),
          column("as_of_date", DataTypes.DateType, false, "Run date of the conversion run that wrote the table")),
      List.of());

  private StageConversionsTable() {}
}
