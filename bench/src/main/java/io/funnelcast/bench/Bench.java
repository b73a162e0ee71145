package io.funnelcast.bench;

import static org.apache.spark.sql.functions.col;

import io.funnelcast.config.ConfigLoader;
import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.forecast.BacktestQuality;
import io.funnelcast.forecast.ForecastJob;
import io.funnelcast.generate.GenerateOptions;
import io.funnelcast.generate.GenerateResult;
import io.funnelcast.generate.PlantedBehaviour;
import io.funnelcast.generate.SyntheticLogs;
import io.funnelcast.run.Job;
import io.funnelcast.run.JobResult;
import io.funnelcast.pipeline.Jobs;
import io.funnelcast.run.JobRunner;
import io.funnelcast.run.SparkSessions;
import io.funnelcast.tables.CohortConversionTable;
import io.funnelcast.tables.DeltaTables;
import io.funnelcast.tables.EventsTable;
import io.funnelcast.tables.ForecastAccuracyTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * bench/run: on one machine, one generated data set and one JVM — the floor (Spark JSON → Delta, no logic),
 * the full pipeline with a full refresh over the whole history (each job timed), a backtest of the forecast over
 * 13 weekly origins with its quality figures, one nightly run after it (its in-flight forecast checked against the
 * planted future), one run for an empty day, and the DuckDB peer computing the same cohort figures from the same
 * events, with the check that both agree ({@code --lifecycle-only}: ingest and lifecycle alone). Prints a table and
 * writes JSON. Not part of the test suite.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure Funnelcast against the Spark floor and a DuckDB peer on generated data.")
