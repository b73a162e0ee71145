package io.funnelcast.run;

import java.time.LocalDate;
import java.util.List;

/** One Funnelcast job: configured once, executed for one run date at a time. */
public interface Job<R extends JobResult> {
  String name();

  /**
   * The run dates an attempt for {@code runDate} covers, each recorded in pipeline_runs: the date alone,
   * or a range ending with it for a job that processes many dates in one pass (a backfill's ingest).
   */
  default List<LocalDate> runDates(LocalDate runDate) {
    return List.of(runDate);
  }

  R execute(RunContext context);
}
