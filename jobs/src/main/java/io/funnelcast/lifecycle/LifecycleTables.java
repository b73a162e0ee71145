package io.funnelcast.lifecycle;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.funnelcast.ingest.EventTimes;
import io.funnelcast.tables.InternalLifecycleDailyChangesTable;
import io.funnelcast.tables.LifecycleDailyTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/** The analyst tables, derived from internal_user_lifecycle_state rows. */
public final class LifecycleTables {
  static final String NO_SEGMENT_VALUE = "(none)";

  private LifecycleTables() {}

  /** user_stage_history: one row per visit. */
  public static Dataset<Row> history(Dataset<Row> state) {
    return state.select(col("user_id"), explode(col("visits")).as("v")).select(col("user_id"), col("v.*"));
  }

  /** user_lifecycle: one row per user as of the date. */
  public static Dataset<Row> snapshot(Dataset<Row> state, LocalDate asOf, List<String> stageNames,
      ActivityRules rules) {
    Column current = element_at(col("visits"), -1);
    Column highest = array_max(transform(col("visits"), v -> v.getField("stage_index")));
    return state.select(
        col("user_id"),
        current.getField("stage").as("current_stage"),
        current.getField("stage_index").as("current_stage_index"),
        current.getField("attempt").as("current_attempt"),
        current.getField("entered_at").as("stage_entered_at"),
        stageName(highest, stageNames).as("highest_stage"),
        highest.as("highest_stage_index"),
        activityStatus(rules, asOf).as("activity_status"),
        col("first_seen_at"),
        col("last_seen_at"),
        col("last_seen_month"),
        col("segments"));
  }

  /** A state row's activity status as of the end of the date. */
  public static Column activityStatus(ActivityRules rules, LocalDate asOf) {
    return activityStatusUdf(rules, asOf).apply(col("first_seen_day"), col("last_active_day"),
        col("last_return_day"), col("ends_with_churn"));
  }

  /**
   * The (segment_name, segment_value) rows a user is counted in: ('all', 'all') and one per segment dimension,
   * '(none)' standing for a missing value. Exploded, each user counts once in every segment table row.
   */
  /**
   * One row per row of {@code rows} and segment, 'all' included ({@link #segmentRows} of its {@code segments}),
   * with {@code segment_name} and {@code segment_value} added.
   */
  public static Dataset<Row> perSegment(Dataset<Row> rows) {
    return rows.withColumn("segment", explode(segmentRows(col("segments"))))
        .withColumn("segment_name", col("segment.segment_name"))
        .withColumn("segment_value", col("segment.segment_value"))
        .drop("segment");
  }

  public static Column segmentRows(Column segments) {
    return concat(
        array(struct(lit(LifecycleDailyTable.ALL).as("segment_name"), lit(LifecycleDailyTable.ALL).as("segment_value"))),
        transform(map_entries(segments), e -> struct(e.getField("key").as("segment_name"),
            coalesce(e.getField("value"), lit(NO_SEGMENT_VALUE)).as("segment_value"))));
  }

