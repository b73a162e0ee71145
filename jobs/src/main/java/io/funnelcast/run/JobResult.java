package io.funnelcast.run;

import java.time.LocalDate;

/** What every job reports for pipeline_runs and its summary line. */
public interface JobResult {
  long rowsRead();

  long rowsWritten();

  /** Jobs that read clean tables drop and quarantine nothing. */
  default long duplicatesDropped() {
    return 0;
  }

  default long quarantined() {
    return 0;
  }

  /** The counts of one of the run dates the attempt covered ({@link Job#runDates}); all of them by default. */
  default JobResult forRunDate(LocalDate runDate) {
    return this;
  }

  /** The counts, in words, for the one-line summary. */
  String describe();
}
