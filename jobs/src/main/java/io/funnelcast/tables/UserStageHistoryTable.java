package io.funnelcast.tables;

import static io.funnelcast.tables.TableSpec.column;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;

/** user_stage_history: one row per visit of a stage by a user. Written by lifecycle. */
public final class UserStageHistoryTable {
  public static final TableSpec SPEC = new TableSpec("user_stage_history",
      "One row per visit of a lifecycle stage by a user (user x stage x attempt), as of the latest lifecycle run"
          + " (pipeline_runs says which run date that is).",
      TableSpec.columns(
          column("user_id", DataTypes.StringType, false, "User"),
          column("stage", DataTypes.StringType, false, "Stage name from the stage model"),
          column("stage_index", DataTypes.IntegerType, false, "Position of the stage on the ladder, 0 = lowest"),
          column("attempt", DataTypes.IntegerType, false, "1 for the first visit of this stage, 2 after coming back to it, ..."),
          column("entered_at", DataTypes.TimestampType, false, "When the user entered the stage (the entry event's time)"),
          column("entered_month", DataTypes.DateType, false,
              "First day of the month (business time zone) of entered_at; the table is partitioned by it"),
          column("exited_at", DataTypes.TimestampType, true, "When the user left the stage; null while the user is in it"),
          column("entry_event_id", DataTypes.StringType, false, "Event that brought the user into the stage"),
          column("exit_reason", DataTypes.StringType, true,
              "advanced (moved to a higher stage) or exit:<event type> (moved back by an exit event); null while in the stage"),
          column("exit_event_id", DataTypes.StringType, true, "Event that moved the user back, for exit:<event type>"),
          column("is_skipped", DataTypes.BooleanType, false,
              "Entered only because a later stage was reached at the same instant; its own objective was not met")),
      // A night closes and opens mostly recent visits, so its MERGE rewrites files of recent months only.
      List.of("entered_month")).sortedBy("entered_at");

  private UserStageHistoryTable() {}
}
