package io.funnelcast.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelcast.config.StagePair;
import io.funnelcast.report.LifecycleSections.Day;
import io.funnelcast.report.ReportData.Count;
import io.funnelcast.report.ReportData.Run;
import io.funnelcast.report.ReportData.StageCount;
import io.funnelcast.report.ReportData.Step;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The report's sections shaped from small, hand-built table rows: figures, what is left out, and readings. */
class ReportSectionsTest {
  static final LocalDate D = LocalDate.of(2026, 11, 30);
  static final List<String> STAGES = List.of("free", "paid");

  static Day day(LocalDate day, String stage, long users, long entered, long exited, long active) {
    return new Day(day, stage, users, entered, exited,
        Map.of("new", 0L, "active", active, "dormant", users - active, "resurrected", 0L, "churned", 0L));
  }

  @Test
  void theHeadlineComparesTheEndOfTheDayWithAWeekAndAMonthBefore() {
    List<Day> days = List.of(day(D, "free", 80, 5, 2, 60), day(D, "paid", 20, 2, 0, 20),
        day(D.minusDays(7), "free", 70, 4, 1, 50), day(D.minusDays(7), "paid", 10, 1, 0, 10));
    Step whole = new Step(0, "free", "paid", 100, 20, 0.2, 3.5);

    ReportData.Headline headline = LifecycleSections.headline(STAGES, D, days, whole);

    assertThat(headline.stages()).containsExactly(new StageCount("free", 80, 70L, null),
        new StageCount("paid", 20, 10L, null));
    assertThat(headline.statuses()).containsExactly(new Count("new", 0), new Count("active", 80),
        new Count("dormant", 20), new Count("resurrected", 0), new Count("churned", 0));
    assertThat(headline.reading()).isEqualTo("100 users have a stage on 2026-11-30, 80.0% of them in free; 80.0% are"
        + " new, active or resurrected. 20.0% of the 100 users who reached free went on to paid, in a median of"
        + " 3.50 days.");
    assertThat(LifecycleSections.headline(STAGES, D.plusDays(1), days, whole).missing())
        .isEqualTo("lifecycle_daily has no row for 2026-12-01: the lifecycle job has not run for it.");
  }

  @Test
  void thePopulationHasEveryStageOnEveryDayWithZerosWhereAStageHasNoRow() {
    ReportData.Population population = LifecycleSections.population(STAGES,
        List.of(day(D.minusDays(1), "free", 10, 10, 0, 10), day(D, "free", 12, 3, 1, 12), day(D, "paid", 1, 1, 0, 1)));

    assertThat(population.days()).containsExactly("2026-11-29", "2026-11-30");
    assertThat(population.stages()).containsExactly(
        new ReportData.StageSeries("free", List.of(10L, 12L), List.of(10L, 3L), List.of(0L, 1L)),
        new ReportData.StageSeries("paid", List.of(0L, 1L), List.of(0L, 1L), List.of(0L, 0L)));
    assertThat(population.reading()).isEqualTo("Users with a stage went from 10 on 2026-11-29 to 13 on 2026-11-30;"
        + " on 2026-11-30, 4 stage visits started and 1 ended.");
  }

  @Test
  void healthCountsEachRunDatesLatestSuccessfulIngestAndListsWhatFailed() {
    Run rerun = new Run("ingest", "2026-11-30", "succeeded", "2026-12-01T02:00:00Z", 2, 100L, 90L, 4L, 6L, null);
    Run first = new Run("ingest", "2026-11-30", "succeeded", "2026-12-01T01:00:00Z", 2, 99L, 89L, 4L, 6L, null);
    Run died = new Run("lifecycle", "2026-11-30", "died", "2026-12-01T01:01:00Z", 9, null, null, null, null, "killed");

    ReportData.Health health = HealthSection.health(List.of(rerun, died, first),
        List.of(new Count("missing_user_id", 4), new Count("malformed_record", 2)));

    assertThat(health.ingest()).containsExactly(new ReportData.IngestDay("2026-11-30", 100, 90, 4, 6));
    assertThat(health.failed()).containsExactly(died);
    assertThat(health.runs()).containsExactly(rerun, died, first);
    assertThat(health.reading()).isEqualTo("1 ingest run date read 100 raw records: 6 were quarantined (6.0%; most"
        + " often missing_user_id) and 4 dropped as duplicates; 1 attempt failed or died (lifecycle 1).");
  }

