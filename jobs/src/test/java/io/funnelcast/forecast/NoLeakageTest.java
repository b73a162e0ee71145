package io.funnelcast.forecast;

import static io.funnelcast.testing.Frames.assertSameRows;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.conversion.StageConversions;
import io.funnelcast.generate.GenerateOptions;
import io.funnelcast.generate.PlantedBehaviour;
import io.funnelcast.ingest.EventTimes;
import io.funnelcast.lifecycle.LifecycleState;
import io.funnelcast.lifecycle.LifecycleTables;
import io.funnelcast.testing.Frames;
import io.funnelcast.testing.PipelineHarness;
import io.funnelcast.testing.SparkExtension;
import io.funnelcast.testing.TestConfigs;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forecast at an origin uses only what was known at its end: events before it. Three steps prove it: a user's
 * stages up to an instant depend on the user's events up to it only; stage_conversions of a later date read "as
 * known at" the origin equal conversion's own rows computed from the history up to the origin; and changing
 * everything after the origin leaves the forecast unchanged, figure for figure.
 */
@ExtendWith(SparkExtension.class)
class NoLeakageTest {
  static final LocalDate FINAL = LocalDate.of(2026, 3, 10);

  @TempDir
  Path temp;

  static Timestamp at(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  @Test
  void stagesUpToAnInstantDependOnEventsUpToItOnly() {
    SparkSession spark = SparkExtension.spark();
    FunnelcastConfig config = TestConfigs.with("lifecycle.segments.0", "properties['channel']");
    Dataset<Row> events = spark.read()
        .schema("event_id string, user_id string, event_type string, event_time string, properties map<string,string>")
        .json(PipelineHarness.dataSamples().toString())
        .withColumn("event_time", col("event_time").cast("timestamp"))
        .filter(col("user_id").isNotNull().and(col("event_type").isNotNull()).and(col("event_time").isNotNull()))
        .withColumn("properties", coalesce(col("properties"), map().cast("map<string,string>")))
        .dropDuplicates("event_id");
    Column[] visit = {col("user_id"), col("stage"), col("attempt"), col("entered_at"), col("entry_event_id"),
        col("is_skipped")};
    Dataset<Row> all = LifecycleTables.history(LifecycleState.compute(events, config.lifecycle(), ZoneOffset.UTC,
        LocalDate.of(2026, 11, 5))).select(visit).cache();
    assertThat(all.filter("attempt = 2").count()).as("moves back and up again").isPositive();
    for (String instant : List.of("2026-11-03T00:00:00Z", "2026-11-03T17:45:00Z", "2026-11-05T00:00:00Z")) {
      Timestamp until = at(instant);
      Dataset<Row> upTo = LifecycleTables.history(LifecycleState.compute(events.filter(col("event_time").lt(until)),
          config.lifecycle(), ZoneOffset.UTC, LocalDate.of(2026, 11, 5))).select(visit);
      assertSameRows(all.filter(col("entered_at").lt(until)), upTo);
    }
  }

  @Test
  void stageConversionsKnownAtAnOriginAreWhatConversionComputesFromTheHistoryUpToIt() {
    SparkSession spark = SparkExtension.spark();
    Dataset<Row> history = Frames.rows(new StructType().add("user_id", DataTypes.StringType)
            .add("stage", DataTypes.StringType).add("attempt", DataTypes.IntegerType)
            .add("entered_at", DataTypes.TimestampType),
        // Converts to engagement after a day, to conversion days later.
        new Object[] {"u1", "awareness", 1, at("2026-03-01T10:00:00Z")},
        new Object[] {"u1", "engagement", 1, at("2026-03-02T09:00:00Z")},
        new Object[] {"u1", "conversion", 1, at("2026-03-05T12:00:00Z")},
        // Engaged, moved back (attempt 2 at engagement), converted from the second attempt.
        new Object[] {"u2", "awareness", 1, at("2026-03-01T08:00:00Z")},
        new Object[] {"u2", "engagement", 1, at("2026-03-01T09:00:00Z")},
        new Object[] {"u2", "engagement", 2, at("2026-03-03T12:00:00Z")},
        new Object[] {"u2", "conversion", 1, at("2026-03-04T00:00:00Z")},
        // Never engages: its 2-day window ends on 03-03.
        new Object[] {"u3", "awareness", 1, at("2026-03-01T23:30:00Z")},
        // Engages exactly at the end of 03-02 (the next day's first instant).
        new Object[] {"u4", "awareness", 1, at("2026-03-02T06:00:00Z")},
        new Object[] {"u4", "engagement", 1, at("2026-03-03T00:00:00Z")},
        // Skips engagement: awareness and conversion at once.
        new Object[] {"u5", "awareness", 1, at("2026-03-04T10:00:00Z")},
        new Object[] {"u5", "engagement", 1, at("2026-03-04T10:00:00Z")},
        new Object[] {"u5", "conversion", 1, at("2026-03-04T10:00:00Z")});
    Dataset<Row> users = Frames.rows(new StructType().add("user_id", DataTypes.StringType)
            .add("segments", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType)),
        new Object[] {"u1", Map.of("plan", "pro")}, new Object[] {"u2", Map.of()}, new Object[] {"u3", Map.of()},
        new Object[] {"u4", Map.of()}, new Object[] {"u5", Map.of()});
    FunnelcastConfig config = TestConfigs.with("conversion.extra-pairs.0.from", "awareness",
        "conversion.extra-pairs.0.to", "engagement", "conversion.extra-pairs.0.window", "2 days");
    Dataset<Row> pairs = StageConversions.pairs(spark, config.conversion().pairs());
    Dataset<Row> finalRows = StageConversions.compute(history, users, pairs, ZoneOffset.UTC, DayOfWeek.MONDAY, FINAL);
    // Before anything, each day of the moves, and the final date itself.
    for (LocalDate origin : List.of(LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2),
        LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 4), LocalDate.of(2026, 3, 5), FINAL)) {
      Timestamp until = Timestamp.from(EventTimes.endOfDay(origin));
      Dataset<Row> then = StageConversions.compute(history.filter(col("entered_at").lt(until)), users, pairs,
          ZoneOffset.UTC, DayOfWeek.MONDAY, origin)
          .select(col("user_id"), col("from_stage"), col("to_stage"), col("attempt"), col("is_converted"),
              col("is_in_flight"), col("duration_seconds"));
      Dataset<Row> known = ForecastInputs.knownAt(finalRows, ForecastInputs.origins(spark, List.of(origin),
              java.time.Duration.ofDays(365)))
          .select(col("user_id"), col("from_stage"), col("to_stage"), col("attempt"),
              col(ForecastInputs.STATE).equalTo(ForecastInputs.STATE_CONVERTED).as("is_converted"),
              col(ForecastInputs.STATE).equalTo(ForecastInputs.STATE_IN_FLIGHT).as("is_in_flight"),
              col(ForecastInputs.KNOWN_DURATION_SECONDS).as("duration_seconds"));
      assertSameRows(then, known);
    }
  }

  @Test
  void changingEverythingAfterTheOriginLeavesTheForecastUnchanged() {
    SparkSession spark = SparkExtension.spark();
    GenerateOptions options = new GenerateOptions(temp.resolve("gen"), 3_000, LocalDate.of(2026, 1, 1), 120, 3, 0, 0,
        0, 0, PlantedBehaviour.defaults());
    FunnelcastConfig config = TestConfigs.with("forecast.simulations", "100");
    Dataset<Row> truth = PlantedConversions.of(options, config);
    LocalDate origin = LocalDate.of(2026, 3, 15);
    Timestamp until = Timestamp.from(EventTimes.endOfDay(origin));
    // After the origin: no conversion happens, every open attempt ends by a next attempt an hour later, and a
    // crowd of attempts that never existed starts and converts at once.
    Column after = col("to_at").geq(lit(until));
    Column open = coalesce(col("to_at"), col("censored_at")).geq(lit(until));
    Dataset<Row> rewritten = truth
        .withColumn("is_converted", when(after, lit(false)).otherwise(col("is_converted")))
        .withColumn("censored_at", when(open, lit(Timestamp.from(EventTimes.endOfDay(origin).plusSeconds(3600))))
            .otherwise(col("censored_at")))
        .withColumn("to_at", when(after, lit(null).cast(DataTypes.TimestampType)).otherwise(col("to_at")))
        .filter(col("from_at").lt(lit(until)))
        .unionByName(truth.filter(col("from_at").geq(lit(until)))
            .withColumn("is_converted", lit(true)).withColumn("to_at", col("from_at")))
        .unionByName(truth.filter(col("from_at").geq(lit(until)))
            .withColumn("user_id", org.apache.spark.sql.functions.concat(col("user_id"), lit("-twin"))));

    Forecaster forecaster = new Forecaster(config.forecast(), ZoneOffset.UTC, DayOfWeek.MONDAY);
    List<SeriesSimulation.Forecast> fromTruth = forecaster.forecast(
        forecaster.collect(spark, truth, null, null, List.of(origin)), origin);
    List<SeriesSimulation.Forecast> fromRewritten = forecaster.forecast(
        forecaster.collect(spark, rewritten, null, null, List.of(origin)), origin);
    assertThat(fromTruth).hasSizeGreaterThan(4);
    assertThat(fromRewritten).isEqualTo(fromTruth);
    // The rewrite changed what happened after the origin, so a later forecast does differ.
    LocalDate later = origin.plusDays(7);
    assertThat(forecaster.forecast(forecaster.collect(spark, rewritten, null, null, List.of(later)), later))
        .isNotEqualTo(forecaster.forecast(forecaster.collect(spark, truth, null, null, List.of(later)), later));
  }
}
