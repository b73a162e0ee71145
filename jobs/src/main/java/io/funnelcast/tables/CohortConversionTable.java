package io.funnelcast.tables;

import static io.funnelcast.tables.TableSpec.column;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** cohort_conversion: cohort x stage pair x segment conversion figures, one slice per run date. */
public final class CohortConversionTable {
  public static final String AS_OF_DATE = "as_of_date";

  // Nested fields are nullable: Delta cannot enforce NOT NULL inside arrays.
  private static final DataType WITHIN = DataTypes.createArrayType(DataTypes.createStructType(List.of(
      column("horizon_days", DataTypes.DoubleType, true, "Horizon h"),
      column("observed_count", DataTypes.LongType, true,
          "Entrants who entered from_stage at least h before the end of the run date"),
      column("converted_count", DataTypes.LongType, true, "Of observed_count, those converted within h"),
      column("conversion_rate", DataTypes.DoubleType, true, "converted_count / observed_count; null if none observed"))),
      false);

  private static final DataType CURVE = DataTypes.createArrayType(DataTypes.createStructType(List.of(
      column("day", DataTypes.IntegerType, true, "Days since entering from_stage"),
      column("conversion_rate", DataTypes.DoubleType, true, "Kaplan–Meier estimate of converting within day days"),
      column("ci_low", DataTypes.DoubleType, true, "Lower end of the 95% confidence interval (Greenwood, log-log)"),
      column("ci_high", DataTypes.DoubleType, true, "Upper end of the 95% confidence interval (Greenwood, log-log)"),
      column("at_risk_count", DataTypes.LongType, true, "Entrants neither converted nor censored within day days"))),
      false);

  public static final TableSpec SPEC = new TableSpec("cohort_conversion",
      "Conversion from one stage to another per cohort (the period in which users entered from_stage) and"
          + " segment, as known on as_of_date: rates, observed times of converters, and the Kaplan–Meier"
          + " conversion curve, which counts users not converted yet as censored rather than as failures."
          + " Each conversion run replaces its as_of_date's rows.",
      TableSpec.columns(
          column("as_of_date", DataTypes.DateType, false, "Run date the figures are as of"),
          column("cohort_grain", DataTypes.StringType, false, "day, week or month"),
          column("cohort_start", DataTypes.DateType, false, "First business day of the cohort period"),
          column("from_stage", DataTypes.StringType, false, "Stage A of the pair"),
          column("to_stage", DataTypes.StringType, false, "Stage B of the pair"),
          column("segment_name", DataTypes.StringType, false, "Segment dimension, or 'all'"),
          column("segment_value", DataTypes.StringType, false, "Segment value ('(none)' when the user has none), or 'all'"),
          column("window_days", DataTypes.DoubleType, false, "The pair's conversion window in days"),
          column("entrants_count", DataTypes.LongType, false,
              "Entries into from_stage in the cohort period (a user who re-enters counts once per attempt)"),
          column("converted_count", DataTypes.LongType, true, "Entrants who entered to_stage within the window"),
          column("in_flight_count", DataTypes.LongType, false,
              "Entrants not converted whose window is still open at the end of as_of_date"),
          column("conversion_rate", DataTypes.DoubleType, true,
              "converted_count / entrants_count as of as_of_date (rises while entrants are in flight)"),
          column("within", WITHIN, false, "Per horizon of funnelcast.conversion.within: converted within it,"
              + " over entrants observed at least that long"),
          column("converted_time_p25_days", DataTypes.DoubleType, true,
              "Observed over converters only: 25th percentile of days to convert (exact, linear interpolation)"),
          column("converted_time_p50_days", DataTypes.DoubleType, true, "Converters only: median days to convert"),
          column("converted_time_p75_days", DataTypes.DoubleType, true, "Converters only: 75th percentile of days to convert"),
          column("converted_time_p90_days", DataTypes.DoubleType, true, "Converters only: 90th percentile of days to convert"),
          column("converted_time_mean_days", DataTypes.DoubleType, true, "Converters only: mean days to convert"),
          column("km_curve", CURVE, false, "Kaplan–Meier conversion curve at funnelcast.conversion.curve-days")),
      List.of());

  private CohortConversionTable() {}
}
