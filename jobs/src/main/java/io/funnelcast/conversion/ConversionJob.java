package io.funnelcast.conversion;

import static io.funnelcast.metrics.Aggregates.countWhere;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.funnelcast.config.BusinessCalendar;
import io.funnelcast.config.ConversionConfig;
import io.funnelcast.lifecycle.LifecycleJob;
import io.funnelcast.run.Job;
import io.funnelcast.run.RunContext;
import io.funnelcast.run.RunHistory;
import io.funnelcast.run.Steps;
import io.funnelcast.tables.CohortConversionTable;
import io.funnelcast.tables.DateSlice;
import io.funnelcast.tables.DeltaTables;
import io.funnelcast.tables.FunnelSummaryTable;
import io.funnelcast.tables.StageConversionsTable;
import io.funnelcast.tables.UserLifecycleTable;
import io.funnelcast.tables.UserStageHistoryTable;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * conversion: user_stage_history (as of the run date) → stage_conversions, cohort_conversion, funnel_summary.
 *
 * <p>Everything is recomputed from the stage history, which lifecycle keeps equal to a full refresh, so a
 * nightly run and a full refresh give the same rows. stage_conversions holds the latest run;
 * cohort_conversion and funnel_summary keep one slice per run date, each run replacing its own.
 */
public final class ConversionJob implements Job<ConversionResult> {
  public static final String NAME = "conversion";

  private final SparkSession spark;
  private final ConversionConfig conversion;
  private final List<String> stageNames;
  private final BusinessCalendar calendar;
  private final DeltaTables tables;

  public ConversionJob(SparkSession spark, ConversionConfig conversion, List<String> stageNames,
      BusinessCalendar calendar, DeltaTables tables) {
    this.spark = spark;
    this.conversion = conversion;
    this.stageNames = List.copyOf(stageNames);
    this.calendar = calendar;
    this.tables = tables;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ConversionResult execute(RunContext context) {
    LocalDate runDate = context.runDate();
    RunHistory.requireSucceededFor(tables, LifecycleJob.NAME, runDate, NAME, "the stage history");
    Steps steps = new Steps(spark, context, 4);
    Dataset<Row> history = tables.read(UserStageHistoryTable.SPEC);
    Dataset<Row> users = tables.read(UserLifecycleTable.SPEC);
    Dataset<Row> conversions = StageConversions.compute(history, users,
            StageConversions.pairs(spark, conversion.pairs()), calendar.timeZone(), calendar.weekStart(), runDate)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row totals = steps.run("compute-stage-conversions", () -> conversions.agg(count(lit(1)),
          countWhere(col("is_converted")), countWhere(col("is_in_flight"))).first());
      steps.run("write-stage-conversions",
          () -> tables.overwrite(StageConversionsTable.SPEC, conversions, context.runId()));
      DateSlice slice = DateSlice.on(CohortConversionTable.AS_OF_DATE, runDate);
      Dataset<Row> cohorts = CohortConversion.compute(conversions, conversion, runDate);
      steps.run("write-cohort-conversion",
          () -> tables.replaceSlice(CohortConversionTable.SPEC, cohorts, slice, context.runId()));
      Dataset<Row> funnel = FunnelSummary.compute(history, stageNames, calendar.timeZone(), runDate);
      steps.run("write-funnel-summary",
          () -> tables.replaceSlice(FunnelSummaryTable.SPEC, funnel, slice, context.runId()));
      return new ConversionResult(runDate, history.count(), totals.getLong(0), nullAsZero(totals, 1),
          nullAsZero(totals, 2), tables.log().rowsWritten(CohortConversionTable.SPEC, context.runId()),
          tables.log().rowsWritten(FunnelSummaryTable.SPEC, context.runId()));
    } finally {
      conversions.unpersist();
    }
  }

  private static long nullAsZero(Row row, int i) {
    return row.isNullAt(i) ? 0 : row.getLong(i);
  }
}
