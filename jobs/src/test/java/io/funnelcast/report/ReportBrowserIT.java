package io.funnelcast.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.funnelcast.report.ReportData.Accuracy;
import io.funnelcast.report.ReportData.AccuracyRow;
import io.funnelcast.report.ReportData.Count;
import io.funnelcast.testing.HeadlessChromium;
import io.funnelcast.testing.PipelineHarness;
import io.funnelcast.testing.ReportPages;
import io.funnelcast.testing.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports for warehouses that lack something, opened in headless Chromium: each renders without an error, draws
 * the charts it has data for, and says what is missing. (The README's full report: FunnelcastCliIT.)
 */
@ExtendWith(SparkExtension.class)
class ReportBrowserIT {
  static final LocalDate DAY = LocalDate.of(2026, 11, 2);
  static HeadlessChromium browser;

  @TempDir
  Path temp;

  @BeforeAll
  static void startBrowser() throws Exception {
    browser = HeadlessChromium.start();
  }

  @AfterAll
  static void stopBrowser() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  PipelineHarness harness() {
    return new PipelineHarness(PipelineHarness.dataSamples(), temp.resolve("warehouse"));
  }

  Map<String, Integer> open(PipelineHarness harness, String name) throws Exception {
    String index = HtmlReport.write(SparkExtension.spark(), harness.tables(), harness.config(), DAY,
        temp.resolve("reports").toString());
    return open(Path.of(index), name);
  }

  /** Opens a report, checks it rendered without problems; returns each drawn chart's series count. */
  static Map<String, Integer> open(Path index, String name) throws Exception {
    browser.open(index, 1280);
    browser.screenshot(ReportPages.screenshot(name));
    assertThat(browser.problems()).isEmpty();
    Map<String, Integer> series = new LinkedHashMap<>();
    for (JsonNode chart : ReportPages.charts(browser)) {
      assertThat(chart.path("hasChart").asBoolean()).as("a chart in every visible container: " + chart).isTrue();
      assertThat(chart.path("painted").asLong()).as("drawn: " + chart).isPositive();
      series.put(chart.path("id").asText(), chart.path("series").asInt());
    }
    return series;
  }

  static List<String> missing() throws Exception {
    List<String> texts = new ArrayList<>();
    ReportPages.missing(browser).forEach(text -> texts.add(text.asText()));
    return texts;
  }

  @Test
  void anEmptyWarehouseGivesAReportThatSaysNothingRanYet() throws Exception {
    PipelineHarness empty = harness();

    assertThat(open(empty, "empty-warehouse")).isEmpty();

    assertThat(missing()).containsExactly(
        "No lifecycle tables yet: the lifecycle job has not run.",
        "No funnel as of 2026-11-02 yet: the conversion job has not run for it.",
        "No lifecycle tables yet: the lifecycle job has not run.",
        "No cohort figures as of 2026-11-02 yet: the conversion job has not run for it.",
        "No forecast as of 2026-11-02 yet: the forecast job has not run for it.",
        "No backtest yet: `bin/funnelcast backtest --from D1 --to D2` replays the forecast at past origins and scores"
            + " it here.",
        "No runs recorded yet: pipeline_runs is not there.");
    Path tables = temp.resolve("warehouse/funnelcast.db");
    assertThat(!Files.exists(tables) || Files.list(tables).findAny().isEmpty()).as("the report creates no table").isTrue();
  }

  @Test
  void oneDayWithoutConversionsOrForecastDrawsWhatThereIsAndSaysWhatIsMissing() throws Exception {
    PipelineHarness oneDay = harness();
    oneDay.ingest(DAY);
    oneDay.lifecycle(DAY, false);

    assertThat(open(oneDay, "one-day-no-conversion")).containsOnlyKeys("chart-headline-stages",
        "chart-headline-statuses", "chart-population", "chart-flows", "chart-ingest", "chart-quarantine");
    assertThat(missing()).contains("No funnel as of 2026-11-02 yet: the conversion job has not run for it.",
        "No forecast as of 2026-11-02 yet: the forecast job has not run for it.");

    oneDay.conversion(DAY);
    Map<String, Integer> withConversions = open(oneDay, "one-day-no-forecast");

    assertThat(withConversions).containsKeys("chart-funnel", "chart-heatmap", "chart-curves", "chart-times")
        .doesNotContainKey("chart-forecast");
    assertThat(missing()).contains("No forecast as of 2026-11-02 yet: the forecast job has not run for it.")
        .noneMatch(text -> text.startsWith("No funnel"));
  }

  /** A backtest and failed runs are not in the one-day warehouses: their charts and tables, from data in code. */
  @Test
  void theBacktestAndFailedRunsRenderFromTheirData() throws Exception {
    ReportData empty = HtmlReport.data(harness().tables(), harness().config(), DAY);
    List<AccuracyRow> rows = List.of(
        new AccuracyRow("awareness → engagement", "week", "1-4", "model", 5, 20, 0.12, 0.8, -0.02, 0.75),
        new AccuracyRow("awareness → engagement", "week", "1-4", "seasonal_naive", 5, 20, 0.2, 1.1, 0.05, null),
        new AccuracyRow("awareness → engagement", "week", "5-8", "model", 5, 20, 0.15, 0.9, 0.01, 0.8));
    Accuracy accuracy = new Accuracy(null, rows, AccuracySection.reading(rows));
    ReportData.Forecast forecast = ReportData.Forecast.missing("No forecast as of 2026-11-02 yet.", accuracy);
    ReportData.Run failed = new ReportData.Run("lifecycle", "2026-11-02", "failed", "2026-11-03T01:00:00Z", 3.5,
        null, null, null, null, "the <events> table is missing");
    ReportData.Run ingest = new ReportData.Run("ingest", "2026-11-02", "succeeded", "2026-11-03T00:59:00Z", 2.0,
        100L, 90L, 4L, 6L, null);
    ReportData.Health health = HealthSection.health(List.of(failed, ingest), List.of(new Count("missing_user_id", 6)));
    ReportData data = new ReportData(empty.asOf(), empty.version(), empty.businessTimeZone(), empty.stages(),
        empty.headline(), empty.funnel(), empty.population(), empty.cohorts(), forecast, health);
    Path index = temp.resolve("index.html");
    Files.writeString(index, ReportPage.render(data));
    for (String file : List.of(HtmlReport.SCRIPT, HtmlReport.ECHARTS)) {
      try (var in = getClass().getClassLoader().getResourceAsStream(file)) {
        Files.copy(in, temp.resolve(file.substring(file.lastIndexOf('/') + 1)));
      }
    }

    assertThat(open(index, "backtest-and-failures")).containsExactly(Map.entry("chart-accuracy", 2),
        Map.entry("chart-ingest", 3), Map.entry("chart-quarantine", 1));
    JsonNode failedRow = browser.evaluate("document.querySelector('#table-failed tbody td.error').textContent");
    assertThat(failedRow.asText()).as("shown as text, not markup").isEqualTo("the <events> table is missing");
    assertThat(browser.evaluate("document.getElementById('reading-accuracy').textContent").asText()).isEqualTo(
        "awareness → engagement, 1-4 ahead (week horizons): the model's WAPE was 12.0% against 20.0% for seasonal"
            + " naive over 5 origins; its 80% interval held 75.0% of the actuals.");
    JsonNode accuracyCells = browser.evaluate("Array.prototype.map.call(document.querySelectorAll("
        + "'#table-accuracy tbody tr:first-child td'), function (td) { return td.textContent; })");
    assertThat(accuracyCells.toString()).isEqualTo(
        "[\"awareness → engagement\",\"week\",\"1-4\",\"model\",\"5\",\"20\",\"12.0%\",\"0.80\",\"-2.0%\",\"75.0%\"]");
  }
}
