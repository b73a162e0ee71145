package io.funnelcast.run;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One job attempt: its id, the date it runs for, and what produced it. The clock is for timings only;
 * what a job computes depends on {@code runDate}, never on the wall clock.
 */
public record RunContext(String runId, String job, LocalDate runDate, String configHash, String version,
    Clock clock) {
  public RunContext {
    Objects.requireNonNull(runId);
    Objects.requireNonNull(job);
    Objects.requireNonNull(runDate);
  }
}
