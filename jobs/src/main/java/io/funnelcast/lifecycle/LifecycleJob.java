package io.funnelcast.lifecycle;

import static io.funnelcast.tables.EventsTable.EVENT_DATE;
import static io.funnelcast.tables.EventsTable.EVENT_TIME;
import static io.funnelcast.tables.EventsTable.RUN_DATE;
import static io.funnelcast.tables.EventsTable.USER_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;

import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.ingest.EventTimes;
import io.funnelcast.run.Job;
import io.funnelcast.run.RunContext;
import io.funnelcast.run.Steps;
import io.funnelcast.run.Version;
import io.funnelcast.tables.DeltaTables;
import io.funnelcast.tables.EventsTable;
import io.funnelcast.tables.InternalLifecycleDailyChangesTable;
import io.funnelcast.tables.InternalUserStateTable;
import io.funnelcast.tables.LifecycleDailyTable;
import io.funnelcast.tables.PipelineRunsTable;
import io.funnelcast.tables.TableSpec;
import io.funnelcast.tables.UserLifecycleTable;
import io.funnelcast.tables.UserStageHistoryTable;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * lifecycle: events up to the end of the run date → internal per-user state → user_stage_history,
 * user_lifecycle and lifecycle_daily.
 *
 * <p>A nightly run recomputes only the users whose events changed (delivered by this run date's ingest, or
 * falling on this date) and merges their rows into the state and into the two per-user tables; the rows the
 * state MERGE replaced come back from the state's change feed. A user's computed row does not depend on the
 * run date (see {@link UserTimeline}), so the result equals a full refresh; the users whose activity status
 * moves on with the date alone are found from four stored facts. lifecycle_daily is the running sum of
 * internal_lifecycle_daily_changes, to which the run adds the changed users' new changes and from which it
 * takes their old ones.
 *
 * <p>A full refresh happens when asked, when there is no successful run yet, or when the latest successful
 * run or the latest attempt was not for the day before (or this day) or ran under another configuration or
 * Funnelcast version.
 */
public final class LifecycleJob implements Job<LifecycleResult> {
  public static final String NAME = "lifecycle";
  private static final Logger LOG = LoggerFactory.getLogger(LifecycleJob.class);
  private static final String DELETE = "_funnelcast_delete";
  private static final String STATUS_ONLY = "_funnelcast_status_only";
  private static final String ACTIVITY_STATUS = "activity_status";
  private static final List<String> USER_KEY = List.of(USER_ID);
  private static final List<String> VISIT_KEY = List.of(USER_ID, "stage_index", "attempt");
  private static final scala.collection.Seq<String> USER_KEY_SEQ =
      scala.collection.JavaConverters.asScalaBuffer(USER_KEY).toSeq();

  private final SparkSession spark;
  private final FunnelcastConfig config;
  private final DeltaTables tables;
  private final boolean fullRefreshRequested;
  private final LocalDate deliveredAheadUntil;

  public LifecycleJob(SparkSession spark, FunnelcastConfig config, DeltaTables tables, boolean fullRefresh) {
    this(spark, config, tables, fullRefresh, null);
  }

