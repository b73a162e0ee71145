package io.funnelcast.tables;

import static io.funnelcast.tables.TableSpec.column;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;

/**
 * internal_lifecycle_daily_changes: every user's changes to lifecycle_daily summed per day × stage × segment.
 * lifecycle_daily is its running sum, so a nightly run adds the changed users' new changes and subtracts
 * their old ones instead of summing every user again. Internal: not for analysts.
 */
public final class InternalLifecycleDailyChangesTable {
  public static final String STATE_VERSION = "state_version";
  public static final String DELTA_ROWS = "delta_rows";

  public static final TableSpec SPEC = new TableSpec("internal_lifecycle_daily_changes",
      "Internal: per business day x stage x segment, the sum of all users' changes to lifecycle_daily (future"
          + " days included: a user's status changes with time); lifecycle_daily is its running sum.",
      TableSpec.columns(
          column("day", DataTypes.DateType, false, "Business day of the changes"),
          column("stage_index", DataTypes.IntegerType, false, "Position of the stage on the ladder"),
          column("segment_name", DataTypes.StringType, false, "Segment dimension, or 'all'"),
          column("segment_value", DataTypes.StringType, false, "Segment value, '(none)', or 'all'"),
          column("change_new", DataTypes.LongType, false, "Change in users in the stage with status new"),
          column("change_active", DataTypes.LongType, false, "Change in users in the stage with status active"),
          column("change_dormant", DataTypes.LongType, false, "Change in users in the stage with status dormant"),
          column("change_resurrected", DataTypes.LongType, false,
              "Change in users in the stage with status resurrected"),
          column("change_churned", DataTypes.LongType, false, "Change in users in the stage with status churned"),
          column("entered_count", DataTypes.LongType, false, "Stage visits that started on the day"),
          column("exited_count", DataTypes.LongType, false, "Stage visits that ended on the day"),
          column(DELTA_ROWS, DataTypes.LongType, false,
              "User changes summed into the row; a row whose count falls to 0 is dropped, as a full refresh would not have it"),
          column(STATE_VERSION, DataTypes.LongType, false,
              "Version of internal_user_lifecycle_state whose users the row sums")),
      List.of(), true);

  private InternalLifecycleDailyChangesTable() {}
}
