package io.funnelcast.forecast;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.sum;

import io.funnelcast.tables.ForecastAccuracyTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The figures a backtest is judged by, over the scored (fully observed) rows of all users: per method the WAPE
 * pooled over the pairs and per pair; the model's 80% interval coverage, pooled; per pair the model's MASE, its
 * mean absolute error against the seasonal naive's, and its monthly bias. {@link #shortfalls} compares them with
 * the targets docs/forecast.md states.
 */
public record BacktestQuality(Map<String, Double> pooledWeeklyWape, Map<String, Map<String, Double>> weeklyWape,
    double pooledWeeklyCoverage, Map<String, Double> weeklyMase, Map<String, Double> weeklyMaeOverSeasonalNaive,
    Map<String, Double> monthlyBias) {
  /** Targets: WAPE at most this share of the trailing mean's; coverage and bias bounds. */
  public static final double WAPE_OVER_TRAILING = 0.7;
  public static final double COVERAGE_LOW = 0.72;
  public static final double COVERAGE_HIGH = 0.88;
  public static final double MONTHLY_BIAS = 0.05;

  /** @param accuracy forecast_accuracy rows (any origins, one model version) */
  public static BacktestQuality of(Dataset<Row> accuracy) {
    Dataset<Row> scored = accuracy.filter(col(ForecastAccuracyTable.SEGMENT_NAME).equalTo("all")
        .and(col(ForecastAccuracyTable.IS_PARTIAL).equalTo(false)));
    Dataset<Row> weeks = scored.filter(col(ForecastAccuracyTable.PERIOD_GRAIN).equalTo(ForecastCalendar.WEEK));
    Column pair = concat_ws(" -> ", col(ForecastAccuracyTable.FROM_STAGE), col(ForecastAccuracyTable.TO_STAGE));
    Column wape = sum(abs(col(ForecastAccuracyTable.ACTUAL_COUNT).minus(col(ForecastAccuracyTable.FORECAST))))
        .divide(sum(col(ForecastAccuracyTable.ACTUAL_COUNT)));
    Map<String, Double> pooled = new TreeMap<>();
    double coverage = Double.NaN;
    for (Row row : weeks.groupBy(ForecastAccuracyTable.METHOD)
        .agg(wape.as("wape"), avg(col(ForecastAccuracyTable.IS_IN_80_INTERVAL).cast("double")).as("coverage"))
        .collectAsList()) {
      pooled.put(row.getString(0), row.getDouble(1));
      if (row.getString(0).equals(ForecastAccuracyTable.MODEL)) {
        coverage = row.getDouble(2);
      }
    }
    Map<String, Map<String, Double>> byPair = new TreeMap<>();
    Map<String, Double> mase = new TreeMap<>();
    Map<String, Double> maeRatio = new TreeMap<>();
    Map<String, Double[]> mae = new TreeMap<>();
    for (Row row : weeks.groupBy(pair.as("pair"), col(ForecastAccuracyTable.METHOD))
        .agg(wape.as("wape"), avg(ForecastAccuracyTable.SCALED_ERROR).as("mase"),
            avg(ForecastAccuracyTable.ABSOLUTE_ERROR).as("mae"))
        .collectAsList()) {
      String name = row.getString(0);
      String method = row.getString(1);
      byPair.computeIfAbsent(name, k -> new TreeMap<>()).put(method, row.getDouble(2));
      Double[] errors = mae.computeIfAbsent(name, k -> new Double[2]);
      if (method.equals(ForecastAccuracyTable.MODEL)) {
        mase.put(name, row.isNullAt(3) ? Double.NaN : row.getDouble(3));
        errors[0] = row.getDouble(4);
      } else if (method.equals(ForecastAccuracyTable.SEASONAL_NAIVE)) {
        errors[1] = row.getDouble(4);
      }
    }
    mae.forEach((name, errors) -> {
      if (errors[0] != null && errors[1] != null) {
        maeRatio.put(name, errors[0] / errors[1]);
      }
    });
    Map<String, Double> bias = new TreeMap<>();
    for (Row row : scored.filter(col(ForecastAccuracyTable.PERIOD_GRAIN).equalTo(ForecastCalendar.MONTH)
            .and(col(ForecastAccuracyTable.METHOD).equalTo(ForecastAccuracyTable.MODEL)))
        .groupBy(pair.as("pair"))
        .agg(sum(ForecastAccuracyTable.FORECAST).divide(sum(ForecastAccuracyTable.ACTUAL_COUNT)).minus(1).as("bias"))
        .collectAsList()) {
      bias.put(row.getString(0), row.getDouble(1));
    }
    return new BacktestQuality(pooled, byPair, coverage, mase, maeRatio, bias);
  }

  /** Each target missed, in words; empty when every one is met. */
  public List<String> shortfalls() {
    List<String> missed = new ArrayList<>();
    Double model = pooledWeeklyWape.get(ForecastAccuracyTable.MODEL);
    Double trailing = pooledWeeklyWape.get(ForecastAccuracyTable.TRAILING_4_WEEK_MEAN);
    if (model == null || trailing == null || !(model <= WAPE_OVER_TRAILING * trailing)) {
      missed.add(String.format(Locale.ROOT, "weekly WAPE %s is not at most %.1f x the trailing 4-week mean's %s",
          model, WAPE_OVER_TRAILING, trailing));
    }
    if (!(pooledWeeklyCoverage >= COVERAGE_LOW && pooledWeeklyCoverage <= COVERAGE_HIGH)) {
      missed.add(String.format(Locale.ROOT, "80%% interval coverage %.3f is outside [%.2f, %.2f]", pooledWeeklyCoverage,
          COVERAGE_LOW, COVERAGE_HIGH));
    }
    weeklyMase.forEach((pair, value) -> {
      if (!(value < 1)) {
        missed.add(String.format(Locale.ROOT, "%s weekly MASE %.3f is not below 1", pair, value));
      }
    });
    weeklyMaeOverSeasonalNaive.forEach((pair, value) -> {
      if (!(value < 1)) {
        missed.add(String.format(Locale.ROOT, "%s weekly MAE is %.3f x the seasonal naive's", pair, value));
      }
    });
    monthlyBias.forEach((pair, value) -> {
      if (!(Math.abs(value) <= MONTHLY_BIAS)) {
        missed.add(String.format(Locale.ROOT, "%s monthly bias %+.3f is beyond +-%.2f", pair, value, MONTHLY_BIAS));
      }
    });
    return missed;
  }

  /** The figures, one line per pair and one for the pooled ones. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "weekly, all pairs: WAPE model %s, trailing 4-week %s, seasonal naive %s;"
            + " 80%% coverage %.1f%%", percent(pooledWeeklyWape.get(ForecastAccuracyTable.MODEL)),
        percent(pooledWeeklyWape.get(ForecastAccuracyTable.TRAILING_4_WEEK_MEAN)),
        percent(pooledWeeklyWape.get(ForecastAccuracyTable.SEASONAL_NAIVE)), 100 * pooledWeeklyCoverage));
    weeklyWape.forEach((pair, methods) -> lines.add(String.format(Locale.ROOT, "%s: weekly WAPE model %s, trailing"
            + " %s, seasonal naive %s; MASE %.2f; MAE / seasonal naive %.2f; monthly bias %+.1f%%", pair,
        percent(methods.get(ForecastAccuracyTable.MODEL)), percent(methods.get(ForecastAccuracyTable.TRAILING_4_WEEK_MEAN)),
        percent(methods.get(ForecastAccuracyTable.SEASONAL_NAIVE)), weeklyMase.getOrDefault(pair, Double.NaN),
        weeklyMaeOverSeasonalNaive.getOrDefault(pair, Double.NaN), 100 * monthlyBias.getOrDefault(pair, Double.NaN))));
    return lines;
  }

  private static String percent(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * value);
  }
}