  /**
   * For a backfill, which ingests every date before the first lifecycle run: events that run dates after the
   * run date, up to {@code deliveredAheadUntil}, delivered are not seen, as when the dates run one by one.
   */
  public LifecycleJob(SparkSession spark, FunnelcastConfig config, DeltaTables tables, boolean fullRefresh,
      LocalDate deliveredAheadUntil) {
    this.spark = spark;
    this.config = config;
    this.tables = tables;
    this.fullRefreshRequested = fullRefresh;
    this.deliveredAheadUntil = deliveredAheadUntil;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public LifecycleResult execute(RunContext context) {
    LocalDate runDate = context.runDate();
    Dataset<Row> events = tables.read(EventsTable.SPEC).filter(col(EVENT_TIME).lt(
        EventTimes.literal(EventTimes.endOfDay(runDate))));
    if (deliveredAheadUntil != null && deliveredAheadUntil.isAfter(runDate)) {
      events = events.filter(not(col(RUN_DATE).between(lit(runDate.plusDays(1)), lit(deliveredAheadUntil))));
    }
    ObjectiveCompiler.validate(events, config.lifecycle().model());
    Steps steps = new Steps(spark, context, 0);
    Continuation continuation = steps.run("check-previous-runs", () -> fullRefreshRequested
        ? Continuation.fullRefresh("asked for") : continuation(runDate, context.configHash()));
    return continuation.fullRefreshReason() == null
        ? nightly(events, context, steps, continuation.summedStateVersion())
        : fullRefresh(events, context, steps, continuation.fullRefreshReason());
  }

  /** How a run goes on from the stored state: a nightly run from a state version, or a full refresh and why. */
  private record Continuation(long summedStateVersion, String fullRefreshReason) {
    static Continuation fullRefresh(String why) {
      LOG.info("lifecycle: a full refresh: {}", why);
      return new Continuation(-1, why);
    }
  }

  /**
   * Writes the state as it is computed, then derives the other tables from the written state: holding the
   * computed state cached for them instead spilled it to disk at 100M events, and that run ran out of disk.
   */
  private LifecycleResult fullRefresh(Dataset<Row> events, RunContext context, Steps steps, String reason) {
    steps.expectTotal(5);
    steps.run("compute-and-write-state", () -> tables.overwrite(InternalUserStateTable.SPEC,
        compute(events, context.runDate()), context.runId()));
    long stateVersion = tables.version(InternalUserStateTable.SPEC);
    Dataset<Row> state = tables.read(InternalUserStateTable.SPEC);
    steps.run("write-history-and-users", () -> {
      tables.overwrite(UserStageHistoryTable.SPEC, LifecycleTables.history(state), context.runId());
      tables.overwrite(UserLifecycleTable.SPEC, snapshot(state, context.runDate()), context.runId());
    });
    steps.run("write-daily", () -> writeDaily(LifecycleTables.dailyChanges(state), stateVersion, context));
    return steps.run("count-rows", () -> result(context.runDate(), reason, totals(state)));
  }

  private LifecycleResult nightly(Dataset<Row> events, RunContext context, Steps steps, long summedStateVersion) {
    LocalDate runDate = context.runDate();
    steps.expectTotal(8);
    // Checkpointed: writing the state would otherwise drop it from the cache, to be recomputed from the
    // state as changed.
    Dataset<Row> changed = steps.run("find-changed-users", () -> changedUsers(events, runDate).localCheckpoint());
    // Cached: the changed users' state feeds the state MERGE and the three tables.
    Dataset<Row> computed = compute(events.join(changed, USER_KEY_SEQ, "left_semi"), runDate)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long[] counts = steps.run("compute-user-state", () -> totals(computed));
      steps.run("write-state", () -> tables.mergeByKey(InternalUserStateTable.SPEC, withDeletes(changed, computed),
          USER_KEY, DELETE, context.runId()));
      long stateVersion = tables.version(InternalUserStateTable.SPEC);
      Dataset<Row> feed = steps.run("read-state-changes", () ->
          tables.changesSince(InternalUserStateTable.SPEC, summedStateVersion).localCheckpoint());
      Dataset<Row> previous = rowsBeforeFirstChange(feed);
      // Rows replaced since the summed version, and rows written since (also by an attempt that failed after
      // writing the state): any of their visits or users the new rows lack must go.
      Dataset<Row> replacedOrWritten = stateRows(feed);
      steps.run("write-history-and-users", () -> {
        Dataset<Row> history = LifecycleTables.history(computed);
        // With this run's MERGE the only change since the summed version, the table holds the replaced rows'
        // visits: the unchanged visits (most of them) need no write, and their files no rewrite. After a failed
        // attempt the table may hold either version, so every visit is written.
        boolean onlyThisRun = feed.filter(col(DeltaTables.COMMIT_VERSION).notEqual(lit(stateVersion))).isEmpty();
        Dataset<Row> changedVisits = onlyThisRun ? history.except(LifecycleTables.history(previous)) : history;
        tables.mergeByKey(UserStageHistoryTable.SPEC,
            upsertsAndDeletes(changedVisits, history, LifecycleTables.history(replacedOrWritten), VISIT_KEY),
            VISIT_KEY, DELETE, context.runId());
        Dataset<Row> fresh = snapshot(computed, runDate);
        Dataset<Row> users = upsertsAndDeletes(fresh, fresh, snapshot(replacedOrWritten, runDate), USER_KEY)
            .withColumn(STATUS_ONLY, lit(false))
            .unionByName(statusMovedWithTheDate(changed, runDate), true);
        tables.mergeByKey(UserLifecycleTable.SPEC, users, USER_KEY, DELETE, STATUS_ONLY, List.of(ACTIVITY_STATUS),
            context.runId());
      });
      steps.run("write-daily", () -> writeDaily(LifecycleTables.updateChanges(
              tables.read(InternalLifecycleDailyChangesTable.SPEC), LifecycleTables.dailyChanges(computed),
              LifecycleTables.dailyChanges(previous)),
          stateVersion, context));
      return steps.run("count-rows", () -> result(runDate, null, counts));
    } finally {
      computed.unpersist();
    }
  }

