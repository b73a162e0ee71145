package io.funnelcast.config;

import java.time.DayOfWeek;
import java.time.ZoneId;

/**
 * The whole validated configuration.
 *
 * @param hash sha-256 of the resolved configuration, recorded with every run
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
    SparkConfig spark,
    String hash) {}