public final class Bench implements Callable<Integer> {
  static final double EVENTS_PER_USER = 3.8;
  static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 1);
  /** Weeks of planted future after the last day, for the in-flight check (the forecast's 13 whole weeks fit). */
  static final int FUTURE_WEEKS = 15;
  static final int BACKTEST_ORIGINS = 13;

  @Option(names = "--events", defaultValue = "1000000", description = "About how many events (default ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--days", defaultValue = "365", description = "Days of history before the nightly day (default ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--work", defaultValue = "bench/work", description = "Folder for data and tables (default ${DEFAULT-VALUE}).")
  Path work;

  @Option(names = "--seed", defaultValue = "1")
  long seed;

  @Option(names = "--lifecycle-only",
      description = "Only ingest and lifecycle: no floor, conversion or DuckDB peer (for sizes where those take hours).")
  boolean lifecycleOnly;

  @Option(names = "--skew",
      description = "Instead: one day of --events events from one user against the same volume spread over users"
          + " (ingest, lifecycle, conversion on a fresh warehouse each; target: skewed within 3x).")
  boolean skew;

  private final List<Phase> phases = new ArrayList<>();
  private MemoryWatch memory;
  private ScratchWatch scratch;
  /** Spark jobs and Delta commits per phase, while a session is open. */
  private SparkWork sparkWork;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Bench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (skew) {
      return skew();
    }
    Path data = work.resolve("data-" + events);
    LocalDate history = FIRST_DAY.plusDays(days - 1L);
    LocalDate nightly = history.plusDays(1);
    LocalDate empty = nightly.plusDays(1);
    long users = Math.round(events / EVENTS_PER_USER);
    try (MemoryWatch memoryWatch = new MemoryWatch(); ScratchWatch scratchWatch = new ScratchWatch()) {
      memory = memoryWatch;
      scratch = scratchWatch;
      GenerateResult generated = measure("generate", () -> SyntheticLogs.generate(new GenerateOptions(
          data, users, FIRST_DAY, days + 1, seed, 0.001, 0.01, 0.005, FUTURE_WEEKS,
          PlantedBehaviour.defaults().withoutCancels())),
          GenerateResult::lines, r -> r.users() + " users");
      Path raw = layout(data, history, nightly, empty);
      Path warehouse = work.resolve("warehouse-" + events);
      deleteRecursively(warehouse);
      deleteRecursively(work.resolve("floor-" + events));
      FunnelcastConfig config = config(warehouse, raw);
      SparkSession spark = SparkSessions.create(config);
      sparkWork = new SparkWork(spark, List.of(warehouse, work.resolve("floor-" + events)));
      try {
        DeltaTables tables = new DeltaTables(spark, config.warehouse(), config.database());
        JobRunner runner = new JobRunner(spark, tables, config.hashes(), Clock.systemUTC());
        Jobs jobs = new Jobs(spark, config, tables);
        StructType rawSchema = new StructType().add("event_id", DataTypes.StringType)
            .add("user_id", DataTypes.StringType).add("event_type", DataTypes.StringType)
            .add("event_time", DataTypes.StringType)
            .add("properties", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
        if (!lifecycleOnly) {
          String floor = work.resolve("floor-" + events).toAbsolutePath().toString();
          measure("floor: JSON -> Delta, no logic", () -> {
            spark.read().schema(rawSchema).json(raw.resolve("date=" + history).toString())
                .write().format("delta").save(floor);
            return spark.read().format("delta").load(floor).count();
          }, rows -> rows, rows -> "");
        }

        run(runner, "full: ingest (whole history)", jobs.ingest(), history);
        run(runner, "full: lifecycle --full-refresh", jobs.lifecycle(true), history);
        Optional<Agreement> agreement = Optional.empty();
        Optional<BacktestQuality> quality = Optional.empty();
        if (!lifecycleOnly) {
          run(runner, "full: conversion", jobs.conversion(), history);
          run(runner, "full: forecast", jobs.forecast(), history);
          // The latest weekly origins whose 13 weeks are over by the end of the history.
          LocalDate lastOrigin = history.minusDays(7L * config.forecast().weeks())
              .with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
          LocalDate firstOrigin = lastOrigin.minusWeeks(BACKTEST_ORIGINS - 1L);
          run(runner, "full: backtest (" + BACKTEST_ORIGINS + " origins)",
              jobs.backtest(firstOrigin, 7), lastOrigin);
          quality = Optional.of(BacktestQuality.of(tables.read(ForecastAccuracyTable.SPEC)
              .filter(col("model_version").equalTo(ForecastJob.MODEL_VERSION))));
          Map<String, double[]> peer = measure("peer: DuckDB cohorts from events",
              () -> DuckDbPeer.cohorts(Path.of(tables.location(EventsTable.SPEC)), history, 90), Map::size,
              rows -> "");
          agreement = Optional.of(Agreement.check(peer, spark, tables.read(CohortConversionTable.SPEC)
              .filter(col("as_of_date").equalTo(java.sql.Date.valueOf(history)))));
        }

        for (LocalDate day : List.of(nightly, empty)) {
          String phase = day.equals(nightly) ? "nightly: " : "empty day: ";
          run(runner, phase + "ingest", jobs.ingest(), day);
          run(runner, phase + "lifecycle", jobs.lifecycle(false), day);
          if (!lifecycleOnly) {
            run(runner, phase + "conversion", jobs.conversion(), day);
            run(runner, phase + "forecast", jobs.forecast(), day);
          }
        }
        Optional<InFlightCheck> inFlight = lifecycleOnly ? Optional.empty()
            : Optional.of(InFlightCheck.of(tables, nightly, data.resolve("truth/expected.json")));

        BenchReport report = new BenchReport(events, days, generated, phases, agreement, quality, inFlight);
        System.out.print(report.table());
        Path json = Path.of("bench/results/bench-" + events + (days == 365 ? "" : "-" + days + "d")
            + (lifecycleOnly ? "-lifecycle" : "") + ".json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, report.json(), StandardCharsets.UTF_8);
        System.out.println("wrote " + json);
        return agreement.map(Agreement::agrees).orElse(true) ? 0 : 1;
      } finally {
        sparkWork.close();
        sparkWork = null;
        spark.stop();
      }
    }
  }

  /**
   * One user with all of a day's events against the same events spread over users: the per-user steps
   * (the stage machine holds a user's events together) must not make the skewed day more than 3x slower.
   */
  private int skew() throws IOException {
    LocalDate day = FIRST_DAY;
    String[] types = {"page_view", "session_start", "feature_used", "page_view", "subscribe", "invite_sent"};
    Map<String, Double> seconds = new java.util.LinkedHashMap<>();
    try (MemoryWatch memoryWatch = new MemoryWatch(); ScratchWatch scratchWatch = new ScratchWatch()) {
      memory = memoryWatch;
      scratch = scratchWatch;
      for (String shape : List.of("spread", "one user")) {
        Path raw = work.resolve("skew-raw-" + events + "-" + shape.replace(' ', '-'));
        deleteRecursively(raw);
        Path folder = Files.createDirectories(raw.resolve("date=" + day));
        long users = shape.equals("spread") ? Math.max(1, Math.round(events / EVENTS_PER_USER)) : 1;
        try (var out = Files.newBufferedWriter(folder.resolve("part-00000.jsonl"), StandardCharsets.UTF_8)) {
          for (long i = 0; i < events; i++) {
            java.time.Instant time = day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                .plusMillis(i * 86_400_000L / events);
            out.write("{\"event_id\":\"e" + i + "\",\"user_id\":\"u" + (i % users) + "\",\"event_type\":\""
                + types[(int) (i % types.length)] + "\",\"event_time\":\"" + time + "\"}\n");
          }
        }
        Path warehouse = work.resolve("skew-warehouse-" + events + "-" + shape.replace(' ', '-'));
        deleteRecursively(warehouse);
        FunnelcastConfig config = config(warehouse, raw);
        SparkSession spark = SparkSessions.create(config);
        sparkWork = new SparkWork(spark, List.of(warehouse));
        try {
          DeltaTables tables = new DeltaTables(spark, config.warehouse(), config.database());
          JobRunner runner = new JobRunner(spark, tables, config.hashes(), Clock.systemUTC());
          Jobs jobs = new Jobs(spark, config, tables);
          int before = phases.size();
          run(runner, shape + ": ingest", jobs.ingest(), day);
          run(runner, shape + ": lifecycle", jobs.lifecycle(true), day);
          run(runner, shape + ": conversion", jobs.conversion(), day);
          seconds.put(shape, phases.subList(before, phases.size()).stream().mapToDouble(Phase::seconds).sum());
        } finally {
          sparkWork.close();
          sparkWork = null;
          spark.stop();
        }
      }
    }
    double ratio = seconds.get("one user") / seconds.get("spread");
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "skew: %d events in one day%n", events));
    StringBuilder json = new StringBuilder("{\n  \"events\": " + events + ",\n  \"phases\": [\n");
    for (int i = 0; i < phases.size(); i++) {
      Phase phase = phases.get(i);
      table.append(String.format(Locale.ROOT, "  %-24s %8.1f s  heap peak %5d MB%n", phase.name(), phase.seconds(),
          phase.heapPeakMb()));
      json.append(String.format(Locale.ROOT, "    {\"name\": \"%s\", \"seconds\": %.1f, \"heap_peak_mb\": %d}%s%n",
          phase.name(), phase.seconds(), phase.heapPeakMb(), i + 1 < phases.size() ? "," : ""));
    }
    table.append(String.format(Locale.ROOT, "  one user / spread: %.2f (target <= 3)%n", ratio));
    json.append(String.format(Locale.ROOT, "  ],%n  \"one_user_over_spread\": %.3f%n}%n", ratio));
    System.out.print(table);
    Path out = Path.of("bench/results/bench-skew-" + events + ".json");
    Files.createDirectories(out.getParent());
    Files.writeString(out, json.toString(), StandardCharsets.UTF_8);
    System.out.println("wrote " + out);
    return ratio <= 3 ? 0 : 1;
  }

  /** Every history day's file in the history's last day folder (one ingest run), then one folder per later day. */
  private static Path layout(Path data, LocalDate history, LocalDate nightly, LocalDate empty) throws IOException {
    Path raw = data.resolve("bench-raw");
    deleteRecursively(raw);
    Path all = Files.createDirectories(raw.resolve("date=" + history));
    for (LocalDate day = FIRST_DAY; !day.isAfter(history); day = day.plusDays(1)) {
      Files.createSymbolicLink(all.resolve(day + ".jsonl"),
          data.resolve("raw/date=" + day + "/part-00000.jsonl").toAbsolutePath());
    }
    Path next = Files.createDirectories(raw.resolve("date=" + nightly));
    Files.createSymbolicLink(next.resolve("part-00000.jsonl"),
        data.resolve("raw/date=" + nightly + "/part-00000.jsonl").toAbsolutePath());
    Files.writeString(Files.createDirectories(raw.resolve("date=" + empty)).resolve("part-00000.jsonl"), "");
    return raw;
  }

  private FunnelcastConfig config(Path warehouse, Path raw) {
    Properties properties = new Properties();
    properties.setProperty("funnelcast.warehouse", warehouse.toAbsolutePath().toString());
    properties.setProperty("funnelcast.metastore", "session");
    properties.setProperty("funnelcast.source.path", raw.toAbsolutePath() + "/date={date}");
    // The whole history arrives in one run: none of it may be older than the lateness limit.
    properties.setProperty("funnelcast.source.max-lateness", (days + 1) + " days");
    properties.setProperty("funnelcast.lifecycle.segments.0", "properties['channel']");
    properties.setProperty("funnelcast.conversion.cohort-grains.0", "month");
    properties.setProperty("funnelcast.conversion.cohort-grains.1", "week");
    return ConfigLoader.load(Optional.empty(), properties);
  }

  private <R extends JobResult> void run(JobRunner runner, String name, Job<R> job, LocalDate date) {
    measure(name, () -> runner.run(job, date).result(), JobResult::rowsRead, JobResult::describe);
  }

  interface Step<T> {
    T get() throws Exception;
  }

  private <T> T measure(String name, Step<T> step, ToLongFunction<T> rows, Function<T, String> detail) {
    memory.reset();
    scratch.reset();
    SparkWork counted = sparkWork;
    if (counted != null) {
      counted.reset();
    }
    long start = System.nanoTime();
    T result;
    try {
      result = step.get();
    } catch (Exception e) {
      throw new IllegalStateException(name + " failed: " + e.getMessage(), e);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Phase phase = new Phase(name, seconds, rows.applyAsLong(result), memory.heapPeakMb(), memory.rssPeakMb(),
        scratch.peakMb(), counted == null ? -1 : counted.jobs(), counted == null ? -1 : counted.commits(),
        detail.apply(result));
    phases.add(phase);
    System.err.printf(Locale.ROOT, "bench: %-36s %8.1f s, scratch peak %d MB, %s Spark jobs, %s Delta commits%n",
        name, seconds, phase.scratchPeakMb(), Phase.count(phase.sparkJobs()), Phase.count(phase.deltaCommits()));
    return result;
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var walk = Files.walk(path)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
