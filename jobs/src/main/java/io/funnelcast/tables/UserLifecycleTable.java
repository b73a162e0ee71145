package io.funnelcast.tables;

import static io.funnelcast.tables.TableSpec.column;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;

/** user_lifecycle: one row per user as of the run date. Written by lifecycle. */
public final class UserLifecycleTable {
  public static final TableSpec SPEC = new TableSpec("user_lifecycle",
      "One row per user as of the latest lifecycle run's run date (pipeline_runs says which): where the user is on"
          + " the stage ladder and how active they are.",
      TableSpec.columns(
          column("user_id", DataTypes.StringType, false, "User"),
          column("current_stage", DataTypes.StringType, true, "Stage the user is in; null if no stage's objective is met yet"),
          column("current_stage_index", DataTypes.IntegerType, true, "Position of current_stage on the ladder"),
          column("current_attempt", DataTypes.IntegerType, true, "Attempt number of the current stage visit"),
          column("stage_entered_at", DataTypes.TimestampType, true, "When the user entered the current stage"),
          column("highest_stage", DataTypes.StringType, true, "Highest stage the user ever reached"),
          column("highest_stage_index", DataTypes.IntegerType, true, "Position of highest_stage on the ladder"),
          column("activity_status", DataTypes.StringType, false,
              "As of the run date: new, active, dormant, resurrected or churned (rules in docs/lifecycle.md)"),
          column("first_seen_at", DataTypes.TimestampType, false, "Time of the user's first event"),
          column("last_seen_at", DataTypes.TimestampType, false, "Time of the user's latest event up to the end of the run date"),
          column("last_seen_month", DataTypes.DateType, false,
              "First day of the month (business time zone) of last_seen_at; the table is partitioned by it"),
          column("segments", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true), false,
              "Segment name -> value, from the user's first event (funnelcast.lifecycle.segments)")),
      // By recency: a nightly run rewrites only files of the months its users were last seen in.
      List.of("last_seen_month")).sortedBy("last_seen_at");

  private UserLifecycleTable() {}
}
