package io.funnelcast.lifecycle;

import io.funnelcast.run.JobResult;
import java.time.LocalDate;
import java.util.Locale;

/**
 * What one lifecycle run did.
 *
 * @param fullRefresh whether every user was recomputed (else only users with new events)
 * @param eventsRead events of the recomputed users
 */
public record LifecycleResult(LocalDate runDate, boolean fullRefresh, long eventsRead, long usersRecomputed,
    long users, long stageVisits, long dailyRows) implements JobResult {

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
        fullRefresh ? "full refresh" : "incremental", usersRecomputed, eventsRead, users, stageVisits, dailyRows);
  }
}
