package io.funnelcast.forecast;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnelcast.config.StagePair;
import io.funnelcast.conversion.CohortPeriods;
import io.funnelcast.ingest.EventTimes;
import io.funnelcast.lifecycle.LifecycleTables;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What a forecast needs from stage_conversions, as small aggregates to collect: per origin, the curve counts and
 * the users in flight by age; per business day, the entries into A and the conversions.
 *
 * <p>No leakage: stage_conversions as of a later date is read as it was known at an origin T (the end of the
 * origin date). An attempt is known if it started before T; it has converted by T if its conversion is before T;
 * otherwise it is censored at the earliest of T and its final end (conversion, window end or next attempt), and in
 * flight if that end is not before T and its window is still open at T. This is exactly what conversion computes
 * from the stage history up to T (tested), because a user's stages up to T depend on their events up to T only.
 */
public final class ForecastInputs {
  static final String ORIGIN_DATE = "origin_date";
  static final String OBSERVED_UNTIL = "observed_until";
  static final String CURVE_FROM = "curve_from";
  static final String AGE_DAYS = "age_days";
  static final String KNOWN_DURATION_SECONDS = "known_duration_seconds";
  static final String STATE = "state";
  static final String REACHED_WINDOW = "reached_window";
  static final String IN_CURVE_HISTORY = "in_curve_history";
  static final String ATTEMPTS = "attempts";
  static final String DAY = "day";
  static final String ENTERED = "entered_count";
  static final String CONVERTED = "converted_count";
  static final String STATE_CONVERTED = "converted";
  static final String STATE_IN_FLIGHT = "in_flight";
  static final String STATE_CLOSED = "closed";
  static final String[] SERIES = {"from_stage", "to_stage", "segment_name", "segment_value"};

  private static final StructType ORIGINS = new StructType()
      .add(ORIGIN_DATE, DataTypes.DateType, false)
      .add(OBSERVED_UNTIL, DataTypes.TimestampType, false)
      .add(CURVE_FROM, DataTypes.TimestampType, false);

  private ForecastInputs() {}

  /** The origins as a small Dataset: each date, its end (the observation limit) and the start of its curve history. */
  public static Dataset<Row> origins(SparkSession spark, List<LocalDate> dates, Duration curveHistory) {
    return spark.createDataFrame(dates.stream()
        .map(date -> RowFactory.create(date, EventTimes.endOfDay(date), EventTimes.endOfDay(date).minus(curveHistory)))
        .toList(), ORIGINS);
  }

  /**
   * The targets' stage_conversions rows, once per segment row the user counts in ('all' and each dimension).
   *
   * @param conversions stage_conversions (user_id, from_stage, to_stage, from_at, to_at, is_converted, censored_at,
   *     window_days, segments)
   */
  public static Dataset<Row> bySegment(Dataset<Row> conversions, List<StagePair> pairs) {
    Column isTarget = lit(false);
    for (StagePair pair : pairs) {
      isTarget = isTarget.or(col("from_stage").equalTo(pair.from()).and(col("to_stage").equalTo(pair.to())));
    }
    return conversions.filter(isTarget)
        .select(col("from_stage"), col("to_stage"), col("window_days"), col("from_at"), col("to_at"),
            col("is_converted"), col("censored_at"), explode(LifecycleTables.segmentRows(col("segments"))).as("s"))
        .select(col("from_stage"), col("to_stage"), col("s.segment_name").as("segment_name"),
            col("s.segment_value").as("segment_value"), col("window_days"), col("from_at"), col("to_at"),
            col("is_converted"), col("censored_at"));
  }

  /**
   * Each attempt of {@code conversions} (stage_conversions rows, as of a later date) once per origin it is known
   * at, as that origin saw it: {@value #STATE} (converted, in_flight or closed), the observed seconds
   * ({@code known_duration_seconds}), whether that reached the window, and whether the attempt started within the
   * origin's curve history. Other columns pass through.
   */
  public static Dataset<Row> knownAt(Dataset<Row> conversions, Dataset<Row> origins) {
    Column until = col(OBSERVED_UNTIL);
    Column finalEnd = coalesce(col("to_at"), col("censored_at"));
    Column converted = col("is_converted").and(col("to_at").lt(until));
    Column duration = EventTimes.secondsBetween(col("from_at"), least(until, finalEnd));
    Column windowSeconds = col("window_days").multiply(lit(EventTimes.SECONDS_PER_DAY));
    Column inFlight = not(converted).and(finalEnd.geq(until))
        .and(EventTimes.secondsBetween(col("from_at"), until).lt(windowSeconds));
    return conversions.crossJoin(broadcast(origins))
        .filter(col("from_at").lt(until))
        .withColumn(STATE, when(converted, lit(STATE_CONVERTED)).when(inFlight, lit(STATE_IN_FLIGHT))
            .otherwise(lit(STATE_CLOSED)))
        .withColumn(KNOWN_DURATION_SECONDS, duration)
        .withColumn(REACHED_WINDOW, duration.geq(windowSeconds))
        .withColumn(IN_CURVE_HISTORY, col("from_at").geq(col(CURVE_FROM)));
  }

  /**
   * Per origin × series × day of age × state: the attempts known at the origin ({@link #knownAt}). Kept: those
   * that started within the curve history (for the curve) and those in flight (whenever they started).
   */
  public static Dataset<Row> curveCounts(Dataset<Row> bySegment, Dataset<Row> origins) {
    return knownAt(bySegment, origins)
        .filter(col(IN_CURVE_HISTORY).or(col(STATE).equalTo(STATE_IN_FLIGHT)))
        .groupBy(col(ORIGIN_DATE), col("from_stage"), col("to_stage"), col("segment_name"), col("segment_value"),
            col("window_days"), floor(col(KNOWN_DURATION_SECONDS).divide(lit(EventTimes.SECONDS_PER_DAY))).as(AGE_DAYS),
            col(STATE), col(REACHED_WINDOW), col(IN_CURVE_HISTORY))
        .agg(count(lit(1)).as(ATTEMPTS));
  }

  /** Per series × business day: entries into A (attempts started) and conversions (entries into B in the window). */
  public static Dataset<Row> daily(Dataset<Row> bySegment, ZoneId businessZone) {
    Column entries = struct(CohortPeriods.businessDay(col("from_at"), businessZone).as(DAY), lit(1L).as(ENTERED),
        lit(0L).as(CONVERTED));
    Column conversions = struct(CohortPeriods.businessDay(col("to_at"), businessZone).as(DAY), lit(0L).as(ENTERED),
        lit(1L).as(CONVERTED));
    return bySegment
        .select(col("from_stage"), col("to_stage"), col("segment_name"), col("segment_value"),
            explode(when(col("is_converted"), array(entries, conversions)).otherwise(array(entries))).as("e"))
        .groupBy(col("from_stage"), col("to_stage"), col("segment_name"), col("segment_value"), col("e." + DAY).as(DAY))
        .agg(sum(col("e." + ENTERED)).as(ENTERED), sum(col("e." + CONVERTED)).as(CONVERTED));
  }
}
