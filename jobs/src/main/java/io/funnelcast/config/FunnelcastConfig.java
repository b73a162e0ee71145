package io.funnelcast.config;

import java.time.DayOfWeek;
import java.time.ZoneId;

/**
 * The whole validated configuration.
 *
 * @param hashes sha-256 of the resolved configuration, whole and per job; each run records its job's
 */
public record FunnelcastConfig(
    String warehouse,
    String database,
    Metastore metastore,
    ZoneId businessTimeZone,
    DayOfWeek weekStart,
    SourceConfig source,
    LifecycleConfig lifecycle,
    ConversionConfig conversion,
    ForecastConfig forecast,
    ReportConfig report,
    SparkConfig spark,
    ConfigHashes hashes) {

  public BusinessCalendar businessCalendar() {
    return new BusinessCalendar(businessTimeZone, weekStart);
  }
}
