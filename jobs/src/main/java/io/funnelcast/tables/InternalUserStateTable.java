package io.funnelcast.tables;

import static io.funnelcast.tables.TableSpec.column;

import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * internal_user_lifecycle_state: per-user lifecycle state the nightly run merges into, so only users with
 * new events are recomputed. Internal: not for analysts, may change between versions.
 */
public final class InternalUserStateTable {
  // Nested fields are nullable: Delta cannot enforce NOT NULL inside arrays.
  public static final StructType VISIT = new StructType()
      .add("stage", DataTypes.StringType, true)
      .add("stage_index", DataTypes.IntegerType, true)
      .add("attempt", DataTypes.IntegerType, true)
      .add("entered_at", DataTypes.TimestampType, true)
      .add("exited_at", DataTypes.TimestampType, true)
      .add("entry_event_id", DataTypes.StringType, true)
      .add("exit_reason", DataTypes.StringType, true)
      .add("exit_event_id", DataTypes.StringType, true)
      .add("is_skipped", DataTypes.BooleanType, true)
      .add("entered_month", DataTypes.DateType, true);
  public static final StructType DELTA = new StructType()
      .add("day", DataTypes.DateType, true)
      .add("stage_index", DataTypes.IntegerType, true)
      .add("status", DataTypes.StringType, true)
      .add("in_stage_delta", DataTypes.IntegerType, true)
      .add("entered_count", DataTypes.IntegerType, true)
      .add("exited_count", DataTypes.IntegerType, true);

  public static final String COMPUTED_FOR_DATE = "computed_for_date";

  public static final TableSpec SPEC = new TableSpec("internal_user_lifecycle_state",
      "Internal: one row per user with everything the lifecycle tables are derived from; merged nightly for users with new events.",
      TableSpec.columns(
          column("user_id", DataTypes.StringType, false, "User"),
          column("first_seen_at", DataTypes.TimestampType, false, "Time of the first event"),
          column("last_seen_at", DataTypes.TimestampType, false, "Time of the latest event considered"),
          column("last_seen_month", DataTypes.DateType, false, "First day of the business month of last_seen_at"),
          column("event_count", DataTypes.LongType, false, "Events the row was computed from"),
          column("first_seen_day", DataTypes.DateType, false, "Business day of the first event"),
          column("last_active_day", DataTypes.DateType, true, "Latest business day with a non-churn event"),
          column("last_return_day", DataTypes.DateType, true, "Latest day the user came back after dormancy or churn"),
          column("ends_with_churn", DataTypes.BooleanType, false, "The latest event is a churn event"),
          column("segments", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true), false,
              "Segment values from the first event"),
          column("visits", new ArrayType(VISIT, true), false, "Stage visits in order"),
          column("daily_deltas", new ArrayType(DELTA, true), false, "The user's changes to lifecycle_daily"),
          column(COMPUTED_FOR_DATE, DataTypes.DateType, false, "Run date of the lifecycle run that computed the row")),
      // By recency: a night's users were mostly last seen lately, so its MERGE marks rows in few months. Not
      // ordered within the month: with deletion vectors a MERGE marks rows instead of rewriting their files,
      // and the full refresh then writes the state as it is computed, without a shuffle of these wide rows.
      List.of("last_seen_month"), true);

  private InternalUserStateTable() {}
}
