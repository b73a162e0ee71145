package io.funnelcast.lifecycle;

import io.funnelcast.run.JobResult;
import java.time.LocalDate;
import java.util.Locale;

/**
 * What one lifecycle run did.
 *
 * @param fullRefreshReason why every user was recomputed; null when only users with new events were
 * @param eventsRead events of the recomputed users
 */
public record LifecycleResult(LocalDate runDate, String fullRefreshReason, long eventsRead, long usersRecomputed,
    long users, long stageVisits, long dailyRows) implements JobResult {

  /** Whether every user was recomputed (else only users with new events). */
  public boolean fullRefresh() {
    return fullRefreshReason != null;
  }

  @Override
  public long rowsRead() {
    return eventsRead;
  }

  @Override
  public long rowsWritten() {
    return users;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "%s: recomputed %d users from %d events; %d users, %d stage visits, %d daily rows",
        fullRefresh() ? "full refresh (" + fullRefreshReason + ")" : "incremental", usersRecomputed, eventsRead, users, stageVisits, dailyRows);
  }
}
