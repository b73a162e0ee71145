package io.funnelcast.lifecycle;

import static io.funnelcast.tables.EventsTable.EVENT_DATE;
import static io.funnelcast.tables.EventsTable.EVENT_TIME;
import static io.funnelcast.tables.EventsTable.RUN_DATE;
import static io.funnelcast.tables.EventsTable.USER_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;

import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.config.LifecycleConfig;
import io.funnelcast.ingest.EventTimes;
import io.funnelcast.run.Job;
import io.funnelcast.run.RunContext;
import io.funnelcast.run.Steps;
import io.funnelcast.run.Version;
import io.funnelcast.tables.DeltaTables;
import io.funnelcast.tables.EventsTable;
import io.funnelcast.tables.InternalUserStateTable;
import io.funnelcast.tables.LifecycleDailyTable;
import io.funnelcast.tables.PipelineRunsTable;
import io.funnelcast.tables.UserLifecycleTable;
import io.funnelcast.tables.UserStageHistoryTable;
import java.time.LocalDate;
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
 * <p>Nightly runs recompute only the users whose events changed (delivered by this run date's ingest, or
 * falling on this date) and merge them into the state; everything else in the state is independent of
 * the run date (see {@link UserTimeline}), so the result equals a full refresh. A full refresh happens
 * when asked, when there is no successful run yet, or when the latest successful run or the latest attempt
 * was not for the day before (or this day) or ran under another configuration or Funnelcast version.
 */
public final class LifecycleJob implements Job<LifecycleResult> {
  public static final String NAME = "lifecycle";
  private static final Logger LOG = LoggerFactory.getLogger(LifecycleJob.class);
  private static final String DELETE = "_funnelcast_delete";

  private final SparkSession spark;
  private final FunnelcastConfig config;
  private final DeltaTables tables;
  private final boolean fullRefreshRequested;

  public LifecycleJob(SparkSession spark, FunnelcastConfig config, DeltaTables tables, boolean fullRefresh) {
    this.spark = spark;
    this.config = config;
    this.tables = tables;
    this.fullRefreshRequested = fullRefresh;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public LifecycleResult execute(RunContext context) {
    LocalDate runDate = context.runDate();
    LifecycleConfig lifecycle = config.lifecycle();
    Dataset<Row> events = tables.read(EventsTable.SPEC).filter(col(EVENT_TIME).lt(
        EventTimes.literal(EventTimes.endOfDay(runDate))));
    ObjectiveCompiler.validate(events, lifecycle.model());
    boolean fullRefresh = fullRefreshRequested || !continuesPreviousRun(runDate, context.configHash());
    Steps steps = new Steps(spark, context, fullRefresh ? 4 : 5);

    Dataset<Row> changedUsers = fullRefresh ? null : steps.run("find-changed-users", () -> changedUsers(events, runDate));
    Dataset<Row> userEvents = fullRefresh ? events
        : events.join(changedUsers, events.col(USER_ID).equalTo(changedUsers.col(USER_ID)), "left_semi");
    Dataset<Row> computed = LifecycleState.compute(userEvents, lifecycle, config.businessTimeZone(), runDate)
        .persist(StorageLevel.MEMORY_AND_DISK());
    long[] counts;
    try {
      counts = steps.run("compute-user-state", () -> {
        Row totals = computed.agg(sum(col("event_count")), count(lit(1))).first();
        return new long[] {totals.isNullAt(0) ? 0 : totals.getLong(0), totals.getLong(1)};
      });
      steps.run("write-state", () -> {
        if (fullRefresh) {
          tables.overwrite(InternalUserStateTable.SPEC, computed, context.runId());
        } else {
          Dataset<Row> source = changedUsers.join(computed, changedUsers.col(USER_ID).equalTo(computed.col(USER_ID)), "left")
              .select(computed.col("*"), changedUsers.col(USER_ID).as("_changed_user"))
              .withColumn(USER_ID, col("_changed_user"))
              .withColumn(DELETE, col("first_seen_at").isNull())
              .drop("_changed_user");
          tables.mergeByKey(InternalUserStateTable.SPEC, source, USER_ID, DELETE, context.runId());
        }
      });
    } finally {
      computed.unpersist();
    }

    Dataset<Row> state = tables.read(InternalUserStateTable.SPEC).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      ActivityRules rules = ActivityRules.of(lifecycle.activity());
      var stageNames = lifecycle.model().stageNames();
      Dataset<Row> history = LifecycleTables.history(state, runDate);
      steps.run("write-history-and-users", () -> {
        tables.overwrite(UserStageHistoryTable.SPEC, history, context.runId());
        tables.overwrite(UserLifecycleTable.SPEC, LifecycleTables.snapshot(state, runDate, stageNames, rules),
            context.runId());
      });
      Dataset<Row> daily = LifecycleTables.daily(state, runDate, stageNames);
      steps.run("write-daily", () -> tables.overwrite(LifecycleDailyTable.SPEC, daily, context.runId()));
      Row totals = state.agg(count(lit(1)), sum(size(col("visits")))).first();
      return new LifecycleResult(runDate, fullRefresh, counts[0], counts[1], totals.getLong(0),
          totals.isNullAt(1) ? 0 : totals.getLong(1), tables.read(LifecycleDailyTable.SPEC).count());
    } finally {
      state.unpersist();
    }
  }

