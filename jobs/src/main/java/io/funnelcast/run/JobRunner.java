package io.funnelcast.run;

import io.funnelcast.tables.DeltaTables;
import io.funnelcast.tables.PipelineRunsTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
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
  private final String configHash;
  private final Clock clock;

  public JobRunner(SparkSession spark, DeltaTables tables, String configHash, Clock clock) {
    this.spark = spark;
    this.tables = tables;
    this.configHash = configHash;
    this.clock = clock;
  }

  /** Runs the job for the date; on failure records it and throws {@link JobFailedException}. */
  public <R extends JobResult> JobRun<R> run(Job<R> job, LocalDate runDate) {
    RunContext context = new RunContext(UUID.randomUUID().toString(), job.name(), runDate, configHash,
        Version.current(), clock);
    Instant started = clock.instant();
    R result;
    try {
      result = job.execute(context);
    } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes but thrown undeclared
      String error = describe(e);
      LOG.error("{} {} failed: {}", job.name(), runDate, error, e);
      try {
        record(context, started, PipelineRunsTable.STATUS_FAILED, null, error);
      } catch (RuntimeException recordFailure) {
        e.addSuppressed(recordFailure);
      }
      throw new JobFailedException(job.name() + " " + runDate + " failed: " + error, e);
    }
    Instant ended = record(context, started, PipelineRunsTable.STATUS_SUCCEEDED, result, null);
    return new JobRun<>(context, result, Duration.between(started, ended));
  }

  private Instant record(RunContext context, Instant started, String status, JobResult result,
      String error) {
    Instant ended = clock.instant();
    var row = RowFactory.create(context.runId(), context.job(), context.runDate(), started, ended,
        Duration.between(started, ended).toMillis() / 1000.0, status,
        result == null ? null : result.rowsRead(),
        result == null ? null : result.rowsWritten(),
        result == null ? null : result.duplicatesDropped(),
        result == null ? null : result.quarantined(),
        context.configHash(), context.version(), error);
    tables.append(PipelineRunsTable.SPEC,
        spark.createDataFrame(List.of(row), PipelineRunsTable.SPEC.schema()), context.runId());
    return ended;
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
