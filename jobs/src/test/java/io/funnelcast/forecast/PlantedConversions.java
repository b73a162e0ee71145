package io.funnelcast.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.to_timestamp;

import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.conversion.StageConversions;
import io.funnelcast.generate.GenerateOptions;
import io.funnelcast.generate.SyntheticLogs;
import io.funnelcast.testing.SparkExtension;
import java.time.DayOfWeek;
import java.time.ZoneOffset;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * stage_conversions of generated logs as of their last day, computed from the planted stage entries
 * (truth/stage_entries.csv, which PlantedTruthTest proves equal to what ingest and lifecycle make of the logs),
 * with the channel as the one segment. UTC, weeks from Monday.
 */
final class PlantedConversions {
  private PlantedConversions() {}

  static Dataset<Row> of(GenerateOptions options, FunnelcastConfig config) {
    SyntheticLogs.generate(options);
    SparkSession spark = SparkExtension.spark();
    Dataset<Row> entries = spark.read().option("header", true)
        .csv(options.out().resolve("truth/stage_entries.csv").toString())
        .select(col("user_id"), col("stage"), col("attempt").cast("int").as("attempt"),
            to_timestamp(col("entered_at")).as("entered_at"), col("channel"));
    Dataset<Row> users = entries.select(col("user_id"), map(lit("channel"), col("channel")).as("segments"))
        .dropDuplicates("user_id");
    return StageConversions.compute(entries, users, StageConversions.pairs(spark, config.conversion().pairs()),
        ZoneOffset.UTC, DayOfWeek.MONDAY, options.lastDay()).cache();
  }
}