  @Test
  void theFanStartsAtTheFirstPeriodWithAConversionAndMarksTheCurrentOne() {
    LocalDate current = LocalDate.of(2026, 11, 30);
    List<ForecastSection.Period> periods = List.of(
        new ForecastSection.Period(current, true, 1, 2, 3, 2.0, 0.0),
        new ForecastSection.Period(current.plusWeeks(1), false, 8, 10, 14, 4.0, 6.0));
    Map<LocalDate, Long> actual = Map.of(current.minusWeeks(2), 7L, current, 3L);

    ReportData.Fan fan = ForecastSection.fan("free → paid conversions", "free", "conversions", "week", periods,
        actual, false);

    assertThat(fan.periods()).containsExactly("2026-11-16", "2026-11-23", "2026-11-30 (current)", "2026-12-07");
    assertThat(fan.actual()).containsExactly(7L, 0L, 3L, null);
    assertThat(fan.p50()).containsExactly(null, null, 2.0, 10.0);
    assertThat(fan.inFlightP50()).containsExactly(null, null, 2.0, 4.0);
    assertThat(fan.reading()).isEqualTo("free → paid conversions, week of 2026-12-07: 10 expected (80% interval"
        + " 8–14), 40.0% of the median from users already in free.");
  }

  static final StructType POINT = new StructType().add("day", DataTypes.IntegerType)
      .add("conversion_rate", DataTypes.DoubleType).add("ci_low", DataTypes.DoubleType)
      .add("ci_high", DataTypes.DoubleType).add("at_risk_count", DataTypes.LongType);

  static List<Row> curve(Object[]... points) {
    return new ArrayList<>(Arrays.stream(points).map(p -> (Row) new GenericRowWithSchema(p, POINT)).toList());
  }

  @Test
  void aCurveStopsAfterTheFirstDayNoOneWasLeftAtRisk() {
    List<Row> points = curve(new Object[] {1, 0.1, 0.05, 0.2, 8L}, new Object[] {7, 0.3, 0.2, 0.4, 0L},
        new Object[] {30, 0.3, 0.2, 0.4, 0L});

    assertThat(CohortCurves.observed(points, "conversion_rate")).containsExactly(0.1, 0.3, null);
    assertThat(CohortCurves.observed(points, "ci_high")).containsExactly(0.2, 0.4, null);
  }

  @Test
  void theHeatmapReadingIsAboutTheLargestCohortAtItsLongestObservedDay() {
    StagePair pair = new StagePair("free", 0, "paid", 1, Duration.ofDays(90));
    String reading = CohortSection.heatmapReading(pair, "week", List.of("2026-11-16", "2026-11-23"), List.of(40L, 50L),
        List.of(0.1, 0.5), List.of(Arrays.asList(0.1, 0.2, 0.3), Arrays.asList(0.05, 0.25, null)), List.of(1, 7, 30));

    assertThat(reading).isEqualTo("25.0% of the week of 2026-11-23 cohort (50 entrants into free) reached paid within"
        + " 7 days (Kaplan–Meier); 50.0% of it is still in flight.");
  }

  @Test
  void histogramBinsAreRoundWidthsForAboutThirtyBins() {
    assertThat(ConversionTimes.binWidth(2.3)).isEqualTo(0.1);
    assertThat(ConversionTimes.binWidth(90)).isEqualTo(5.0);
    assertThat(ConversionTimes.binWidth(40)).isEqualTo(2.0);
  }

  @Test
  void thePageCarriesItsDataAsJsonThatCannotCloseTheScriptAndEscapesItsTexts() {
    ReportData.Headline headline = ReportData.Headline.missing("No <b>lifecycle</b> yet");
    ReportData data = new ReportData("2026-11-30", "test", "UTC", STAGES, headline,
        ReportData.Funnel.missing("none"), ReportData.Population.missing("none"), ReportData.Cohorts.missing("none"),
        ReportData.Forecast.missing("none", ReportData.Accuracy.missing("none")), ReportData.Health.missing("none"));

    String page = ReportPage.render(data);

    assertThat(ReportPage.json(data)).contains("No \\u003cb\\u003elifecycle\\u003c/b\\u003e yet")
        .doesNotContain("</");
    assertThat(page).contains("<p class=\"missing\">No &lt;b&gt;lifecycle&lt;/b&gt; yet</p>")
        .contains("<title>Funnelcast report as of 2026-11-30</title>").doesNotContain("{{");
  }
}
