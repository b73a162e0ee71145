package io.funnelcast.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.funnelcast.forecast.BacktestJob;
import io.funnelcast.tables.CohortConversionTable;
import io.funnelcast.tables.EventsQuarantineTable;
import io.funnelcast.tables.EventsTable;
import io.funnelcast.tables.FunnelSummaryTable;
import io.funnelcast.tables.PipelineRunsTable;
import io.funnelcast.tables.TableCatalog;
import io.funnelcast.tables.TableSpec;
import io.funnelcast.tables.UserLifecycleTable;
import io.funnelcast.tables.ForecastConversionsTable;
import io.funnelcast.tables.LifecycleDailyTable;
import io.funnelcast.testing.Frames;
import io.funnelcast.testing.HeadlessChromium;
import io.funnelcast.testing.ReportPages;
import io.funnelcast.testing.SparkExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Runs bin/funnelcast on data-samples as the README does, in a separate JVM, then opens its tables. */
@ExtendWith(SparkExtension.class)
class FunnelcastCliIT {
  static final Path ROOT = Path.of(System.getProperty("funnelcast.repo.root", "..")).toAbsolutePath().normalize();
  static final Pattern SUMMARY = Pattern.compile("ingest (\\d{4}-\\d{2}-\\d{2}) succeeded in [0-9.]+ s: read (\\d+)"
      + " raw records, wrote (\\d+) events \\((\\d+) late\\), dropped (\\d+) duplicates, quarantined (\\d+)"
      + " \\[run [0-9a-f-]{36}\\]");

  /**
   * How long one bin/funnelcast process may take: a guard against a hung process, not a speed check (bench/run
   * measures speed). The README's four-day run once hit a 5-minute limit on a loaded 2-core machine.
   */
  static final int PROCESS_MINUTES = 20;

  /** The README's four-day run, made once: its own test checks what it printed, the analyst test reads its tables. */
  @TempDir
  static Path readme;
  static Outcome readmeRun;

  /** A fresh warehouse for the cases that need one. */
  @TempDir
  Path temp;

  record Outcome(int exitCode, String out, String err) {}

  @BeforeAll
  static void runTheReadmeCommand() throws IOException, InterruptedException {
    readmeRun = funnelcast(readme, "run", "--from", "2026-11-02", "--to", "2026-11-05");
  }

