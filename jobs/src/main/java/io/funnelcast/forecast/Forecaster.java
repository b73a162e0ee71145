package io.funnelcast.forecast;

import io.funnelcast.config.ForecastConfig;
import io.funnelcast.config.ForecastTarget;
import io.funnelcast.config.Revenue;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The two halves of a forecast, shared by the forecast and the backtest: collecting what the origins need from the
 * tables (a few Spark aggregations, one pass for all origins), then simulating each series on the driver.
 */
final class Forecaster {
  private final ForecastConfig config;
  private final ZoneId zone;
  private final DayOfWeek weekStart;

  Forecaster(ForecastConfig config, ZoneId zone, DayOfWeek weekStart) {
    this.config = config;
    this.zone = zone;
    this.weekStart = weekStart;
  }

  /**
   * @param conversions stage_conversions as of a date on or after every origin
   * @param history user_stage_history, read only for targets whose revenue comes from events
   * @param events events, likewise
   */
  ForecastData collect(SparkSession spark, Dataset<Row> conversions, Supplier<Dataset<Row>> history,
      Supplier<Dataset<Row>> events, List<LocalDate> origins) {
    List<ForecastTarget> targets = config.targets();
    Dataset<Row> bySegment = ForecastInputs.bySegment(conversions, targets.stream().map(ForecastTarget::pair).toList())
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<Row> curves = ForecastInputs.curveCounts(bySegment,
          ForecastInputs.origins(spark, origins, config.curveHistory())).collectAsList();
      List<Row> daily = ForecastInputs.daily(bySegment, zone).collectAsList();
      boolean fromEvents = targets.stream().anyMatch(t -> t.revenue().orElse(null) instanceof Revenue.FromEvent);
      List<Row> revenue = fromEvents
          ? RevenueInputs.daily(conversions, history.get(), events.get(), targets, zone).collectAsList() : List.of();
      return new ForecastData(targets, curves, daily, revenue);
    } finally {
      bySegment.unpersist();
    }
  }

  ForecastCalendar calendar(LocalDate origin) {
    return ForecastCalendar.of(origin, zone, weekStart, config.weeks(), config.months());
  }

  /** Every series' forecast at the end of {@code origin}, from what was known then; series in parallel. */
  List<SeriesSimulation.Forecast> forecast(ForecastData data, LocalDate origin) {
    ForecastCalendar calendar = calendar(origin);
    SeriesSimulation.Settings settings = new SeriesSimulation.Settings(config.simulations(), config.seed(),
        config.segmentPriorEntrants(), config.minConversions());
    return data.inputsAt(origin, zone, config).parallelStream()
        .map(input -> SeriesSimulation.run(input, calendar, settings, origin.toEpochDay()))
        .toList();
  }
}
