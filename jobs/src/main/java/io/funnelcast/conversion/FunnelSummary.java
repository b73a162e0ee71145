package io.funnelcast.conversion;

import static io.funnelcast.metrics.Aggregates.countWhere;
import static io.funnelcast.metrics.Aggregates.percentileColumns;
import static io.funnelcast.metrics.Aggregates.percentiles;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import io.funnelcast.ingest.EventTimes;
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
    Dataset<Row> steps = steps(history, List.of(), stageNames, businessZone);
    Dataset<Row> byMonth = summarise(steps, List.of(), col("cohort_month"));
    Dataset<Row> all = summarise(steps, List.of(), lit(null).cast(DataTypes.DateType).as("cohort_month"));
    return byMonth.unionByName(all)
        .withColumn("as_of_date", lit(runDate))
        .select(FunnelSummaryTable.SPEC.columnNames().stream().map(name -> col(name)).toArray(Column[]::new));
  }

  /**
   * The all-cohorts funnel (funnel_summary's rows with a null cohort_month) per segment: {@code history} joined
   * with each user's segment rows ({@code segment_name}, {@code segment_value}), one row per visit and segment.
   */
  public static Dataset<Row> bySegment(Dataset<Row> historyWithSegments, List<String> stageNames,
      ZoneId businessZone) {
    List<String> keys = List.of("segment_name", "segment_value");
    return summarise(steps(historyWithSegments, keys, stageNames, businessZone), keys,
        lit(null).cast(DataTypes.DateType).as("cohort_month"));
  }

  /** One row per user (and key), step and the user's days from the step's first stage to its last (null: not yet). */
  private static Dataset<Row> steps(Dataset<Row> history, List<String> keys, List<String> stageNames,
      ZoneId businessZone) {
    // One row per user with the first arrival at each stage (milestone) as columns m0, m1, ...
    List<Object> stageIndexes = new ArrayList<>();
    for (int i = 0; i < stageNames.size(); i++) {
      stageIndexes.add(i);
    }
    List<Column> userKeys = new ArrayList<>(List.of(col("user_id")));
    keys.forEach(k -> userKeys.add(col(k)));
    Dataset<Row> milestones = history.groupBy(userKeys.toArray(Column[]::new)).pivot("stage_index", stageIndexes)
        .agg(min("entered_at"));
    for (int i = 0; i < stageNames.size(); i++) {
      milestones = milestones.withColumnRenamed(String.valueOf(i), "m" + i);
    }
    Dataset<Row> users = milestones.filter(col("m0").isNotNull())
        .withColumn("cohort_month", CohortPeriods.monthStart(CohortPeriods.businessDay(col("m0"), businessZone)));

    // Step k (1-based) goes from stage k-1 to stage k; step 0 is the whole funnel.
    List<int[]> steps = new ArrayList<>();
    steps.add(new int[] {0, 0, stageNames.size() - 1});
    for (int k = 1; k < stageNames.size(); k++) {
      steps.add(new int[] {k, k - 1, k});
    }
    Dataset<Row> stepRows = null;
    for (int[] step : steps) {
      Column from = col("m" + step[1]);
      Column to = col("m" + step[2]);
      List<Column> columns = new ArrayList<>(keys.stream().map(k -> col(k)).toList());
      columns.addAll(List.of(col("cohort_month"), lit(step[0]).as("step_index"),
          lit(stageNames.get(step[1])).as("from_stage"), lit(stageNames.get(step[2])).as("to_stage"),
          EventTimes.secondsBetween(from, to).divide(lit(EventTimes.SECONDS_PER_DAY)).as("days")));
      Dataset<Row> rows = users.filter(from.isNotNull()).select(columns.toArray(Column[]::new));
      stepRows = stepRows == null ? rows : stepRows.unionByName(rows);
    }
    return stepRows;
  }

  private static Dataset<Row> summarise(Dataset<Row> rows, List<String> keys, Column cohort) {
    List<Column> columns = new ArrayList<>(List.of(col("*"),
        col("converted_count").divide(col("reached_count")).as("conversion_rate")));
    columns.addAll(percentileColumns("p", "time_", "_days"));
    List<Column> groups = new ArrayList<>(keys.stream().map(k -> col(k)).toList());
    groups.addAll(List.of(cohort, col("step_index"), col("from_stage"), col("to_stage")));
    return rows.groupBy(groups.toArray(Column[]::new))
        .agg(count(lit(1)).as("reached_count"), countWhere(col("days").isNotNull()).as("converted_count"),
            percentiles(col("days")).as("p"))
        .select(columns.toArray(Column[]::new));
  }
}
