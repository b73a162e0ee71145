package io.funnelcast.lifecycle;

import static io.funnelcast.tables.EventsTable.EVENT_TIME;
import static io.funnelcast.tables.EventsTable.RUN_DATE;
import static io.funnelcast.lifecycle.LifecycleIncrement.ACTIVITY_STATUS;
import static io.funnelcast.lifecycle.LifecycleIncrement.DELETE;
import static io.funnelcast.lifecycle.LifecycleIncrement.STATUS_ONLY;
import static io.funnelcast.lifecycle.LifecycleIncrement.USER_KEY;
import static io.funnelcast.lifecycle.LifecycleIncrement.VISIT_KEY;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;

import io.funnelcast.config.LifecycleConfig;
import io.funnelcast.ingest.EventTimes;
import io.funnelcast.run.Job;
import io.funnelcast.run.RunContext;
import io.funnelcast.run.RunHistory;
import io.funnelcast.run.Steps;
import io.funnelcast.run.Version;
import io.funnelcast.tables.DeltaTables;
import io.funnelcast.tables.EventsTable;
import io.funnelcast.tables.InternalLifecycleDailyChangesTable;
import io.funnelcast.tables.InternalUserStateTable;
import io.funnelcast.tables.LifecycleDailyTable;
import io.funnelcast.tables.TableSpec;
import io.funnelcast.tables.UserLifecycleTable;
import io.funnelcast.tables.UserStageHistoryTable;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
 *
 * <p>What a nightly run writes is decided by {@link LifecycleIncrement} and whether it may run by
 * {@link LifecyclePlan}, both pure; this class is their reads and writes, step by step, for the two paths.
 */
public final class LifecycleJob implements Job<LifecycleResult> {
  public static final String NAME = "lifecycle";
  private static final Logger LOG = LoggerFactory.getLogger(LifecycleJob.class);
  private static final scala.collection.Seq<String> USER_KEY_SEQ =
      scala.collection.JavaConverters.asScalaBuffer(USER_KEY).toSeq();

  private final SparkSession spark;
  private final LifecycleConfig lifecycle;
  private final ZoneId businessTimeZone;
  private final DeltaTables tables;
  private final boolean fullRefreshRequested;
  private final LocalDate deliveredAheadUntil;


  /**
   * {@code deliveredAheadUntil} is for a backfill, which ingests every date before the first lifecycle run: events
   * that run dates after the run date, up to it, delivered are not seen, as when the dates run one by one (null:
   * every event is seen).
   */
  public LifecycleJob(SparkSession spark, LifecycleConfig lifecycle, ZoneId businessTimeZone, DeltaTables tables,
      boolean fullRefresh, LocalDate deliveredAheadUntil) {
    this.spark = spark;
    this.lifecycle = lifecycle;
    this.businessTimeZone = businessTimeZone;
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
    ObjectiveCompiler.validate(events, lifecycle.model());
    Steps steps = new Steps(spark, context, 0);
    LifecyclePlan plan = steps.run("check-previous-runs", () -> fullRefreshRequested
        ? fullRefreshPlan("asked for") : plan(runDate, context.configHash()));
    return plan.nightly()
        ? nightly(events, context, steps, plan.summedStateVersion())
        : fullRefresh(events, context, steps, plan.fullRefreshReason());
  }

  private static LifecyclePlan fullRefreshPlan(String why) {
    LOG.info("lifecycle: a full refresh: {}", why);
    return LifecyclePlan.fullRefresh(why);
  }

  /**
   * Writes the state as it is computed, then derives the other tables from the written state: holding the
   * computed state cached for them instead spilled it to disk at 100M events, and that run ran out of disk.
   */
  private LifecycleResult fullRefresh(Dataset<Row> events, RunContext context, Steps steps, String reason) {
    steps.expectTotal(5);
    steps.run("compute-and-write-state", () -> tables.overwrite(InternalUserStateTable.SPEC,
        compute(events, context.runDate()), context.runId()));
    long stateVersion = tables.log().version(InternalUserStateTable.SPEC);
    Dataset<Row> state = tables.read(InternalUserStateTable.SPEC);
    steps.run("write-history-and-users", () -> {
      tables.overwrite(UserStageHistoryTable.SPEC, LifecycleTables.history(state), context.runId());
      tables.overwrite(UserLifecycleTable.SPEC, snapshot(state, context.runDate()), context.runId());
    });
    long daily = steps.run("write-daily", () -> writeDaily(LifecycleTables.dailyChanges(state), stateVersion, context));
    // Each table was written whole: the write says its rows.
    return steps.run("count-rows", () -> result(context.runDate(), reason, totals(state),
        tables.log().rowsWritten(UserLifecycleTable.SPEC, context.runId()),
        tables.log().rowsWritten(UserStageHistoryTable.SPEC, context.runId()), daily));
  }

