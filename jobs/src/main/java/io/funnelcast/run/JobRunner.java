package io.funnelcast.run;

import io.funnelcast.config.ConfigHashes;
import io.funnelcast.tables.DeltaTables;
import io.funnelcast.tables.EventsTable;
import io.funnelcast.tables.PipelineRunsTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job attempt and records it in pipeline_runs, whether it succeeds or fails. The only place that
 * reads the wall clock (for timings).
 */
public final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  private final SparkSession spark;
  private final DeltaTables tables;
  private final ConfigHashes configHashes;
  private final Clock clock;

  private final AttemptMarkers markers;

  public JobRunner(SparkSession spark, DeltaTables tables, ConfigHashes configHashes, Clock clock) {
    this.spark = spark;
    this.tables = tables;
    this.configHashes = configHashes;
    this.clock = clock;
    this.markers = new AttemptMarkers(spark, tables.attemptsLocation());
  }

  /** Runs the job for the date; on failure records it and throws {@link JobFailedException}. */
  public <R extends JobResult> JobRun<R> run(Job<R> job, LocalDate runDate) {
    RunContext context = new RunContext(UUID.randomUUID().toString(), job.name(), runDate,
        configHashes.forJob(job.name()),
        Version.current(), clock);
    List<LocalDate> runDates = job.runDates(runDate);
    recordDied(context.runId());
    Instant started = clock.instant();
    markers.begin(context, runDates, started);
    R result;
    try {
      // The warehouse's size is its events table's; ingest adds the raw files once it has listed them.
      ExpressionMode.forInput(spark, tables.log().sizeInBytes(EventsTable.SPEC));
      result = job.execute(context);
    } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes but thrown undeclared
      String error = describe(e);
      LOG.error("{} {} failed: {}", job.name(), runDate, error, e);
      try {
        record(context, runDates, started, PipelineRunsTable.STATUS_FAILED, null, error);
        markers.end(context.runId());
      } catch (RuntimeException recordFailure) {
        e.addSuppressed(recordFailure);
      }
      throw new JobFailedException(job.name() + " " + runDate + " failed: " + error, e);
    }
    Instant ended = record(context, runDates, started, PipelineRunsTable.STATUS_SUCCEEDED, result, null);
    markers.end(context.runId());
    return new JobRun<>(context, result, Duration.between(started, ended));
  }

  /** Records the attempts whose process died without recording an outcome, as found now. */
  private void recordDied(String foundBy) {
    for (AttemptMarkers.Marker marker : markers.died()) {
      Instant found = clock.instant();
      String error = "the attempt's process ended without recording an outcome (killed, out of memory or machine"
          + " lost); found at " + found + " by run " + foundBy;
      LOG.warn("{} {}: {}", marker.job(), marker.runDates().get(marker.runDates().size() - 1), error);
      record(new RunContext(marker.runId(), marker.job(), marker.runDates().get(marker.runDates().size() - 1),
          marker.configHash(), marker.version(), clock), marker.runDates(), marker.startedAt(),
          PipelineRunsTable.STATUS_DIED, null, error);
      markers.end(marker.runId());
    }
  }

  /** One row per run date the attempt covered, in one commit. */
  private Instant record(RunContext context, List<LocalDate> runDates, Instant started, String status,
      JobResult result, String error) {
    Instant ended = clock.instant();
    List<Row> rows = new ArrayList<>();
    for (LocalDate runDate : runDates) {
      rows.add(attemptRow(context.runId(), context.job(), runDate, started, ended, status,
          result == null ? null : result.forRunDate(runDate), context.configHash(), context.version(), error));
    }
    tables.append(PipelineRunsTable.SPEC, spark.createDataFrame(rows, PipelineRunsTable.SPEC.schema()),
        context.runId());
    return ended;
  }

  /** One pipeline_runs row: an attempt's outcome for one run date; {@code counts} null when it did not succeed. */
  public static Row attemptRow(String runId, String job, LocalDate runDate, Instant started, Instant ended,
      String status, JobResult counts, String configHash, String version, String error) {
    return RowFactory.create(runId, job, runDate, started, ended, Duration.between(started, ended).toMillis() / 1000.0,
        status,
        counts == null ? null : counts.rowsRead(),
        counts == null ? null : counts.rowsWritten(),
        counts == null ? null : counts.duplicatesDropped(),
        counts == null ? null : counts.quarantined(),
        configHash, version, error);
  }

  /** First line of the exception's message (or its innermost cause's), kept short for the audit row. */
  static String describe(Throwable e) {
    Throwable described = e;
    while (described.getMessage() == null && described.getCause() != null) {
      described = described.getCause();
    }
    String message = described.getMessage() == null
        ? described.getClass().getName() : described.getMessage();
    String firstLine = message.lines().findFirst().orElse(message);
    return firstLine.length() <= 1000 ? firstLine : firstLine.substring(0, 1000) + "...";
  }
}
