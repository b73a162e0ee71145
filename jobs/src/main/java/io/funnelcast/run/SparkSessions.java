package io.funnelcast.run;

import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.config.Metastore;
import io.funnelcast.config.SparkConfig;
import io.funnelcast.tables.DeltaTables;
import java.net.URI;
import java.nio.file.Path;
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

  /** The session for a job or a query: the user's Spark settings, the metastore, then the required settings. */
  public static SparkSession create(FunnelcastConfig funnelcast) {
    SparkConfig config = funnelcast.spark();
    SparkSession.Builder builder = SparkSession.builder().appName(config.appName());
    if (funnelcast.metastore() != Metastore.SESSION) {
      builder = builder.enableHiveSupport();
    }
    if (funnelcast.metastore() == Metastore.EMBEDDED) {
      Path warehouse = Path.of(URI.create(DeltaTables.absolute(funnelcast.warehouse())).getPath());
      // Derby keeps the metastore (and its log) beside the tables, not in whatever folder the job starts in.
      System.setProperty("derby.system.home", warehouse.toString());
      builder = builder
          .config("spark.hadoop.javax.jdo.option.ConnectionURL",
              "jdbc:derby:;databaseName=" + warehouse.resolve("metastore_db") + ";create=true")
          .config("spark.sql.warehouse.dir", warehouse.toString());
    }
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
