package io.funnelcast.lifecycle;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * What the activity status on a day depends on: the user's events up to that day reduced to four facts.
 * The same rule serves the daily timeline and the as-of-date snapshot.
 *
 * @param lastActiveDay null when the user has only churn events
 * @param lastReturnDay the latest day the user came back after a dormant gap or a churn event, or null
 * @param endsWithChurn the latest event is a churn event
 */
public record ActivityFacts(LocalDate firstSeen, LocalDate lastActiveDay, LocalDate lastReturnDay,
    boolean endsWithChurn) implements Serializable {

  /** Status at the end of {@code day} (not before any of the facts). First matching rule wins. */
  public ActivityStatus status(LocalDate day, ActivityRules rules) {
    if (endsWithChurn || lastActiveDay == null) {
      return ActivityStatus.CHURNED;
    }
    long idle = ChronoUnit.DAYS.between(lastActiveDay, day);
    if (idle >= rules.churnedAfterDays()) {
      return ActivityStatus.CHURNED;
    }
    if (idle >= rules.dormantAfterDays()) {
      return ActivityStatus.DORMANT;
    }
    if (ChronoUnit.DAYS.between(firstSeen, day) < rules.newForDays()) {
      return ActivityStatus.NEW;
    }
    if (lastReturnDay != null && ChronoUnit.DAYS.between(lastReturnDay, day) < rules.newForDays()) {
      return ActivityStatus.RESURRECTED;
    }
    return ActivityStatus.ACTIVE;
  }
}
