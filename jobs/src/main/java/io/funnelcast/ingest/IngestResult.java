package io.funnelcast.ingest;

import io.funnelcast.run.JobResult;
import java.time.LocalDate;
import java.util.Locale;

/**
 * What one ingest run did. Conservation holds by construction: every raw record read was written as an
 * event, dropped as a duplicate, or quarantined.
 *
 * @param lateEvents events written whose event_date is before the run date (included in eventsWritten)
 */
public record IngestResult(LocalDate runDate, long rawRecordsRead, long eventsWritten,
    long duplicatesDropped, long quarantined, long lateEvents) implements JobResult {

  public IngestResult {
    if (rawRecordsRead != eventsWritten + duplicatesDropped + quarantined) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "ingest %s lost records: read %d != written %d + duplicates %d + quarantined %d",
          runDate, rawRecordsRead, eventsWritten, duplicatesDropped, quarantined));
    }
  }

  @Override
  public long rowsRead() {
    return rawRecordsRead;
  }

  @Override
  public long rowsWritten() {
    return eventsWritten;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT,
        "read %d raw records, wrote %d events (%d late), dropped %d duplicates, quarantined %d",
        rawRecordsRead, eventsWritten, lateEvents, duplicatesDropped, quarantined);
  }
}
