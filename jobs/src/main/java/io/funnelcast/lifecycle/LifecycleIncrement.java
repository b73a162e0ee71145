package io.funnelcast.lifecycle;

import static io.funnelcast.tables.EventsTable.EVENT_DATE;
import static io.funnelcast.tables.EventsTable.RUN_DATE;
import static io.funnelcast.tables.EventsTable.USER_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import io.funnelcast.tables.DeltaTables;
import io.funnelcast.tables.InternalUserStateTable;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * A nightly lifecycle run as pure functions: from the changed users, their recomputed state, the state's change
 * feed since the version the stored daily changes sum, and the stored rows, the rows each table's MERGE or
 * overwrite takes. {@link LifecycleJob} reads and writes; this decides what.
 *
 * <p>Upserts carry {@link #DELETE} (the key's row goes); user_lifecycle rows also carry {@link #STATUS_ONLY}
 * (only {@link #ACTIVITY_STATUS} changes).
 */
record LifecycleIncrement(LocalDate runDate, List<String> stageNames, ActivityRules rules) {
  static final String DELETE = "_funnelcast_delete";
  static final String STATUS_ONLY = "_funnelcast_status_only";
  static final String ACTIVITY_STATUS = "activity_status";
  static final List<String> USER_KEY = List.of(USER_ID);
  static final List<String> VISIT_KEY = List.of(USER_ID, "stage_index", "attempt");

  /**
   * Users with events delivered by this run date or falling on it, and users the {@code state} was computed for
   * on this run date before (a rerun recomputes them too).
   */
  static Dataset<Row> changedUsers(Dataset<Row> events, Dataset<Row> state, LocalDate runDate) {
    // Two filters, not one OR: event_date prunes partitions, run_date skips files by their statistics.
    Dataset<Row> withNewEvents = events.filter(col(EVENT_DATE).equalTo(lit(runDate))).select(USER_ID)
        .union(events.filter(col(RUN_DATE).equalTo(lit(runDate))).select(USER_ID));
    Dataset<Row> computedBefore = state.filter(col(InternalUserStateTable.COMPUTED_FOR_DATE).equalTo(lit(runDate)))
        .select(USER_ID);
    return withNewEvents.union(computedBefore).distinct();
  }

  /** The changed users' new state rows; a changed user with no events left is marked for deletion. */
  static Dataset<Row> stateUpserts(Dataset<Row> changed, Dataset<Row> computed) {
    return changed.join(computed, changed.col(USER_ID).equalTo(computed.col(USER_ID)), "left")
        .select(computed.col("*"), changed.col(USER_ID).as("_changed_user"))
        .withColumn(USER_ID, col("_changed_user"))
        .withColumn(DELETE, col("first_seen_at").isNull())
        .drop("_changed_user");
  }

  /**
   * user_stage_history's upserts and deletes. When this run's state MERGE is the only change in the feed
   * ({@code feedIsThisRunOnly}, see {@link #otherCommits}), the table holds the replaced rows' visits: the
   * unchanged visits (most of them) need no write, and their files no rewrite. After a failed attempt the table
   * may hold either version, so every visit is written.
   */
  Dataset<Row> historyUpserts(Dataset<Row> computed, Dataset<Row> feed, boolean feedIsThisRunOnly) {
    Dataset<Row> history = LifecycleTables.history(computed);
    Dataset<Row> changedVisits = feedIsThisRunOnly
        ? history.except(LifecycleTables.history(rowsBeforeFirstChange(feed))) : history;
    return upsertsAndDeletes(changedVisits, history, LifecycleTables.history(stateRows(feed)), VISIT_KEY);
  }

  /** The feed's rows from commits other than this run's state MERGE ({@code stateVersion}). */
  static Dataset<Row> otherCommits(Dataset<Row> feed, long stateVersion) {
    return feed.filter(col(DeltaTables.COMMIT_VERSION).notEqual(lit(stateVersion)));
  }

  /**
   * user_lifecycle's upserts and deletes for the changed users, and status-only rows for the unchanged users of
   * {@code storedState} whose activity status moved with the date alone.
   */
  Dataset<Row> userUpserts(Dataset<Row> computed, Dataset<Row> feed, Dataset<Row> changed,
      Dataset<Row> storedState) {
    Dataset<Row> fresh = snapshot(computed);
    return upsertsAndDeletes(fresh, fresh, snapshot(stateRows(feed)), USER_KEY)
        .withColumn(STATUS_ONLY, lit(false))
        .unionByName(statusMovedWithTheDate(changed, storedState), true);
  }

  /** internal_lifecycle_daily_changes after the run: the changed users' old changes out, their new ones in. */
  static Dataset<Row> dailyChanges(Dataset<Row> storedChanges, Dataset<Row> computed, Dataset<Row> feed) {
    return LifecycleTables.updateChanges(storedChanges, LifecycleTables.dailyChanges(computed),
        LifecycleTables.dailyChanges(rowsBeforeFirstChange(feed)));
  }

  private Dataset<Row> snapshot(Dataset<Row> state) {
    return LifecycleTables.snapshot(state, runDate, stageNames, rules);
  }

  /**
   * Status-only rows for the unchanged users whose activity status as of the run date differs from the day
   * before (new → active, active → dormant, ...). The table holds the day before's status for them: the previous
   * run was for the day before, or for this day. A status moves with the date alone only on the days its
   * thresholds are crossed, which narrow columns find; the full rule then confirms.
   */
  private Dataset<Row> statusMovedWithTheDate(Dataset<Row> changed, Dataset<Row> storedState) {
    Column thresholdCrossed = col("first_seen_day").equalTo(lit(runDate.minusDays(rules.newForDays())))
        .or(col("last_return_day").equalTo(lit(runDate.minusDays(rules.newForDays()))))
        .or(col("last_active_day").equalTo(lit(runDate.minusDays(rules.dormantAfterDays()))))
        .or(col("last_active_day").equalTo(lit(runDate.minusDays(rules.churnedAfterDays()))));
    Column today = LifecycleTables.activityStatus(rules, runDate);
    return storedState.filter(thresholdCrossed)
        .join(changed, scala.collection.JavaConverters.asScalaBuffer(USER_KEY).toSeq(), "left_anti")
        .filter(today.notEqual(LifecycleTables.activityStatus(rules, runDate.minusDays(1))))
        .select(col(USER_ID), today.as(ACTIVITY_STATUS), lit(false).as(DELETE), lit(true).as(STATUS_ONLY));
  }

  /** From a change feed: each user's row as it was before the user's first change in the feed, if it existed. */
  private static Dataset<Row> rowsBeforeFirstChange(Dataset<Row> feed) {
    return stateRows(feed
        .withColumn("_first_change", min(col(DeltaTables.COMMIT_VERSION)).over(Window.partitionBy(USER_ID)))
        .filter(col(DeltaTables.COMMIT_VERSION).equalTo(col("_first_change"))
            .and(col(DeltaTables.CHANGE_TYPE).isin("update_preimage", "delete"))));
  }

  /** Rows replaced since the summed version, and rows written since (also by an attempt that failed after writing). */
  private static Dataset<Row> stateRows(Dataset<Row> feed) {
    return feed.select(InternalUserStateTable.SPEC.columnNames().stream().map(functions::col).toArray(Column[]::new));
  }

  /** {@code upserts} to write, and a delete for every key of {@code stale} that {@code fresh} lacks. */
  private static Dataset<Row> upsertsAndDeletes(Dataset<Row> upserts, Dataset<Row> fresh, Dataset<Row> stale,
      List<String> key) {
    scala.collection.Seq<String> keySeq = scala.collection.JavaConverters.asScalaBuffer(key).toSeq();
    Dataset<Row> gone = stale.join(fresh.select(key.stream().map(functions::col).toArray(Column[]::new)), keySeq,
        "left_anti").dropDuplicates(keySeq);
    return upserts.withColumn(DELETE, lit(false)).unionByName(gone.withColumn(DELETE, lit(true)));
  }
}
