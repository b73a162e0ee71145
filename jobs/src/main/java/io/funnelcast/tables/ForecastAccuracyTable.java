package io.funnelcast.tables;

import static io.funnelcast.tables.TableSpec.column;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;

/** forecast_accuracy: replayed forecasts against what happened, with two baselines. Written by backtest. */
public final class ForecastAccuracyTable {
  public static final String ORIGIN_DATE = "origin_date";
  public static final String RUN_ID = "run_id";
  public static final String MODEL_VERSION = "model_version";
  public static final String FROM_STAGE = "from_stage";
  public static final String TO_STAGE = "to_stage";
  public static final String SEGMENT_NAME = "segment_name";
  public static final String SEGMENT_VALUE = "segment_value";
  public static final String PERIOD_GRAIN = "period_grain";
  public static final String HORIZON = "horizon";
  public static final String HORIZON_BAND = "horizon_band";
  public static final String PERIOD_START = "period_start";
  public static final String PERIOD_END = "period_end";
  public static final String METHOD = "method";
  public static final String METHOD_DETAIL = "method_detail";
  public static final String ACTUAL_COUNT = "actual_count";
  public static final String FORECAST = "forecast";
  public static final String FORECAST_P10 = "forecast_p10";
  public static final String FORECAST_P90 = "forecast_p90";
  public static final String ABSOLUTE_ERROR = "absolute_error";
  public static final String PERCENTAGE_ERROR = "percentage_error";
  public static final String IS_IN_80_INTERVAL = "is_in_80_interval";
  public static final String SCALED_ERROR = "scaled_error";
  public static final String SCALE_LAG_PERIODS = "scale_lag_periods";
  public static final String IS_PARTIAL = "is_partial";
  public static final String DATA_END_DATE = "data_end_date";

  public static final String MODEL = "model";
  public static final String TRAILING_4_WEEK_MEAN = "trailing_4_week_mean";
  public static final String SEASONAL_NAIVE = "seasonal_naive";

  public static final TableSpec SPEC = new TableSpec("forecast_accuracy",
      "Backtest: forecasts replayed at past origins, using only what was known at each origin's end, against the"
          + " conversions that happened, for the model and two baselines (trailing 4-week mean, seasonal naive)."
          + " Each backtest run replaces the origins of its range.",
      TableSpec.columns(
          column(ORIGIN_DATE, DataTypes.DateType, false, "The forecast origin: the end of this run date"),
          column(RUN_ID, DataTypes.StringType, false, "Backtest run that wrote the row (see pipeline_runs)"),
          column(MODEL_VERSION, DataTypes.StringType, false, "Version of the forecast method"),
          column(FROM_STAGE, DataTypes.StringType, false, "Stage A of the pair"),
          column(TO_STAGE, DataTypes.StringType, false, "Stage B of the pair"),
          column(SEGMENT_NAME, DataTypes.StringType, false, "Segment dimension, or 'all'"),
          column(SEGMENT_VALUE, DataTypes.StringType, false, "Segment value, '(none)', or 'all'"),
          column(PERIOD_GRAIN, DataTypes.StringType, false, "week or month"),
          column(HORIZON, DataTypes.IntegerType, false, "1 for the first whole period after the origin, ..."),
          column(HORIZON_BAND, DataTypes.StringType, false, "Horizons grouped for the summary: weeks 1-4, 5-8, 9-..;"
              + " months one by one"),
          column(PERIOD_START, DataTypes.DateType, false, "First business day of the period"),
          column(PERIOD_END, DataTypes.DateType, false, "Last business day of the period"),
          column(METHOD, DataTypes.StringType, false, "model, trailing_4_week_mean or seasonal_naive"),
          column(METHOD_DETAIL, DataTypes.StringType, false, "For seasonal_naive: same_period_last_year or"
              + " last_period (under a year of history); for the others the method again"),
          column(ACTUAL_COUNT, DataTypes.LongType, false, "Conversions that happened in the period (so far, for a"
              + " partial row)"),
          column(FORECAST, DataTypes.DoubleType, false, "The method's point forecast (the model's p50)"),
          column(FORECAST_P10, DataTypes.DoubleType, true, "Model only: lower end of the 80% interval"),
          column(FORECAST_P90, DataTypes.DoubleType, true, "Model only: upper end of the 80% interval"),
          column(ABSOLUTE_ERROR, DataTypes.DoubleType, false, "|actual - forecast|"),
          column(PERCENTAGE_ERROR, DataTypes.DoubleType, true, "(forecast - actual) / actual; null when actual is 0"),
          column(IS_IN_80_INTERVAL, DataTypes.BooleanType, true, "Model only: p10 <= actual <= p90"),
          column(SCALED_ERROR, DataTypes.DoubleType, true, "absolute_error over the mean absolute change of the"
              + " series at lag scale_lag_periods before the origin (MASE's scale); null when that is 0"),
          column(SCALE_LAG_PERIODS, DataTypes.IntegerType, false, "Lag of MASE's scale: 52 weeks or 12 months with a"
              + " year of history and a season more, else 1 (the naive forecast)"),
          column(IS_PARTIAL, DataTypes.BooleanType, false, "The period was not over by data_end_date: not scored"),
          column(DATA_END_DATE, DataTypes.DateType, false, "Run date of the stage_conversions the actuals come from")),
      List.of());

  private ForecastAccuracyTable() {}
}
