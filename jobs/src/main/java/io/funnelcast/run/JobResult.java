package io.funnelcast.run;

/** What every job reports for pipeline_runs and its summary line. */
public interface JobResult {
  long rowsRead();

  long rowsWritten();

  long duplicatesDropped();

  long quarantined();

  /** The counts, in words, for the one-line summary. */
  String describe();
}
