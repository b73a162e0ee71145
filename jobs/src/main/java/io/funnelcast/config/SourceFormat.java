package io.funnelcast.config;

/** Physical format of the raw logs. */
public enum SourceFormat {
  JSON, CSV, PARQUET;

  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
