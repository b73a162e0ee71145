package io.funnelcast.run;

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

  /** The counts, in words, for the one-line summary. */
  String describe();
}
