package io.funnelcast.conversion;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.funnelcast.tables.FunnelSummaryTable;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * funnel_summary from user_stage_history: each user's first arrival at each stage (milestones), read as one
 * funnel from the lowest stage to the highest, per cohort month of reaching the lowest stage and for all
 * cohorts together.
 */
public final class FunnelSummary {
  private FunnelSummary() {}

  public static Dataset<Row> compute(Dataset<Row> history, List<String> stageNames, ZoneId businessZone,
      LocalDate runDate) {
    Dataset<Row> milestones = history.groupBy("user_id", "stage_index").agg(min("entered_at").as("reached_at"));
    Dataset<Row> cohorts = milestones.filter(col("stage_index").equalTo(0))
        .select(col("user_id").as("c_user_id"),
            CohortPeriods.monthStart(CohortPeriods.businessDay(col("reached_at"), businessZone)).as("cohort_month"));

    // Step k (1-based) goes from stage k-1 to stage k; step 0 is the whole funnel.
    List<int[]> steps = new ArrayList<>();
    steps.add(new int[] {0, 0, stageNames.size() - 1});
    for (int k = 1; k < stageNames.size(); k++) {
      steps.add(new int[] {k, k - 1, k});
    }
    Dataset<Row> stepRows = null;
    for (int[] step : steps) {
      Dataset<Row> from = milestones.filter(col("stage_index").equalTo(step[1]))
          .select(col("user_id"), col("reached_at").as("from_at"));
      Dataset<Row> to = milestones.filter(col("stage_index").equalTo(step[2]))
          .select(col("user_id").as("t_user_id"), col("reached_at").as("to_at"));
      Dataset<Row> rows = from.join(to, from.col("user_id").equalTo(to.col("t_user_id")), "left")
          .select(lit(step[0]).as("step_index"), lit(stageNames.get(step[1])).as("from_stage"),
              lit(stageNames.get(step[2])).as("to_stage"), col("user_id"),
              unix_micros(col("to_at")).minus(unix_micros(col("from_at"))).divide(lit(86_400_000_000D)).as("days"));
      stepRows = stepRows == null ? rows : stepRows.unionByName(rows);
    }
    Dataset<Row> withCohort = stepRows.join(cohorts, col("user_id").equalTo(col("c_user_id")));
    Dataset<Row> byMonth = summarise(withCohort, col("cohort_month"));
    Dataset<Row> all = summarise(withCohort, lit(null).cast(DataTypes.DateType).as("cohort_month"));
    return byMonth.unionByName(all)
        .withColumn("as_of_date", lit(runDate))
        .select(FunnelSummaryTable.SPEC.columnNames().stream().map(name -> col(name)).toArray(Column[]::new));
  }

  private static Dataset<Row> summarise(Dataset<Row> rows, Column cohort) {
    return rows.groupBy(cohort, col("step_index"), col("from_stage"), col("to_stage"))
        .agg(count(lit(1)).as("reached_count"),
            sum(when(col("days").isNotNull(), 1L).otherwise(0L)).as("converted_count"),
            expr("percentile(days, array(0.25D, 0.5D, 0.75D, 0.9D))").as("p"))
        .withColumn("conversion_rate", col("converted_count").divide(col("reached_count")))
        .withColumn("time_p25_days", col("p").getItem(0))
        .withColumn("time_p50_days", col("p").getItem(1))
        .withColumn("time_p75_days", col("p").getItem(2))
        .withColumn("time_p90_days", col("p").getItem(3));
  }
}
