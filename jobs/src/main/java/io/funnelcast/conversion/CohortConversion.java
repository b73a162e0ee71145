package io.funnelcast.conversion;

import static io.funnelcast.metrics.Aggregates.countWhere;
import static io.funnelcast.metrics.Aggregates.percentileColumns;
import static io.funnelcast.metrics.Aggregates.percentiles;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.funnelcast.ingest.EventTimes;
import io.funnelcast.config.CohortGrain;
import io.funnelcast.config.ConversionConfig;
import io.funnelcast.lifecycle.LifecycleTables;
import io.funnelcast.tables.CohortConversionTable;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;

/**
 * cohort_conversion from stage_conversions: per cohort period, pair and segment (plus 'all'), the entrants,
 * conversions, rates within each horizon, observed times of converters and the Kaplan–Meier curve.
 */
public final class CohortConversion {
  static final List<String> KEYS = List.of("cohort_grain", "cohort_start", "from_stage", "to_stage",
      "segment_name", "segment_value", "window_days");

  private CohortConversion() {}

  public static Dataset<Row> compute(Dataset<Row> conversions, ConversionConfig config, LocalDate runDate) {
    Dataset<Row> byCohort = null;
    for (CohortGrain grain : config.cohortGrains()) {
      Dataset<Row> rows = conversions.select(lit(grain.key()).as("cohort_grain"),
          col(CohortPeriods.column(grain)).as("cohort_start"), col("from_stage"), col("to_stage"),
          col("window_days"), col("from_at"), col("is_converted"), col("is_in_flight"), col("duration_seconds"),
          col("duration_days"), col("segments"));
      byCohort = byCohort == null ? rows : byCohort.unionByName(rows);
    }
    Dataset<Row> entrants = LifecycleTables.perSegment(byCohort)
        .withColumn("observed_seconds",
            EventTimes.secondsBetween(col("from_at"), StageConversions.observedUntil(runDate)));

    Column[] keys = KEYS.stream().map(k -> col(k)).toArray(Column[]::new);
    List<Column> aggregates = new ArrayList<>(List.of(
        count(lit(1)).as("entrants_count"),
        countWhere(col("is_converted")).as("converted_count"),
        countWhere(col("is_in_flight")).as("in_flight_count"),
        percentiles(when(col("is_converted"), col("duration_days"))).as("percentiles"),
        avg(when(col("is_converted"), col("duration_days"))).as("converted_time_mean_days")));
    List<Column> within = new ArrayList<>();
    for (int i = 0; i < config.within().size(); i++) {
      double seconds = config.within().get(i).toSeconds();
      Column observed = col("observed_seconds").geq(seconds);
      aggregates.add(countWhere(observed).as("observed_" + i));
      aggregates.add(countWhere(observed.and(col("is_converted")).and(col("duration_seconds").leq(seconds)))
          .as("converted_" + i));
      within.add(struct(lit(days(config.within().get(i))).as("horizon_days"), col("observed_" + i).as("observed_count"),
          col("converted_" + i).as("converted_count"),
          when(col("observed_" + i).gt(0), col("converted_" + i).divide(col("observed_" + i))).as("conversion_rate")));
    }
    Dataset<Row> figures = entrants.groupBy(keys)
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
    Dataset<Row> curves = KaplanMeier.curve(entrants, KEYS, config.curveDays());
    List<Column> columns = new ArrayList<>(List.of(lit(runDate).as("as_of_date"), col("cohort_grain"),
        col("cohort_start"), col("from_stage"), col("to_stage"), col("segment_name"), col("segment_value"),
        col("window_days"), col("entrants_count"), col("converted_count"), col("in_flight_count"),
        col("converted_count").divide(col("entrants_count")).as("conversion_rate"),
        array(within.toArray(Column[]::new)).as("within")));
    columns.addAll(percentileColumns("percentiles", "converted_time_", "_days"));
    columns.addAll(List.of(col("converted_time_mean_days"), col("km_curve")));
    return figures.join(curves, JavaConverters.asScalaBuffer(KEYS).toSeq())
        .select(columns.toArray(Column[]::new))
        .select(CohortConversionTable.SPEC.columnNames().stream().map(name -> col(name)).toArray(Column[]::new));
  }

  private static double days(Duration duration) {
    return duration.toSeconds() / EventTimes.SECONDS_PER_DAY;
  }
}
