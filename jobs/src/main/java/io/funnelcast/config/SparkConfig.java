package io.funnelcast.config;

import java.util.Map;

/** funnelcast.spark: master (when not launched by spark-submit), app name and extra Spark settings. */
public record SparkConfig(String master, String appName, Map<String, String> settings) {
  public SparkConfig {
    settings = Map.copyOf(settings);
  }
}
