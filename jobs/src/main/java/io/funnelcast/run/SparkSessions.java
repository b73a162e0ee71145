package io.funnelcast.run;

import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.config.Metastore;
import io.funnelcast.config.SparkConfig;
import io.funnelcast.tables.DeltaTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
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
      requireEmbeddedMetastoreFree(warehouse.resolve("metastore_db"), funnelcast.warehouse());
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
    for (Map.Entry<String, String> setting : ExpressionMode.sessionSettings(config).entrySet()) {
      builder = builder.config(setting.getKey(), setting.getValue());
    }
    for (Map.Entry<String, String> setting : requiredSettings().entrySet()) {
      builder = builder.config(setting.getKey(), setting.getValue());
    }
    return builder.getOrCreate();
  }

  /**
   * Fails at once, with a line that says why, when another process holds the warehouse's embedded metastore
   * (Derby allows one process at a time): otherwise the second process retries for half a minute inside its
   * first job and ends with pages of Derby and Hive traces. Derby holds a lock on dbex.lck while it runs.
   */
  static void requireEmbeddedMetastoreFree(Path metastore, String warehouse) {
    Path lockFile = metastore.resolve("dbex.lck");
    if (!Files.exists(lockFile)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new MetastoreInUseException("the embedded metastore of warehouse " + warehouse + " is in use by"
            + " another Funnelcast process: it allows one process at a time; wait for that one to finish, or"
            + " set funnelcast.metastore = hive to run jobs side by side");
      }
      lock.release();
    } catch (OverlappingFileLockException e) {
      // This JVM holds it already: its own session opened the metastore.
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check the embedded metastore's lock " + lockFile, e);
    }
  }
}