  private LifecycleResult nightly(Dataset<Row> events, RunContext context, Steps steps, long summedStateVersion) {
    LocalDate runDate = context.runDate();
    LifecycleIncrement increment = new LifecycleIncrement(runDate, lifecycle.model().stageNames(), rules());
    steps.expectTotal(8);
    // Checkpointed: writing the state would otherwise drop it from the cache, to be recomputed from the
    // state as changed.
    Dataset<Row> changed = steps.run("find-changed-users", () -> LifecycleIncrement.changedUsers(events,
        tables.read(InternalUserStateTable.SPEC), runDate).localCheckpoint());
    // Cached: the changed users' state feeds the state MERGE and the three tables.
    Dataset<Row> computed = compute(events.join(changed, USER_KEY_SEQ, "left_semi"), runDate)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long[] counts = steps.run("compute-user-state", () -> totals(computed));
      steps.run("write-state", () -> tables.mergeByKey(InternalUserStateTable.SPEC,
          LifecycleIncrement.stateUpserts(changed, computed), USER_KEY, DELETE, context.runId()));
      long stateVersion = tables.log().version(InternalUserStateTable.SPEC);
      Dataset<Row> feed = steps.run("read-state-changes", () ->
          tables.changesSince(InternalUserStateTable.SPEC, summedStateVersion).localCheckpoint());
      steps.run("write-history-and-users", () -> {
        boolean feedIsThisRunOnly = LifecycleIncrement.otherCommits(feed, stateVersion).isEmpty();
        tables.mergeByKey(UserStageHistoryTable.SPEC, increment.historyUpserts(computed, feed, feedIsThisRunOnly),
            VISIT_KEY, DELETE, context.runId());
        tables.mergeByKey(UserLifecycleTable.SPEC,
            increment.userUpserts(computed, feed, changed, tables.read(InternalUserStateTable.SPEC)), USER_KEY,
            DELETE, STATUS_ONLY, List.of(ACTIVITY_STATUS), context.runId());
      });
      long daily = steps.run("write-daily", () -> writeDaily(LifecycleIncrement.dailyChanges(
          tables.read(InternalLifecycleDailyChangesTable.SPEC), computed, feed), stateVersion, context));
      // The per-user tables were merged into, so they are counted.
      return steps.run("count-rows", () -> result(runDate, null, counts, tables.read(UserLifecycleTable.SPEC).count(),
          tables.read(UserStageHistoryTable.SPEC).count(), daily));
    } finally {
      computed.unpersist();
    }
  }

  private Dataset<Row> compute(Dataset<Row> userEvents, LocalDate runDate) {
    return LifecycleState.compute(userEvents, lifecycle, businessTimeZone, runDate);
  }

  private static long[] totals(Dataset<Row> computed) {
    Row totals = computed.agg(sum(col("event_count")), count(lit(1))).first();
    return new long[] {totals.isNullAt(0) ? 0 : totals.getLong(0), totals.getLong(1)};
  }

  private Dataset<Row> snapshot(Dataset<Row> state, LocalDate runDate) {
    return LifecycleTables.snapshot(state, runDate, lifecycle.model().stageNames(), rules());
  }

  private ActivityRules rules() {
    return ActivityRules.of(lifecycle.activity());
  }

  /**
   * Stores the daily changes as summing this state version, and writes lifecycle_daily from them.
   *
   * @return the rows of lifecycle_daily
   */
  private long writeDaily(Dataset<Row> changes, long stateVersion, RunContext context) {
    tables.overwrite(InternalLifecycleDailyChangesTable.SPEC,
        changes.withColumn(InternalLifecycleDailyChangesTable.STATE_VERSION, lit(stateVersion)), context.runId());
    tables.overwrite(LifecycleDailyTable.SPEC, LifecycleTables.daily(tables.read(InternalLifecycleDailyChangesTable.SPEC),
        context.runDate(), lifecycle.model().stageNames()), context.runId());
    return tables.log().rowsWritten(LifecycleDailyTable.SPEC, context.runId());
  }

  private static LifecycleResult result(LocalDate runDate, String fullRefreshReason, long[] counts, long users,
      long visits, long dailyRows) {
    return new LifecycleResult(runDate, fullRefreshReason, counts[0], counts[1], users, visits, dailyRows);
  }

  /** A nightly run from the state version the daily changes sum, when the previous run can be continued. */
  private LifecyclePlan plan(LocalDate runDate, String configHash) {
    String notContinued = LifecyclePlan.whyNotContinued(RunHistory.attempts(tables, NAME), runDate, configHash,
        Version.current());
    if (notContinued != null) {
      return fullRefreshPlan(notContinued);
    }
    for (TableSpec table : List.of(InternalUserStateTable.SPEC, UserStageHistoryTable.SPEC, UserLifecycleTable.SPEC,
        InternalLifecycleDailyChangesTable.SPEC)) {
      if (!tables.log().matchesSpec(table)) {
        return fullRefreshPlan(table.name() + " is missing or has another shape than this version writes");
      }
    }
    Row version = tables.read(InternalLifecycleDailyChangesTable.SPEC)
        .agg(max(col(InternalLifecycleDailyChangesTable.STATE_VERSION))).first();
    if (version.isNullAt(0)) {
      return fullRefreshPlan("no daily changes are stored");
    }
    return LifecyclePlan.nightlyFrom(version.getLong(0));
  }
}
