package io.funnelcast.forecast;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnelcast.tables.ForecastAccuracySummaryTable;
import io.funnelcast.tables.ForecastAccuracyTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * forecast_accuracy_summary from forecast_accuracy: over the scored (not partial) rows of one model version, per
 * pair × segment × grain × method, for each horizon band and for all horizons: WAPE, bias, MASE and the model's
 * 80% interval coverage (M-competition definitions, docs/forecast.md).
 */
public final class AccuracySummary {
  private AccuracySummary() {}

  public static Dataset<Row> compute(Dataset<Row> accuracy, String modelVersion) {
    Dataset<Row> scored = accuracy.filter(col(ForecastAccuracyTable.MODEL_VERSION).equalTo(modelVersion)
        .and(col(ForecastAccuracyTable.IS_PARTIAL).equalTo(false)));
    Dataset<Row> byBand = summarise(scored, col(ForecastAccuracyTable.HORIZON_BAND));
    Dataset<Row> allBands = summarise(scored, lit(ForecastAccuracySummaryTable.ALL_HORIZONS));
    return byBand.unionByName(allBands)
        .select(ForecastAccuracySummaryTable.SPEC.columnNames().stream().map(c -> col(c)).toArray(Column[]::new));
  }

  private static Dataset<Row> summarise(Dataset<Row> scored, Column band) {
    Column actual = col("actual_total");
    return scored.groupBy(col(ForecastAccuracyTable.MODEL_VERSION), col(ForecastAccuracyTable.FROM_STAGE),
            col(ForecastAccuracyTable.TO_STAGE), col(ForecastAccuracyTable.SEGMENT_NAME),
            col(ForecastAccuracyTable.SEGMENT_VALUE), col(ForecastAccuracyTable.PERIOD_GRAIN),
            band.as("horizon_band"), col(ForecastAccuracyTable.METHOD))
        .agg(countDistinct(col(ForecastAccuracyTable.ORIGIN_DATE)).as("origins_count"),
            count(lit(1)).as("periods_count"),
            sum(col(ForecastAccuracyTable.ACTUAL_COUNT)).as("actual_total"),
            sum(col(ForecastAccuracyTable.FORECAST)).as("forecast_total"),
            sum(abs(col(ForecastAccuracyTable.ACTUAL_COUNT).minus(col(ForecastAccuracyTable.FORECAST))))
                .as("absolute_total"),
            avg(col(ForecastAccuracyTable.SCALED_ERROR)).as("mase"),
            avg(col(ForecastAccuracyTable.IS_IN_80_INTERVAL).cast("double")).as("coverage_80"),
            max(col(ForecastAccuracyTable.DATA_END_DATE)).as("data_end_date"))
        .withColumn("wape", when(actual.gt(0), col("absolute_total").divide(actual)))
        .withColumn("bias", when(actual.gt(0), col("forecast_total").minus(actual).divide(actual)));
  }
}