  /** From a change feed: each user's row as it was before the user's first change in the feed, if it existed. */
  private static Dataset<Row> rowsBeforeFirstChange(Dataset<Row> feed) {
    return stateRows(feed
        .withColumn("_first_change", min(col(DeltaTables.COMMIT_VERSION)).over(Window.partitionBy(USER_ID)))
        .filter(col(DeltaTables.COMMIT_VERSION).equalTo(col("_first_change"))
            .and(col(DeltaTables.CHANGE_TYPE).isin("update_preimage", "delete"))));
  }

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

  private Dataset<Row> compute(Dataset<Row> userEvents, LocalDate runDate) {
    return LifecycleState.compute(userEvents, config.lifecycle(), config.businessTimeZone(), runDate);
  }

  private static long[] totals(Dataset<Row> computed) {
    Row totals = computed.agg(sum(col("event_count")), count(lit(1))).first();
    return new long[] {totals.isNullAt(0) ? 0 : totals.getLong(0), totals.getLong(1)};
  }

  private Dataset<Row> snapshot(Dataset<Row> state, LocalDate runDate) {
    return LifecycleTables.snapshot(state, runDate, config.lifecycle().model().stageNames(), rules());
  }

  private ActivityRules rules() {
    return ActivityRules.of(config.lifecycle().activity());
  }

  /** The changed users' new state rows; a changed user with no events left is marked for deletion. */
  private static Dataset<Row> withDeletes(Dataset<Row> changed, Dataset<Row> computed) {
    return changed.join(computed, changed.col(USER_ID).equalTo(computed.col(USER_ID)), "left")
        .select(computed.col("*"), changed.col(USER_ID).as("_changed_user"))
        .withColumn(USER_ID, col("_changed_user"))
        .withColumn(DELETE, col("first_seen_at").isNull())
        .drop("_changed_user");
  }

  /**
   * Status-only user_lifecycle rows for the unchanged users whose activity status as of the run date differs
   * from the day before (new → active, active → dormant, ...). The table holds the day before's status for
   * them: the previous run was for the day before, or for this day. A status moves with the date alone only
   * on the days its thresholds are crossed, which narrow columns find; the full rule then confirms.
   */
  private Dataset<Row> statusMovedWithTheDate(Dataset<Row> changed, LocalDate runDate) {
    ActivityRules rules = rules();
    Column thresholdCrossed = col("first_seen_day").equalTo(lit(runDate.minusDays(rules.newForDays())))
        .or(col("last_return_day").equalTo(lit(runDate.minusDays(rules.newForDays()))))
        .or(col("last_active_day").equalTo(lit(runDate.minusDays(rules.dormantAfterDays()))))
        .or(col("last_active_day").equalTo(lit(runDate.minusDays(rules.churnedAfterDays()))));
    Column today = LifecycleTables.activityStatus(rules, runDate);
    return tables.read(InternalUserStateTable.SPEC).filter(thresholdCrossed)
        .join(changed, USER_KEY_SEQ, "left_anti")
        .filter(today.notEqual(LifecycleTables.activityStatus(rules, runDate.minusDays(1))))
        .select(col(USER_ID), today.as(ACTIVITY_STATUS), lit(false).as(DELETE), lit(true).as(STATUS_ONLY));
  }

  /** Stores the daily changes as summing this state version, and writes lifecycle_daily from them. */
  private void writeDaily(Dataset<Row> changes, long stateVersion, RunContext context) {
    tables.overwrite(InternalLifecycleDailyChangesTable.SPEC,
        changes.withColumn(InternalLifecycleDailyChangesTable.STATE_VERSION, lit(stateVersion)), context.runId());
    tables.overwrite(LifecycleDailyTable.SPEC, LifecycleTables.daily(tables.read(InternalLifecycleDailyChangesTable.SPEC),
        context.runDate(), config.lifecycle().model().stageNames()), context.runId());
  }

