package io.funnelcast.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.generate.GenerateOptions;
import io.funnelcast.generate.PlantedBehaviour;
import io.funnelcast.tables.ForecastAccuracyTable;
import io.funnelcast.testing.SparkExtension;
import io.funnelcast.testing.TestConfigs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forecast's quality on 18 synthetic months (weekday seasonality, a +20%-a-year trend, a share of every channel
 * that never converts, cancellations and returns), seed fixed: 13 weekly origins, each forecasting 13 weeks and 3
 * months, against the baselines; and the in-flight forecast at the last day against the generator's planted future.
 * The origins start a year in, past the months in which a new product's later stages are still filling up.
 *
 * <p>The stage conversions come from the generator's planted entries ({@link PlantedConversions}); the bench runs
 * the same checks through the whole pipeline.
 * Figures are over the 'all' rows of the four adjacent pairs: the two later pairs convert a few hundred users a
 * week, where the week's own Bernoulli noise is most of any forecast's error.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecastQualityTest {
  static final LocalDate FIRST = LocalDate.of(2025, 1, 6);
  static final int DAYS = 546;
  /** A Sunday: the planted future's 13 weeks are the forecast's 13 whole weeks. */
  static final LocalDate LAST = FIRST.plusDays(DAYS - 1L);

  @TempDir
  static Path temp;

  GenerateOptions options;
  Forecaster forecaster;
  Dataset<Row> conversions;
  Dataset<Row> accuracy;
  BacktestQuality quality;

  @BeforeAll
  void backtest() {
    options = new GenerateOptions(temp.resolve("gen"), 300_000, FIRST, DAYS, 7, 0, 0, 0, 13,
        PlantedBehaviour.defaults());
    SparkSession spark = SparkExtension.spark();
    FunnelcastConfig config = TestConfigs.with("forecast.simulations", "300");
    conversions = PlantedConversions.of(options, config);
    forecaster = new Forecaster(config.forecast(), ZoneOffset.UTC, DayOfWeek.MONDAY);
    LocalDate lastOrigin = LAST.minusDays(91);
    List<LocalDate> origins = new ArrayList<>();
    for (int i = 12; i >= 0; i--) {
      origins.add(lastOrigin.minusWeeks(i));
    }
    ForecastData data = forecaster.collect(spark, conversions, null, null, origins);
    List<Row> rows = new ArrayList<>();
    for (LocalDate origin : origins) {
      rows.addAll(Backtest.score(origin, forecaster.forecast(data, origin), data::daily, forecaster.calendar(origin), LAST,
          "test", 13));
    }
    accuracy = spark.createDataFrame(rows, ForecastAccuracyTable.SPEC.schema())
        .filter(col("segment_name").equalTo("all")).cache();
    quality = BacktestQuality.of(accuracy);
    // The figures behind the checks, for whoever reads the test's output.
    quality.lines().forEach(line -> System.err.println("quality " + line));
  }

  @Test
  void everyOriginIsScoredAndOnlyPeriodsEndingAfterTheDataArePartial() {
    assertThat(accuracy.select("origin_date").distinct().count()).isEqualTo(13);
    assertThat(accuracy.filter("is_partial").count()).isPositive()
        .isEqualTo(accuracy.filter(col("period_end").gt(lit(LAST))).count());
    assertThat(accuracy.filter("is_partial AND period_grain = 'week'").count()).isZero();
    // 4 pairs x (13 weeks + 3 months) x 3 methods per origin.
    assertThat(accuracy.count()).isEqualTo(13L * 4 * 16 * 3);
  }

  @Test
  void weeklyWapeIsAtLeast30PercentBetterThanTheTrailingMean() {
    Map<String, Double> wape = quality.pooledWeeklyWape();
    assertThat(wape.get(ForecastAccuracyTable.MODEL)).isLessThan(0.7 * wape.get(ForecastAccuracyTable.TRAILING_4_WEEK_MEAN));
    assertThat(wape.get(ForecastAccuracyTable.MODEL)).isLessThan(wape.get(ForecastAccuracyTable.SEASONAL_NAIVE));
    // Each pair beats the trailing mean too, if by less where a few hundred weekly conversions are mostly noise.
    assertThat(quality.weeklyWape()).hasSize(4).allSatisfy((pair, methods) -> assertThat(methods.get("model"))
        .as(pair).isLessThan(methods.get(ForecastAccuracyTable.TRAILING_4_WEEK_MEAN)));
  }

  @Test
  void maseIsBelowOneForEveryPairAndTheModelBeatsSeasonalNaive() {
    assertThat(quality.weeklyMase()).hasSize(4).allSatisfy((pair, mase) -> assertThat(mase).as(pair).isLessThan(1));
    assertThat(quality.weeklyMaeOverSeasonalNaive()).hasSize(4)
        .allSatisfy((pair, ratio) -> assertThat(ratio).as(pair).isLessThan(1));
  }

  @Test
  void theEightyPercentIntervalCoversBetween72And88PercentOfWeeklyActuals() {
    assertThat(quality.pooledWeeklyCoverage()).isBetween(0.72, 0.88);
  }

  @Test
  void monthlyBiasIsWithinFivePercentForEveryPair() {
    assertThat(quality.monthlyBias()).hasSize(4)
        .allSatisfy((pair, bias) -> assertThat(bias).as(pair).isBetween(-0.05, 0.05));
    assertThat(quality.shortfalls()).isEmpty();
  }

  @Test
  void theInFlightThirteenWeekTotalIsWithinFivePercentOfThePlantedFuture() throws IOException {
    JsonNode truth = new ObjectMapper().readTree(options.out().resolve("truth/expected.json").toFile());
    Map<String, Long> planted = new HashMap<>();
    for (JsonNode week : truth.get("future_pair_conversions_per_week")) {
      planted.merge(week.get("from").asText() + " -> " + week.get("to").asText(), week.get("in_flight").asLong(),
          Long::sum);
    }
    ForecastData now = forecaster.collect(SparkExtension.spark(), conversions, null, null, List.of(LAST));
    double forecastTotal = 0;
    long plantedTotal = 0;
    for (SeriesSimulation.Forecast forecast : forecaster.forecast(now, LAST)) {
      if (!forecast.key().isAll()) {
        continue;
      }
      SeriesSimulation.Value inFlight = forecast.values().stream()
          .filter(v -> v.period().grain().equals(ForecastCalendar.WEEKS_TOTAL) && v.component().equals("in_flight")
              && v.measure().equals("conversions"))
          .findFirst().orElseThrow();
      long expected = planted.get(forecast.key().fromStage() + " -> " + forecast.key().toStage());
      // One pair's planted future is one draw: a few hundred conversions vary by 3-5% on their own.
      assertThat(inFlight.p50()).as(forecast.key().fromStage()).isCloseTo(expected, within(0.1 * expected));
      forecastTotal += inFlight.p50();
      plantedTotal += expected;
    }
    assertThat(plantedTotal).isGreaterThan(3000);
    assertThat(forecastTotal).isCloseTo(plantedTotal, within(0.05 * plantedTotal));
  }
}
