package io.funnelcast.tables;

import static io.funnelcast.tables.TableSpec.column;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;

/** forecast_accuracy_summary: forecast_accuracy's scored rows summed up per target. Written by backtest. */
public final class ForecastAccuracySummaryTable {
  public static final String ALL_HORIZONS = "all";

  public static final TableSpec SPEC = new TableSpec("forecast_accuracy_summary",
      "How good the forecasts were, per pair, segment, period grain, horizon band and method, over every scored"
          + " (fully observed) row of forecast_accuracy of the model version; rewritten by each backtest run.",
      TableSpec.columns(
          column("model_version", DataTypes.StringType, false, "Version of the forecast method"),
          column("from_stage", DataTypes.StringType, false, "Stage A of the pair"),
          column("to_stage", DataTypes.StringType, false, "Stage B of the pair"),
          column("segment_name", DataTypes.StringType, false, "Segment dimension, or 'all'"),
          column("segment_value", DataTypes.StringType, false, "Segment value, '(none)', or 'all'"),
          column("period_grain", DataTypes.StringType, false, "week or month"),
          column("horizon_band", DataTypes.StringType, false, "Horizons summed, as in forecast_accuracy, or 'all'"),
          column("method", DataTypes.StringType, false, "model, trailing_4_week_mean or seasonal_naive"),
          column("origins_count", DataTypes.LongType, false, "Forecast origins scored"),
          column("periods_count", DataTypes.LongType, false, "Scored periods (origin x horizon)"),
          column("actual_total", DataTypes.LongType, false, "Conversions that happened in them"),
          column("forecast_total", DataTypes.DoubleType, false, "Conversions forecast for them"),
          column("wape", DataTypes.DoubleType, true, "Weighted absolute percentage error: sum |actual - forecast| /"
              + " sum actual; null when nothing converted"),
          column("bias", DataTypes.DoubleType, true, "(sum forecast - sum actual) / sum actual: above 0 forecasts"
              + " too high; null when nothing converted"),
          column("mase", DataTypes.DoubleType, true, "Mean of scaled_error: below 1 beats the in-sample naive"
              + " (or seasonal naive) change"),
          column("coverage_80", DataTypes.DoubleType, true, "Model only: share of actuals inside the 80% interval"
              + " (well calibrated: about 0.8)"),
          column("data_end_date", DataTypes.DateType, false, "Latest data_end_date of the rows summed")),
      List.of());

  private ForecastAccuracySummaryTable() {}
}