  private LifecycleResult result(LocalDate runDate, String fullRefreshReason, long[] counts) {
    return new LifecycleResult(runDate, fullRefreshReason, counts[0], counts[1], tables.read(UserLifecycleTable.SPEC).count(),
        tables.read(UserStageHistoryTable.SPEC).count(), tables.read(LifecycleDailyTable.SPEC).count());
  }

  /** Users with events delivered by this run date or falling on it, and users this run date computed before. */
  private Dataset<Row> changedUsers(Dataset<Row> events, LocalDate runDate) {
    // Two filters, not one OR: event_date prunes partitions, run_date skips files by their statistics.
    Dataset<Row> withNewEvents = events.filter(col(EVENT_DATE).equalTo(lit(runDate))).select(USER_ID)
        .union(events.filter(col(RUN_DATE).equalTo(lit(runDate))).select(USER_ID));
    Dataset<Row> computedBefore = tables.read(InternalUserStateTable.SPEC)
        .filter(col("computed_for_date").equalTo(lit(runDate))).select(USER_ID);
    return withNewEvents.union(computedBefore).distinct();
  }

  /** A nightly run from the state version the daily changes sum, when the previous run can be continued. */
  private Continuation continuation(LocalDate runDate, String configHash) {
    String notContinued = whyNotContinued(runDate, configHash);
    if (notContinued != null) {
      return Continuation.fullRefresh(notContinued);
    }
    for (TableSpec table : List.of(InternalUserStateTable.SPEC, UserStageHistoryTable.SPEC, UserLifecycleTable.SPEC,
        InternalLifecycleDailyChangesTable.SPEC)) {
      if (!tables.matchesSpec(table)) {
        return Continuation.fullRefresh(table.name() + " is missing or has another shape than this version writes");
      }
    }
    Row version = tables.read(InternalLifecycleDailyChangesTable.SPEC)
        .agg(max(col(InternalLifecycleDailyChangesTable.STATE_VERSION))).first();
    if (version.isNullAt(0)) {
      return Continuation.fullRefresh("no daily changes are stored");
    }
    return new Continuation(version.getLong(0), null);
  }

  /**
   * Why the state is not as of the day before (or this day, on a rerun) under the same lifecycle configuration
   * and version; null when recomputing the changed users brings it to this day. Both the latest successful run
   * and the latest attempt must qualify: a failed attempt may have merged part of its users before failing.
   */
  private String whyNotContinued(LocalDate runDate, String configHash) {
    List<Row> runs = tables.read(PipelineRunsTable.SPEC)
        .filter(col(PipelineRunsTable.JOB).equalTo(NAME))
        .orderBy(col(PipelineRunsTable.ENDED_AT).desc())
        .select(PipelineRunsTable.RUN_DATE, PipelineRunsTable.CONFIG_HASH, PipelineRunsTable.VERSION,
            PipelineRunsTable.STATUS)
        .collectAsList();
    Row lastSuccess = runs.stream()
        .filter(run -> PipelineRunsTable.STATUS_SUCCEEDED.equals(run.getString(3))).findFirst().orElse(null);
    if (lastSuccess == null) {
      return "no earlier successful run";
    }
    String latestAttempt = whyNotContinued(runs.get(0), runDate, configHash, "latest attempt");
    return latestAttempt != null ? latestAttempt
        : whyNotContinued(lastSuccess, runDate, configHash, "latest successful run");
  }

  private static String whyNotContinued(Row run, LocalDate runDate, String configHash, String which) {
    LocalDate previous = EventTimes.localDate(run.get(0));
    if (!configHash.equals(run.getString(1))) {
      return "the lifecycle configuration (source mapping, stages, activity, segments or time zone) changed since"
          + " the " + which + " (" + previous + ")";
    }
    if (!Version.current().equals(run.getString(2))) {
      return "the " + which + " (" + previous + ") was version " + run.getString(2);
    }
    if (!previous.equals(runDate) && !previous.equals(runDate.minusDays(1))) {
      return "the " + which + " was for " + previous + ", not the day before";
    }
    return null;
  }

}
