package io.funnelcast.config;

import java.time.Duration;
import java.time.LocalDate;

/** funnelcast.source: where a day's raw logs are and how they map onto the canonical event. */
public record SourceConfig(
    SourceFormat format,
    String pathPattern,
    FieldMapping fields,
    EventTimeFormat eventTimeFormat,
    PropertiesMapping properties,
    Duration maxFutureSkew,
    Duration maxLateness,
    String csvDelimiter,
    MissingDay missingDay) {

  public static final String DATE_PLACEHOLDER = "{date}";

  /** The path of one run date's raw files. */
  public String pathFor(LocalDate runDate) {
    return pathPattern.replace(DATE_PLACEHOLDER, runDate.toString());
  }
}
