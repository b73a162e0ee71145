package io.funnelcast.run;

import java.time.Duration;
import java.util.Locale;

/** A finished, successful job attempt: its context, result and wall time. */
public record JobRun<R extends JobResult>(RunContext context, R result, Duration duration) {

  /** The one line printed per job, e.g. "ingest 2026-11-03 succeeded in 8.1 s: read 1520, ...". */
  public String summaryLine() {
    return String.format(Locale.ROOT, "%s %s succeeded in %.1f s: %s [run %s]", context.job(),
        context.runDate(), duration.toMillis() / 1000.0, result.describe(), context.runId());
  }
}
