package io.funnelcast.ingest;

import io.funnelcast.run.JobResult;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * What one ingest attempt did for each run date it covered (one date for a nightly run, a range for a
 * backfill); pipeline_runs gets a row per date.
 *
 * @param days one result per run date, in date order
 * @param emptyDays run dates with no raw records (an empty folder, or a missing one under missing-day = empty)
 * @param files raw files read
 */
public record IngestBatchResult(List<IngestResult> days, List<LocalDate> emptyDays, long files)
    implements JobResult {

  public IngestBatchResult {
    if (days.isEmpty()) {
      throw new IllegalArgumentException("an ingest covers at least one run date");
    }
    days = List.copyOf(days);
    emptyDays = List.copyOf(emptyDays);
  }

  /** The result of the only (or last) run date. */
  public IngestResult last() {
    return days.get(days.size() - 1);
  }

  @Override
  public IngestResult forRunDate(LocalDate runDate) {
    return days.stream().filter(day -> day.runDate().equals(runDate)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no ingest result for " + runDate));
  }

  @Override
  public long rowsRead() {
    return sum(IngestResult::rawRecordsRead);
  }

  @Override
  public long rowsWritten() {
    return sum(IngestResult::eventsWritten);
  }

  @Override
  public long duplicatesDropped() {
    return sum(IngestResult::duplicatesDropped);
  }

  @Override
  public long quarantined() {
    return sum(IngestResult::quarantined);
  }

  private long sum(ToLongFunction<IngestResult> count) {
    return days.stream().mapToLong(count).sum();
  }

  @Override
  public String describe() {
    if (days.size() == 1) {
      return last().describe();
    }
    long late = sum(IngestResult::lateEvents);
    String empty = emptyDays.isEmpty() ? "none empty" : emptyDays.size() + " empty ("
        + emptyDays.stream().limit(10).map(LocalDate::toString).collect(Collectors.joining(", "))
        + (emptyDays.size() > 10 ? ", ..." : "") + ")";
    return String.format(Locale.ROOT, "%d run dates %s..%s (%s), %d files: read %d raw records, wrote %d events"
        + " (%d late), dropped %d duplicates, quarantined %d", days.size(), days.get(0).runDate(),
        last().runDate(), empty, files, rowsRead(), rowsWritten(), late, duplicatesDropped(), quarantined());
  }
}
