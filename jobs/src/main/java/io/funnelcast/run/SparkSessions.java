package io.funnelcast.run;

import io.funnelcast.config.SparkConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Builds the Spark session every job runs in. */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * Settings Funnelcast's transforms rely on; applied after the user's, so config cannot change them.
   * Tests start their session with the same settings.
   */
  public static Map<String, String> requiredSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    settings.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    // Times are parsed and shown in UTC whatever the JVM's or the cluster's default zone is.
    settings.put("spark.sql.session.timeZone", "UTC");
    // Rows carry java.time values (Instant, LocalDate), which name instants without a JVM zone.
    settings.put("spark.sql.datetime.java8API.enabled", "true");
    // A raw JSON object with a repeated key keeps the last value instead of failing the whole run.
    settings.put("spark.sql.mapKeyDedupPolicy", "LAST_WIN");
    // An unparseable time is a quarantine row, never an exception about parser versions.
    settings.put("spark.sql.legacy.timeParserPolicy", "CORRECTED");
    settings.put("spark.sql.ansi.enabled", "false");
    return settings;
  }

  public static SparkSession create(SparkConfig config) {
    SparkSession.Builder builder = SparkSession.builder().appName(config.appName());
    // spark-submit passes the master as a system property; the configured one is for direct launches.
    if (System.getProperty("spark.master") == null && !config.master().isBlank()) {
      builder = builder.master(config.master());
    }
    for (Map.Entry<String, String> setting : config.settings().entrySet()) {
      builder = builder.config(setting.getKey(), setting.getValue());
    }
    for (Map.Entry<String, String> setting : requiredSettings().entrySet()) {
      builder = builder.config(setting.getKey(), setting.getValue());
    }
    return builder.getOrCreate();
  }
}
