package io.funnelcast.config;

/** Physical format of the raw logs. */
public enum SourceFormat {
  JSON, CSV, PARQUET
}