  /**
   * The users' changes to lifecycle_daily summed per day × stage × segment, every day the users' timelines
   * reach (future days included), with the number of user changes in each row.
   */
  public static Dataset<Row> dailyChanges(Dataset<Row> state) {
    Dataset<Row> deltas = state.select(explode(col("daily_deltas")).as("d"), segmentRows(col("segments")).as("pairs"))
        .select(col("d.*"), explode(col("pairs")).as("segment"))
        .select(col("day"), col("stage_index"), col("status"), col("in_stage_delta"), col("entered_count"),
            col("exited_count"), col("segment.segment_name").as("segment_name"),
            col("segment.segment_value").as("segment_value"));
    List<Column> sums = new ArrayList<>();
    for (ActivityStatus status : ActivityStatus.values()) {
      sums.add(sum(when(col("status").equalTo(status.code()), col("in_stage_delta")).otherwise(0)).cast("long")
          .as(change(status)));
    }
    sums.add(sum(col("entered_count")).cast("long").as("entered_count"));
    sums.add(sum(col("exited_count")).cast("long").as("exited_count"));
    sums.add(count(lit(1)).as(InternalLifecycleDailyChangesTable.DELTA_ROWS));
    return deltas.groupBy(keyColumns()).agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new));
  }

  /**
   * {@code changes} with {@code added} added and {@code removed} taken away, row by row: what
   * {@link #dailyChanges} gives for a state where some users' rows were replaced. Rows no user contributes
   * to any more are dropped.
   */
  public static Dataset<Row> updateChanges(Dataset<Row> changes, Dataset<Row> added, Dataset<Row> removed) {
    List<String> values = changeValueColumns();
    Dataset<Row> union = changes.select(changeColumns(values, 1)).unionByName(added.select(changeColumns(values, 1)))
        .unionByName(removed.select(changeColumns(values, -1)));
    List<Column> sums = values.stream().map(c -> sum(col(c)).cast("long").as(c)).toList();
    return union.groupBy(keyColumns()).agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new))
        .filter(col(InternalLifecycleDailyChangesTable.DELTA_ROWS).notEqual(0));
  }

  private static Column[] changeColumns(List<String> values, int sign) {
    List<Column> columns = new ArrayList<>(List.of(keyColumns()));
    values.forEach(c -> columns.add(col(c).multiply(sign).cast("long").as(c)));
    return columns.toArray(Column[]::new);
  }

  /** lifecycle_daily from {@link #dailyChanges}: users per stage per business day up to the date, by segment. */
  public static Dataset<Row> daily(Dataset<Row> allChanges, LocalDate asOf, List<String> stageNames) {
    String[] keys = {"stage_index", "segment_name", "segment_value"};
    Dataset<Row> changes = allChanges.filter(col("day").leq(lit(asOf)));
    Dataset<Row> days = changes.agg(min(col("day")).as("first_day"))
        .select(explode(sequence(col("first_day"), lit(asOf), expr("interval 1 day"))).as("day"));
    // Every stage gets a row for every segment seen and every day, zero where nobody is in it.
    Dataset<Row> stages = changes.sparkSession().range(stageNames.size()).select(col("id").cast("int").as(keys[0]));
    Dataset<Row> grid = changes.select(keys[1], keys[2]).distinct().crossJoin(stages).crossJoin(days);
    Dataset<Row> filled = grid.join(changes, scala.collection.JavaConverters.asScalaBuffer(
            List.of("day", keys[0], keys[1], keys[2])).toSeq(), "left").na().fill(0L);
    WindowSpec upToDay = Window.partitionBy(keys[0], keys[1], keys[2]).orderBy("day")
        .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    List<Column> columns = new ArrayList<>(List.of(col("day"), stageName(col("stage_index"), stageNames).as("stage"),
        col("stage_index"), col("segment_name"), col("segment_value")));
    Column inStage = lit(0L);
    List<Column> byStatus = new ArrayList<>();
    for (ActivityStatus status : ActivityStatus.values()) {
      Column users = sum(col(change(status))).over(upToDay);
      byStatus.add(users.cast("long").as("users_" + status.code()));
      inStage = inStage.plus(users);
    }
    columns.add(inStage.cast("long").as("users_in_stage"));
    columns.addAll(byStatus);
    columns.add(col("entered_count").cast("long").as("entered_count"));
    columns.add(col("exited_count").cast("long").as("exited_count"));
    columns.add(lit(asOf).as("as_of_date"));
    return filled.select(columns.toArray(Column[]::new));
  }

  private static String change(ActivityStatus status) {
    return "change_" + status.code();
  }

  private static Column[] keyColumns() {
    return new Column[] {col("day"), col("stage_index"), col("segment_name"), col("segment_value")};
  }

  /** The summed columns of {@link #dailyChanges}. */
  private static List<String> changeValueColumns() {
    List<String> values = new ArrayList<>();
    for (ActivityStatus status : ActivityStatus.values()) {
      values.add(change(status));
    }
    values.addAll(List.of("entered_count", "exited_count", InternalLifecycleDailyChangesTable.DELTA_ROWS));
    return values;
  }

  private static Column stageName(Column index, List<String> stageNames) {
    Column names = array(stageNames.stream().map(name -> lit(name)).toArray(Column[]::new));
    return element_at(names, index.plus(1));
  }

  /** The same rule as the daily timeline ({@link ActivityFacts#status}), applied as of the date. */
  private static UserDefinedFunction activityStatusUdf(ActivityRules rules, LocalDate asOf) {
    return udf((UDF4<Object, Object, Object, Boolean, String>) (first, lastActive, lastReturn, endsWithChurn) ->
        new ActivityFacts(EventTimes.localDate(first), EventTimes.localDate(lastActive),
            EventTimes.localDate(lastReturn), endsWithChurn).status(asOf, rules).code(),
        DataTypes.StringType);
  }
}
