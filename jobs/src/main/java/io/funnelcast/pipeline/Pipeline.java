package io.funnelcast.pipeline;

import io.funnelcast.run.Job;
import io.funnelcast.run.JobResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole pipeline as job attempts in order: `run` (every job for each date in turn) and `backfill` (one
 * ingest pass over every date, then the rest for the last date, or for each date with daily snapshots).
 */
public final class Pipeline {
  /** One job attempt for one run date. */
  public record Step(Job<? extends JobResult> job, LocalDate runDate) {}

  /** Which dates of a backfill get their as-of slices (cohort_conversion, funnel_summary, forecast_conversions). */
  public enum Snapshots { LAST, DAILY }

  private final Jobs jobs;

  public Pipeline(Jobs jobs) {
    this.jobs = jobs;
  }

  /** Ingest, lifecycle, conversion and forecast for each date, day by day. */
  public List<Step> run(List<LocalDate> runDates, boolean fullRefresh) {
    List<Step> steps = new ArrayList<>();
    for (LocalDate runDate : runDates) {
      steps.add(new Step(jobs.ingest(), runDate));
      steps.addAll(afterIngest(runDate, fullRefresh, null));
    }
    return steps;
  }

  /**
   * One ingest pass over every date's files, then lifecycle, conversion and forecast for the last date, or
   * for every date with daily snapshots. The tables equal {@link #run} over the same dates, except the as-of
   * slices of the dates before the last, which only daily snapshots write.
   */
  public List<Step> backfill(List<LocalDate> runDates, Snapshots snapshots, boolean fullRefresh) {
    LocalDate last = runDates.get(runDates.size() - 1);
    List<Step> steps = new ArrayList<>();
    steps.add(new Step(jobs.ingestFrom(runDates.get(0)), last));
    List<LocalDate> snapshotDates = snapshots == Snapshots.DAILY ? runDates : List.of(last);
    for (LocalDate runDate : snapshotDates) {
      // Every date's events are in before the first lifecycle run: it must not see what later dates delivered.
      steps.addAll(afterIngest(runDate, fullRefresh, last));
    }
    return steps;
  }

  private List<Step> afterIngest(LocalDate runDate, boolean fullRefresh, LocalDate deliveredAheadUntil) {
    return List.of(new Step(jobs.lifecycle(fullRefresh, deliveredAheadUntil), runDate),
        new Step(jobs.conversion(), runDate), new Step(jobs.forecast(), runDate));
  }
}
