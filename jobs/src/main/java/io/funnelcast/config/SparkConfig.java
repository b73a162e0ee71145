package io.funnelcast.config;

import java.util.Map;

/**
 * funnelcast.spark: master (when not launched by spark-submit), app name, extra Spark settings, and the input
 * size below which a run's Spark expressions are interpreted instead of compiled (0: always compiled).
 */
public record SparkConfig(String master, String appName, Map<String, String> settings, long interpretBelowBytes) {
  public SparkConfig {
    settings = Map.copyOf(settings);
  }
}
