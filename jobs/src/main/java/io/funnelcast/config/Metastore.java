package io.funnelcast.config;

/** Where the tables are registered by name: funnelcast.metastore. */
public enum Metastore {
  /** A Hive metastore in Derby under the warehouse folder. */
  EMBEDDED,
  /** An external Hive metastore configured through Spark settings. */
  HIVE,
  /** The Spark session's own in-memory catalog. */
  SESSION
}
