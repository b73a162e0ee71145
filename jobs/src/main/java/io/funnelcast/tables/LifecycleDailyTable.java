package io.funnelcast.tables;

import static io.funnelcast.tables.TableSpec.column;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;

/** lifecycle_daily: per business day x stage x segment counts. Written by lifecycle. */
public final class LifecycleDailyTable {
  public static final String ALL = "all";

  public static final TableSpec SPEC = new TableSpec("lifecycle_daily",
      "Users per lifecycle stage on each business day, by segment (segment_name = 'all' for everyone), with"
          + " the day's entries and exits and the activity status of the users in the stage.",
      TableSpec.columns(
          column("day", DataTypes.DateType, false, "Business day (funnelcast.business-time-zone); counts are at its end"),
          column("stage", DataTypes.StringType, false, "Stage name"),
          column("stage_index", DataTypes.IntegerType, false, "Position of the stage on the ladder"),
          column("segment_name", DataTypes.StringType, false, "Segment dimension, or 'all'"),
          column("segment_value", DataTypes.StringType, false, "Segment value ('(none)' when the user has none), or 'all'"),
          column("users_in_stage", DataTypes.LongType, false, "Users whose current stage this is at the end of the day"),
          column("users_new", DataTypes.LongType, false, "Of users_in_stage, those with activity status new"),
          column("users_active", DataTypes.LongType, false, "Of users_in_stage, those with activity status active"),
          column("users_dormant", DataTypes.LongType, false, "Of users_in_stage, those with activity status dormant"),
          column("users_resurrected", DataTypes.LongType, false, "Of users_in_stage, those with activity status resurrected"),
          column("users_churned", DataTypes.LongType, false, "Of users_in_stage, those with activity status churned"),
          column("entered_count", DataTypes.LongType, false, "Stage visits that started on the day (skipped visits included)"),
          column("exited_count", DataTypes.LongType, false, "Stage visits that ended on the day"),
          column("as_of_date", DataTypes.DateType, false, "Run date of the lifecycle run that wrote the table")),
      List.of());

  private LifecycleDailyTable() {}
}