  /** Users with events delivered by this run date or falling on it, and users this run date computed before. */
  private Dataset<Row> changedUsers(Dataset<Row> events, LocalDate runDate) {
    Dataset<Row> withNewEvents = events
        .filter(col(RUN_DATE).equalTo(lit(runDate)).or(col(EVENT_DATE).equalTo(lit(runDate))))
        .select(USER_ID);
    Dataset<Row> computedBefore = tables.read(InternalUserStateTable.SPEC)
        .filter(col("computed_for_date").equalTo(lit(runDate))).select(USER_ID);
    return withNewEvents.union(computedBefore).distinct();
  }

  /**
   * Whether the state is as of the day before (or this day, on a rerun) under the same configuration and
   * version, so recomputing the changed users brings it to this day. Both the latest successful run and the
   * latest attempt must qualify: a failed attempt may have merged part of its users before failing.
   */
  private boolean continuesPreviousRun(LocalDate runDate, String configHash) {
    List<Row> runs = tables.read(PipelineRunsTable.SPEC)
        .filter(col(PipelineRunsTable.JOB).equalTo(NAME))
        .orderBy(col(PipelineRunsTable.ENDED_AT).desc())
        .select(PipelineRunsTable.RUN_DATE, PipelineRunsTable.CONFIG_HASH, PipelineRunsTable.VERSION,
            PipelineRunsTable.STATUS)
        .collectAsList();
    Row lastSuccess = runs.stream()
        .filter(run -> PipelineRunsTable.STATUS_SUCCEEDED.equals(run.getString(3))).findFirst().orElse(null);
    if (lastSuccess == null) {
      LOG.info("lifecycle {}: no earlier successful run, so a full refresh", runDate);
      return false;
    }
    return continues(runs.get(0), runDate, configHash, "latest attempt")
        && continues(lastSuccess, runDate, configHash, "latest successful run");
  }

  private static boolean continues(Row run, LocalDate runDate, String configHash, String which) {
    LocalDate previous = LifecycleState.localDate(run.get(0));
    if (!configHash.equals(run.getString(1))) {
      LOG.info("lifecycle {}: configuration changed since the {} ({}), so a full refresh", runDate, which, previous);
      return false;
    }
    if (!Version.current().equals(run.getString(2))) {
      LOG.info("lifecycle {}: the {} ({}) was version {}, so a full refresh", runDate, which, previous, run.getString(2));
      return false;
    }
    if (!previous.equals(runDate) && !previous.equals(runDate.minusDays(1))) {
      LOG.info("lifecycle {}: the {} was for {}, not the day before, so a full refresh", runDate, which, previous);
      return false;
    }
    return true;
  }

}
