package io.funnelcast.ingest;

import io.funnelcast.config.SourceConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The event times a run date accepts: from the start of the run date minus max-lateness (inclusive) to the
 * end of the run date plus max-future-skew (exclusive). Outside it a record is quarantined.
 */
public record EventTimeWindow(Instant earliest, Instant latestExclusive) {

  public static EventTimeWindow forRun(LocalDate runDate, SourceConfig source) {
    Instant dayStart = runDate.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant dayEnd = EventTimes.endOfDay(runDate);
    return new EventTimeWindow(dayStart.minus(source.maxLateness()), dayEnd.plus(source.maxFutureSkew()));
  }
}
