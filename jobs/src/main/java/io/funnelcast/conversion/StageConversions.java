package io.funnelcast.conversion;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.funnelcast.config.ConversionConfig;
import io.funnelcast.config.StagePair;
import io.funnelcast.ingest.EventTimes;
import io.funnelcast.tables.StageConversionsTable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * stage_conversions from user_stage_history: for every pair A → B and every attempt at A, the first entry
 * into B at or after entering A and before the user's next attempt at A. It converts if that entry is within
 * the pair's window; otherwise the attempt is censored at the earliest of the end of the run date, the end of
 * the window and the next attempt's start.
 */
public final class StageConversions {
  private static final StructType PAIRS = new StructType()
      .add("from_stage", DataTypes.StringType).add("to_stage", DataTypes.StringType)
      .add("window_seconds", DataTypes.LongType);

  private StageConversions() {}

  /** The configured pairs as a small Dataset (from_stage, to_stage, window_seconds) to join with. */
  public static Dataset<Row> pairs(SparkSession spark, List<StagePair> pairs) {
    List<Row> rows = pairs.stream()
        .map(pair -> RowFactory.create(pair.from(), pair.to(), pair.window().toSeconds()))
        .toList();
    return spark.createDataFrame(rows, PAIRS);
  }

  /**
   * @param history user_stage_history rows (user_id, stage, attempt, entered_at)
   * @param users user_lifecycle rows (user_id, segments)
   * @param pairs from {@link #pairs}
   */
  public static Dataset<Row> compute(Dataset<Row> history, Dataset<Row> users, Dataset<Row> pairs,
      ZoneId businessZone, DayOfWeek weekStart, LocalDate runDate) {
    Dataset<Row> visits = history.select(col("user_id"), col("stage"), col("attempt"), col("entered_at"));
    Dataset<Row> starts = visits.join(pairs, visits.col("stage").equalTo(pairs.col("from_stage")))
        .select(col("user_id"), col("from_stage"), col("to_stage"), col("window_seconds"), col("attempt"),
            col("entered_at").as("from_at"))
        .withColumn("next_attempt_at", lead(col("from_at"), 1).over(
            Window.partitionBy("user_id", "from_stage", "to_stage").orderBy("attempt")));
    Dataset<Row> arrivals = visits.join(pairs.select("from_stage", "to_stage"),
            visits.col("stage").equalTo(pairs.col("to_stage")))
        .select(col("user_id").as("a_user_id"), col("from_stage").as("a_from_stage"),
            col("to_stage").as("a_to_stage"), col("entered_at").as("arrived_at"));
    Column sameAttempt = col("a_user_id").equalTo(col("user_id"))
        .and(col("a_from_stage").equalTo(col("from_stage")))
        .and(col("a_to_stage").equalTo(col("to_stage")))
        .and(col("arrived_at").geq(col("from_at")))
        .and(col("next_attempt_at").isNull().or(col("arrived_at").lt(col("next_attempt_at"))));
    Dataset<Row> firstArrivals = starts.join(arrivals, sameAttempt, "left")
        .groupBy("user_id", "from_stage", "to_stage", "window_seconds", "attempt", "from_at", "next_attempt_at")
        .agg(min("arrived_at").as("arrived_at"));

    return firstArrivals
        .withColumn("window_end", secondsAfter(col("from_at"), col("window_seconds")))
        .withColumn("observed_until", observedUntil(runDate))
        .withColumn("is_converted", col("arrived_at").isNotNull().and(col("arrived_at").leq(col("window_end"))))
        .withColumn("to_at", when(col("is_converted"), col("arrived_at")))
        .withColumn("censored_at", when(not(col("is_converted")),
            least(col("observed_until"), col("window_end"), coalesce(col("next_attempt_at"), col("observed_until")))))
        .withColumn("censor_reason", when(col("is_converted"), lit(null).cast(DataTypes.StringType))
            .when(col("window_end").equalTo(col("censored_at")), lit(StageConversionsTable.CENSORED_WINDOW_END))
            .when(col("next_attempt_at").equalTo(col("censored_at")), lit(StageConversionsTable.CENSORED_NEXT_ATTEMPT))
            .otherwise(lit(StageConversionsTable.CENSORED_RUN_DATE)))
        .withColumn("is_censored", not(col("is_converted")))
        .withColumn("is_in_flight", coalesce(col("censor_reason").equalTo(StageConversionsTable.CENSORED_RUN_DATE), lit(false)))
        .withColumn("duration_seconds", EventTimes.secondsBetween(col("from_at"), coalesce(col("to_at"), col("censored_at"))))
        .withColumn("duration_days", col("duration_seconds").divide(lit(EventTimes.SECONDS_PER_DAY)))
        .withColumn("window_days", col("window_seconds").divide(lit(EventTimes.SECONDS_PER_DAY)))
        .withColumn("cohort_day", CohortPeriods.businessDay(col("from_at"), businessZone))
        .withColumn("cohort_week", CohortPeriods.weekStart(col("cohort_day"), weekStart))
        .withColumn("cohort_month", CohortPeriods.monthStart(col("cohort_day")))
        .join(users.select(col("user_id").as("s_user_id"), col("segments")),
            col("user_id").equalTo(col("s_user_id")), "left")
        .withColumn("segments", coalesce(col("segments"), map().cast("map<string,string>")))
        .withColumn("as_of_date", lit(runDate))
        .select(StageConversionsTable.SPEC.columnNames().stream().map(name -> col(name)).toArray(Column[]::new));
  }

  private static Column secondsAfter(Column instant, Column seconds) {
    return timestamp_micros(unix_micros(instant).plus(seconds.multiply(lit(1_000_000L))));
  }

  /** The end of the run date (UTC): everything up to it is known, so observation stops there. */
  static Column observedUntil(LocalDate runDate) {
    return EventTimes.literal(EventTimes.endOfDay(runDate));
  }
}