  static Outcome funnelcast(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/funnelcast").toString(),
        "-Dfunnelcast.warehouse=" + dir.resolve("warehouse")));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process = new ProcessBuilder(command).directory(ROOT.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(PROCESS_MINUTES, TimeUnit.MINUTES)).as("finished in time").isTrue();
    return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  static Dataset<Row> table(Path dir, TableSpec spec) {
    return SparkExtension.spark().read().format("delta")
        .load(dir.resolve("warehouse/funnelcast.db/" + spec.name()).toString());
  }

  /** An in-memory copy of what a table holds now, to compare with after a rerun rewrites it. */
  static Dataset<Row> collected(Dataset<Row> table) {
    return SparkExtension.spark().createDataFrame(table.collectAsList(), table.schema());
  }

  static final Pattern FORECAST = Pattern.compile("forecast (\\d{4}-\\d{2}-\\d{2}) succeeded in [0-9.]+ s: 4 series"
      + " \\(0 backed off to all, 4 with a modelled curve tail, 4 without an inflow trend\\), 240 rows; next weeks p50"
      + " \\[p10, p90\\]: awareness -> engagement \\d+ \\[\\d+, \\d+\\]; .* \\[run [0-9a-f-]{36}\\]");

  static final Pattern LIFECYCLE = Pattern.compile("lifecycle (\\d{4}-\\d{2}-\\d{2}) succeeded in [0-9.]+ s: "
      + "(full refresh \\(.*\\)|incremental): recomputed \\d+ users from \\d+ events; (\\d+) users, \\d+ stage visits,"
      + " \\d+ daily rows \\[run [0-9a-f-]{36}\\]");

  @Test
  void theReadmeRunProcessesEverySampleDayAndPrintsUsersPerStage() throws Exception {
    Outcome outcome = readmeRun;

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    List<String> all = outcome.out().lines().toList();
    List<String> lines = all.stream().filter(line -> line.startsWith("ingest ")).toList();
    assertThat(lines).hasSize(4);
    List<String> lifecycle = all.stream().filter(line -> line.startsWith("lifecycle ")).toList();
    assertThat(lifecycle).hasSize(4).allSatisfy(line -> assertThat(line).matches(LIFECYCLE));
    assertThat(lifecycle.get(0)).contains("full refresh");
    assertThat(lifecycle.get(3)).contains("incremental").contains("; 320 users,");
    int table = all.indexOf("users per stage as of 2026-11-05");
    assertThat(table).as(outcome.out()).isPositive();
    long placed = all.subList(table + 2, table + 7).stream()
        .mapToLong(line -> Long.parseLong(line.trim().split("\\s+")[1])).sum();
    assertThat(placed).isEqualTo(320);
    assertThat(all.get(table + 2)).startsWith("  awareness ");
    long read = 0, written = 0, duplicates = 0, quarantined = 0;
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = SUMMARY.matcher(lines.get(i));
      assertThat(m.matches()).as(lines.get(i)).isTrue();
      assertThat(m.group(1)).isEqualTo("2026-11-0" + (2 + i));
      read += Long.parseLong(m.group(2));
      written += Long.parseLong(m.group(3));
      duplicates += Long.parseLong(m.group(5));
      quarantined += Long.parseLong(m.group(6));
    }
    assertThat(read).isEqualTo(written + duplicates + quarantined);
    long rawLines = 0;
    try (var files = Files.walk(ROOT.resolve("data-samples/raw"))) {
      for (Path file : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".jsonl")).toList()) {
        rawLines += Files.readAllLines(file).stream().filter(line -> !line.isBlank()).count();
      }
    }
    assertThat(read).isEqualTo(rawLines);
    assertThat(table(readme, EventsTable.SPEC).count()).isEqualTo(written);
    assertThat(table(readme, EventsQuarantineTable.SPEC).count()).isEqualTo(quarantined);
    // Four jobs a day; the analyst test may have added a backtest run to the same warehouse.
    assertThat(table(readme, PipelineRunsTable.SPEC)
        .filter(col(PipelineRunsTable.STATUS).equalTo(PipelineRunsTable.STATUS_SUCCEEDED))
        .filter(col(PipelineRunsTable.JOB).notEqual(BacktestJob.NAME)).count()).isEqualTo(16);
    assertThat(all.stream().filter(line -> line.startsWith("conversion 2026-11-0"))).hasSize(4)
        .allSatisfy(line -> assertThat(line).contains(" succeeded in ").contains(" pair attempts ("));
    int funnel = all.indexOf("funnel as of 2026-11-05 (all cohorts; first arrival at each stage; median over"
        + " converters)");
    assertThat(funnel).as(outcome.out()).isGreaterThan(table);
    assertThat(all.get(funnel + 2)).matches("  awareness -> engagement +320 +\\d+ +\\d+[.]\\d% +\\d+[.]\\d\\d");
    assertThat(all.get(funnel + 6)).startsWith("  awareness -> advocacy (whole funnel) ");
    // The forecast: one line per night, then the next weeks and months per pair, saying what it rests on.
    assertThat(all.stream().filter(line -> line.startsWith("forecast 2026-11-0"))).hasSize(4)
        .allSatisfy(line -> assertThat(line).matches(FORECAST));
    int forecast = all.indexOf("forecast as of 2026-11-05 (all users; p50 [p10, p90] after 2026-11-05)");
    assertThat(forecast).as(outcome.out()).isGreaterThan(funnel);
    assertThat(all.get(forecast + 1)).matches("  pair +next week +next month +next 13 weeks +next 3 months  basis");
    assertThat(all.get(all.size() - 1)).startsWith("report written: ").endsWith("/reports/2026-11-05/index.html");
    assertThat(all.subList(forecast + 2, all.size() - 1)).hasSize(4).allSatisfy(line -> assertThat(line)
        .matches("  \\w+ -> \\w+ +(\\d+(\\.\\d)? \\[\\d+(\\.\\d)?, \\d+(\\.\\d)?\\] +){4}curve all, observed to day"
            + " \\d+ of 90; inflow trailing_mean"));
    // Progress is logged; Spark's own INFO chatter is not.
    assertThat(outcome.err()).contains("ingest 2026-11-02 [2/5] read-and-classify").doesNotContain("INFO  SparkContext");
    // A warehouse of a few hundred kB: Spark interprets the expressions instead of compiling code for each plan.
    assertThat(outcome.err()).containsPattern("Spark expressions interpreted: 0\\.\\d\\d MB of input, below"
        + " funnelcast.spark.interpret-below \\(2\\.00 MB\\)");

    Dataset<Row> events = collected(table(readme, EventsTable.SPEC));
    Dataset<Row> users = collected(table(readme, UserLifecycleTable.SPEC));
    Outcome rerun = funnelcast(readme, "run", "--date", "2026-11-05");
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    Frames.assertSameRows(events, table(readme, EventsTable.SPEC));
    Frames.assertSameRows(users, table(readme, UserLifecycleTable.SPEC));
  }

  /**
   * The report the README run ends with, opened in headless Chromium: no error, every chart drawn with its
   * series, title and axis names, and its figures equal to the tables'. Screenshots go to
   * target/report-screenshots for a person to look at.
   */
  @Test
  void theReadmeRunWritesAReportThatRendersInABrowserWithTheTablesFigures() throws Exception {
    assertThat(readmeRun.exitCode()).as(readmeRun.err()).isZero();
    String line = readmeRun.out().lines().filter(l -> l.startsWith("report written: ")).findFirst().orElseThrow();
    Path index = Path.of(line.substring("report written: ".length()));
    assertThat(index.getParent().resolve("echarts.min.js")).isRegularFile();
    try (HeadlessChromium browser = HeadlessChromium.start()) {
      browser.open(index, 1280);
      JsonNode charts = ReportPages.charts(browser);
      browser.screenshot(ReportPages.screenshot("readme"));
      for (String section : List.of("headline", "funnel", "population", "cohorts", "forecast", "health")) {
        browser.screenshot(ReportPages.screenshot("readme-" + section), "#" + section);
      }
      assertThat(browser.problems()).isEmpty();
      Map<String, Integer> series = new LinkedHashMap<>();
      charts.forEach(chart -> {
        assertThat(chart.path("hasChart").asBoolean()).as(chart.toString()).isTrue();
        assertThat(chart.path("painted").asLong()).as("drawn: " + chart).isPositive();
        assertThat(chart.path("title").asText()).as(chart.toString()).isNotBlank();
        chart.path("axes").forEach(axis -> assertThat(axis.asText()).as("axis names: " + chart).isNotBlank());
        series.put(chart.path("id").asText(), chart.path("series").asInt());
      });
      // Five stages; the flows chart has each stage's entries and exits; a curve is its line and its band.
      assertThat(series).containsExactly(Map.entry("chart-headline-stages", 3), Map.entry("chart-headline-statuses", 1),
          Map.entry("chart-funnel", 1), Map.entry("chart-population", 5), Map.entry("chart-flows", 10),
          Map.entry("chart-heatmap", 1), Map.entry("chart-curves", 3), Map.entry("chart-times", 2),
          Map.entry("chart-forecast", 6), Map.entry("chart-ingest", 3), Map.entry("chart-quarantine", 1));
      assertThat(ReportPages.missing(browser).toString()).as("no backtest has run yet").contains("No backtest yet");

      JsonNode data = ReportPages.data(browser);
      Map<String, Long> inStage = new LinkedHashMap<>();
      table(readme, LifecycleDailyTable.SPEC).filter("day = DATE'2026-11-05' AND segment_name = 'all'")
          .collectAsList().forEach(row -> inStage.put(row.getAs("stage"), row.getAs("users_in_stage")));
      Map<String, Long> shown = new LinkedHashMap<>();
      data.path("headline").path("stages").forEach(s -> shown.put(s.path("stage").asText(), s.path("now").asLong()));
      assertThat(shown).containsAllEntriesOf(inStage).hasSize(5);

      Row cohort = table(readme, CohortConversionTable.SPEC).filter("as_of_date = DATE'2026-11-05'"
          + " AND cohort_grain = 'week' AND cohort_start = DATE'2026-11-02' AND segment_name = 'all'"
          + " AND from_stage = 'awareness' AND to_stage = 'engagement'").selectExpr("km_curve[0].conversion_rate",
              "in_flight_count / entrants_count").first();
      JsonNode heatmap = data.path("cohorts").path("heatmaps").path("awareness->engagement|week");
      assertThat(heatmap.path("cohorts").get(0).asText()).isEqualTo("2026-11-02");
      assertThat(heatmap.path("rates").get(0).get(0).asDouble()).as("day 1").isEqualTo(cohort.getDouble(0));
      assertThat(heatmap.path("rates").get(0).get(4).isNull()).as("day 30: not observed yet").isTrue();
      assertThat(heatmap.path("inFlightShare").get(0).asDouble()).isEqualTo(cohort.getDouble(1));

      Row weeks = table(readme, ForecastConversionsTable.SPEC).filter("as_of_date = DATE'2026-11-05'"
          + " AND segment_name = 'all' AND from_stage = 'awareness' AND to_stage = 'engagement'"
          + " AND measure = 'conversions' AND component = 'total' AND period_grain = 'weeks_total' AND horizon = 13")
          .select("forecast_p50", "forecast_p10", "forecast_p90").first();
      JsonNode totals = data.path("forecast").path("totals").get(0);
      assertThat(totals.path("label").asText()).isEqualTo("awareness → engagement");
      assertThat(totals.path("figures").path("next 13 weeks").asText()).isEqualTo(String.format(java.util.Locale.ROOT,
          "%.0f [%.0f, %.0f]", weeks.getDouble(0), weeks.getDouble(1), weeks.getDouble(2)));
      Row nextWeek = table(readme, ForecastConversionsTable.SPEC).filter("as_of_date = DATE'2026-11-05'"
          + " AND segment_name = 'all' AND from_stage = 'awareness' AND to_stage = 'engagement'"
          + " AND measure = 'conversions' AND component = 'total' AND period_grain = 'week' AND horizon = 1")
          .select("forecast_p50").first();
      JsonNode fan = data.path("forecast").path("fans").path("awareness->engagement|conversions|week");
      assertThat(fan.path("periods").get(1).asText()).isEqualTo("2026-11-09");
      assertThat(fan.path("p50").get(1).asDouble()).isEqualTo(nextWeek.getDouble(0));
    }
  }

  @Test
  void analystsQueryTheTablesBySqlAndOtherToolsReadThem() throws Exception {
    assertThat(readmeRun.exitCode()).as(readmeRun.err()).isZero();
    Outcome backtest = funnelcast(readme, "backtest", "--from", "2026-11-02", "--to", "2026-11-02");
    assertThat(backtest.exitCode()).as(backtest.err()).isZero();
    assertThat(backtest.out()).startsWith("backtest 2026-11-02 succeeded in ").contains(": 1 origins"
        + " 2026-11-02..2026-11-02 against data as of 2026-11-05: ");
    assertThat(readme.resolve("warehouse/metastore_db")).as("embedded metastore beside the tables").isDirectory();

    // funnel_summary holds an as-of slice per run date: the query names the last one.
    Outcome query = funnelcast(readme, "sql", "SELECT step_index, from_stage, to_stage, reached_count"
        + " FROM funnel_summary WHERE cohort_month IS NULL AND as_of_date = DATE'2026-11-05'"
        + " ORDER BY step_index LIMIT 2");
    assertThat(query.exitCode()).as(query.err()).isZero();
    List<Long> reached = table(readme, FunnelSummaryTable.SPEC)
        .filter("cohort_month IS NULL AND as_of_date = DATE'2026-11-05' AND step_index < 2").orderBy("step_index")
        .select("reached_count").collectAsList().stream().map(row -> row.getLong(0)).toList();
    assertThat(reached).hasSize(2);
    assertThat(query.out().lines()).containsExactly(
        "step_index | from_stage | to_stage   | reached_count",
        "-----------+------------+------------+--------------",
        String.format("0          | awareness  | advocacy   | %-13d", reached.get(0)).stripTrailing(),
        String.format("1          | awareness  | engagement | %-13d", reached.get(1)).stripTrailing(),
        "(2 rows)");

    Outcome csv = funnelcast(readme, "sql", "--csv", "DESCRIBE TABLE funnelcast.cohort_conversion");
    assertThat(csv.exitCode()).as(csv.err()).isZero();
    assertThat(csv.out().lines()).first().isEqualTo("col_name,data_type,comment");
    assertThat(csv.out()).contains("entrants_count,bigint,Entries into from_stage in the cohort period (a user who"
        + " re-enters counts once per attempt)\r\n");

    Outcome bad = funnelcast(readme, "sql", "SELECT nope FROM funnel_summary");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("funnelcast: query error: [UNRESOLVED_COLUMN.WITH_SUGGESTION]");

    // delta-rs, Polars and DuckDB, no Spark: every analyst table reads, with its comments, and no reader
    // features (internal tables use deletion vectors; analysts do not read them).
    List<TableSpec> analystTables = TableCatalog.ALL.stream().filter(spec -> !spec.internal()).toList();
    Path python = Path.of(System.getProperty("interop.python", ""));
    assertThat(python).as("Python with interop/requirements.txt (bin/test prepares .venv; or pass"
        + " -Dinterop.python=...)").isExecutable();
    List<String> names = analystTables.stream().map(TableSpec::name).toList();
    List<String> command = new ArrayList<>(List.of(python.toString(), ROOT.resolve("interop/read_tables.py").toString(),
        readme.resolve("warehouse/funnelcast.db").toString()));
    command.addAll(names);
    Process reader = new ProcessBuilder(command).redirectErrorStream(true).start();
    String json = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(reader.waitFor()).as(json).isZero();
    JsonNode found = new ObjectMapper().readTree(json);
    assertThat(analystTables).hasSize(12);
    for (TableSpec spec : analystTables) {
      JsonNode t = found.get(spec.name());
      long rows = table(readme, spec).count();
      assertThat(t.get("rows").asLong()).as(spec.name()).isEqualTo(rows);
      assertThat(t.get("duckdb_rows").asLong()).as(spec.name()).isEqualTo(rows);
      assertThat(t.get("reader_features")).as(spec.name()).isEmpty();
      assertThat(t.get("description").asText()).isEqualTo(spec.comment());
      for (var field : spec.schema().fields()) {
        assertThat(t.get("comments").get(field.name()).asText()).isEqualTo(field.getComment().get());
      }
    }
    // DuckDB over nested columns gives what Spark gives.
    List<String> spark = table(readme, CohortConversionTable.SPEC)
        .filter("segment_name = 'all' AND cohort_grain = 'week'")
        .groupBy("from_stage", "to_stage")
        .agg(expr("sum(entrants_count)"), expr("sum(filter(km_curve, p -> p.day = 7)[0].at_risk_count)"))
        .orderBy("from_stage", "to_stage").collectAsList().stream()
        .map(row -> "[\"" + row.get(0) + "\", \"" + row.get(1) + "\", " + row.get(2) + ", " + row.get(3) + "]")
        .toList();
    assertThat(spark).hasSize(4);
    List<String> duck = new ArrayList<>();
    found.get("_cohort_query").forEach(row -> duck.add(row.toString().replace(",", ", ")));
    assertThat(duck).isEqualTo(spark);
  }

  @Test
  void aDayWithoutRawFilesFailsWithExitCode1AndIsRecorded() throws Exception {
    Outcome outcome = funnelcast(temp, "ingest", "--date", "2026-11-20");

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.err()).contains("funnelcast: ingest 2026-11-20 failed: funnelcast.source.path: no raw files at "
        + "data-samples/raw/date=2026-11-20 (path does not exist; set funnelcast.source.missing-day = empty");
    assertThat(table(temp, PipelineRunsTable.SPEC).select("status", "run_date").collectAsList().stream()
        .map(Row::toString))
        .containsExactly("[failed,2026-11-20]");
  }

  @Test
  void aConfigErrorExitsWith2BeforeSparkStarts() throws Exception {
    Outcome outcome = funnelcast(temp, "-Dfunnelcast.source.event-time-format=", "ingest", "--date", "2026-11-02");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err().strip()).isEqualTo("funnelcast: config error: funnelcast.source.event-time-format: ''"
        + " is invalid: must not be blank (-D system property)");
    assertThat(temp.resolve("warehouse")).doesNotExist();
  }
}
