package io.funnelcast.tables;

import static io.funnelcast.tables.TableSpec.column;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;

/** forecast_conversions: what each forecast run expected, one slice per as_of_date. Written by forecast. */
public final class ForecastConversionsTable {
  public static final String AS_OF_DATE = "as_of_date";
  public static final String RUN_ID = "run_id";
  public static final String MODEL_VERSION = "model_version";
  public static final String FROM_STAGE = "from_stage";
  public static final String TO_STAGE = "to_stage";
  public static final String WINDOW_DAYS = "window_days";
  public static final String SEGMENT_NAME = "segment_name";
  public static final String SEGMENT_VALUE = "segment_value";
  public static final String PERIOD_GRAIN = "period_grain";
  public static final String HORIZON = "horizon";
  public static final String PERIOD_START = "period_start";
  public static final String PERIOD_END = "period_end";
  public static final String IS_PARTIAL_PERIOD = "is_partial_period";
  public static final String COMPONENT = "component";
  public static final String MEASURE = "measure";
  public static final String CURRENCY = "currency";
  public static final String FORECAST_P10 = "forecast_p10";
  public static final String FORECAST_P50 = "forecast_p50";
  public static final String FORECAST_P90 = "forecast_p90";
  public static final String FORECAST_MEAN = "forecast_mean";
  public static final String IN_FLIGHT_COUNT = "in_flight_count";
  public static final String EXPECTED_ENTRANTS = "expected_entrants";
  public static final String CURVE_BASIS = "curve_basis";
  public static final String CURVE_OBSERVED_DAYS = "curve_observed_days";
  public static final String CONVERSION_WITHIN_WINDOW_RATE = "conversion_within_window_rate";
  public static final String INFLOW_BASIS = "inflow_basis";
  public static final String SIMULATIONS = "simulations";

  public static final TableSpec SPEC = new TableSpec("forecast_conversions",
      "Forecast conversions from one stage to another (and the revenue they bring) per future business week and"
          + " month, by segment, as forecast at the end of as_of_date: p10/p50/p90 from simulation, split into users"
          + " already in from_stage (in_flight) and users still to enter it (new_entrants). Each forecast run"
          + " replaces its as_of_date's rows only, so earlier forecasts stay for comparison.",
      TableSpec.columns(
          column(AS_OF_DATE, DataTypes.DateType, false,
              "Run date whose end is the forecast origin: everything known up to then was used, nothing after"),
          column(RUN_ID, DataTypes.StringType, false, "Forecast run that wrote the row (see pipeline_runs)"),
          column(MODEL_VERSION, DataTypes.StringType, false, "Version of the forecast method"),
          column(FROM_STAGE, DataTypes.StringType, false, "Stage A of the pair"),
          column(TO_STAGE, DataTypes.StringType, false, "Stage B of the pair: a conversion is an entry into it within"
              + " the pair's window"),
          column(WINDOW_DAYS, DataTypes.DoubleType, false, "The pair's conversion window in days: no conversion"
              + " later than this after entering from_stage counts"),
          column(SEGMENT_NAME, DataTypes.StringType, false, "Segment dimension, or 'all'"),
          column(SEGMENT_VALUE, DataTypes.StringType, false, "Segment value ('(none)' when the user has none), or 'all'"),
          column(PERIOD_GRAIN, DataTypes.StringType, false, "week or month (business time zone; weeks start on"
              + " week-start); weeks_total and months_total sum the whole weeks or months forecast"),
          column(HORIZON, DataTypes.IntegerType, false, "0 for the period holding the end of as_of_date, 1 for the"
              + " next whole period, ...; for totals the number of whole periods summed"),
          column(PERIOD_START, DataTypes.DateType, false, "First business day of the period"),
          column(PERIOD_END, DataTypes.DateType, false, "Last business day of the period"),
          column(IS_PARTIAL_PERIOD, DataTypes.BooleanType, false, "The period holding the end of as_of_date: only"
              + " its part after as_of_date is forecast"),
          column(COMPONENT, DataTypes.StringType, false, "in_flight (users in from_stage at the origin, not"
              + " converted, window open), new_entrants (users entering from_stage after the origin) or total"),
          column(MEASURE, DataTypes.StringType, false, "conversions (a count) or revenue (an amount in currency)"),
          column(CURRENCY, DataTypes.StringType, true, "Currency of a revenue row; null for conversions"),
          column(FORECAST_P10, DataTypes.DoubleType, false, "10th percentile: 90% of simulated outcomes are higher"),
          column(FORECAST_P50, DataTypes.DoubleType, false, "Median forecast"),
          column(FORECAST_P90, DataTypes.DoubleType, false, "90th percentile: p10 to p90 is the 80% interval"),
          column(FORECAST_MEAN, DataTypes.DoubleType, false, "Mean of the simulated outcomes"),
          column(IN_FLIGHT_COUNT, DataTypes.LongType, true, "Users in flight at the origin (in_flight and total"
              + " rows)"),
          column(EXPECTED_ENTRANTS, DataTypes.DoubleType, true, "Expected entries into from_stage during the"
              + " period's forecast part (new_entrants and total rows)"),
          column(CURVE_BASIS, DataTypes.StringType, false, "The conversion curve used: segment (its own history),"
              + " backed_off_to_all (fewer than min-conversions of its own: mostly the 'all' curve), all, or"
              + " no_conversions (none ever seen: zeros)"),
          column(CURVE_OBSERVED_DAYS, DataTypes.DoubleType, false, "Days since entry up to which the curve rests on"
              + " observed attempts; beyond, up to the window, a fitted cure model (the window when fully observed)"),
          column(CONVERSION_WITHIN_WINDOW_RATE, DataTypes.DoubleType, false, "The curve's share of entrants"
              + " converting within the window; the rest never converts"),
          column(INFLOW_BASIS, DataTypes.StringType, false, "How entries into from_stage were forecast:"
              + " trend_weekday, weekday (under 56 days of history), trailing_mean (under 14 days) or no_entries"),
          column(SIMULATIONS, DataTypes.IntegerType, false, "Simulated outcomes the percentiles are taken over")),
      List.of(AS_OF_DATE));

  private ForecastConversionsTable() {}
}
