package io.funnelcast.testing;

import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.conversion.ConversionResult;
import io.funnelcast.forecast.BacktestResult;
import io.funnelcast.forecast.ForecastResult;
import io.funnelcast.ingest.IngestBatchResult;
import io.funnelcast.ingest.IngestJob;
import io.funnelcast.ingest.IngestResult;
import io.funnelcast.lifecycle.LifecycleResult;
import io.funnelcast.pipeline.Jobs;
import io.funnelcast.pipeline.Pipeline;
import io.funnelcast.run.JobRunner;
import io.funnelcast.run.Version;
import io.funnelcast.tables.DeltaTables;
import io.funnelcast.tables.PipelineRunsTable;
import io.funnelcast.tables.TableSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Runs the jobs against a temporary warehouse and raw folder, the way the CLI does. */
public final class PipelineHarness {
  private final Path rawRoot;
  private final FunnelcastConfig config;
  private final DeltaTables tables;
  private final JobRunner runner;

  /** Raw files under {@code rawRoot}/date=YYYY-MM-DD; tables under {@code warehouse}. */
  public PipelineHarness(Path rawRoot, Path warehouse, String... overrides) {
    this.rawRoot = rawRoot;
    String[] keys = new String[overrides.length + 4];
    keys[0] = "warehouse";
    keys[1] = warehouse.toString();
    keys[2] = "source.path";
    keys[3] = rawRoot + "/date={date}";
    System.arraycopy(overrides, 0, keys, 4, overrides.length);
    this.config = TestConfigs.with(keys);
    this.tables = new DeltaTables(SparkExtension.spark(), config.warehouse(), config.database());
    this.runner = new JobRunner(SparkExtension.spark(), tables, config.hashes(), Clock.systemUTC());
  }

  /** The repository's data-samples/raw folder. */
  public static Path dataSamples() {
    Path fromModule = Path.of("..", "data-samples", "raw");
    return (Files.isDirectory(fromModule) ? fromModule : Path.of("data-samples", "raw")).toAbsolutePath().normalize();
  }

  public FunnelcastConfig config() {
    return config;
  }

  public DeltaTables tables() {
    return tables;
  }

  /** Writes one raw file for a run date. */
  public void writeRaw(LocalDate runDate, String fileName, List<String> lines) {
    try {
      Path folder = rawRoot.resolve("date=" + runDate);
      Files.createDirectories(folder);
      Files.write(folder.resolve(fileName), lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public IngestResult ingest(LocalDate runDate) {
    return ingest(runDate, runDate).last();
  }

  /** An ingest of every run date from {@code first} to the date it runs for, in one pass (as backfill does). */
  public IngestJob ingestFrom(LocalDate first) {
    return jobs().ingestFrom(first);
  }

  /** Ingests every run date from {@code first} to {@code last} in one pass. */
  public IngestBatchResult ingest(LocalDate first, LocalDate last) {
    return runner.run(ingestFrom(first), last).result();
  }

  public LifecycleResult lifecycle(LocalDate runDate, boolean fullRefresh) {
    return runner.run(jobs().lifecycle(fullRefresh), runDate).result();
  }

  public ConversionResult conversion(LocalDate runDate) {
    return runner.run(jobs().conversion(), runDate).result();
  }

  public ForecastResult forecast(LocalDate runDate) {
    return runner.run(jobs().forecast(), runDate).result();
  }

  public BacktestResult backtest(LocalDate from, LocalDate to, int everyDays) {
    return runner.run(jobs().backtest(from, everyDays), to).result();
  }

  /** The jobs, as the commands build them, against this harness's warehouse. */
  public Jobs jobs() {
    return new Jobs(SparkExtension.spark(), config, tables);
  }

  /** The pipeline's job plans (run, backfill) against this harness's warehouse. */
  public Pipeline pipeline() {
    return new Pipeline(jobs());
  }

  /** Runs one attempt and returns its result. */
  public io.funnelcast.run.JobResult runOne(io.funnelcast.run.Job<?> job, LocalDate runDate) {
    return runner.run(job, runDate).result();
  }

  /** Runs the planned attempts in order, as the CLI does. */
  public void run(List<Pipeline.Step> steps) {
    for (Pipeline.Step step : steps) {
      runner.run(step.job(), step.runDate());
    }
  }

  /**
   * Records an attempt of {@code job} in pipeline_runs as JobRunner would, without running it: for tests of how
   * a job reads the history (a refusal, a full refresh), which need no tables.
   */
  public void recordAttempt(String job, LocalDate runDate, String status) {
    Instant now = Instant.now();
    Row attempt = JobRunner.attemptRow("recorded-" + job + "-" + runDate, job, runDate, now, now, status, null,
        config.hashes().forJob(job), Version.current(),
        status.equals(PipelineRunsTable.STATUS_SUCCEEDED) ? null : "recorded by a test");
    tables.append(PipelineRunsTable.SPEC,
        SparkExtension.spark().createDataFrame(List.of(attempt), PipelineRunsTable.SPEC.schema()), "test");
  }

  /** The table's current rows, materialised so later writes cannot change them. */
  public Dataset<Row> snapshot(TableSpec table) {
    List<Row> rows = tables.read(table).collectAsList();
    return SparkExtension.spark().createDataFrame(rows, tables.read(table).schema());
  }
}
