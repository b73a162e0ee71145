package io.funnelcast.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One user's activity status on any business day, from their events. Rules, first match wins:
 * <ol>
 *   <li>churned: a churn event is the user's latest event, or no activity for churned-after days;</li>
 *   <li>dormant: no activity for dormant-after days;</li>
 *   <li>new: first seen less than new-for days ago;</li>
 *   <li>resurrected: back less than new-for days ago after a dormant gap or a churn event;</li>
 *   <li>active otherwise.</li>
 * </ol>
 * Churn events are not activity. Days count in the business time zone.
 */
public final class ActivityTimeline {
  private final ActivityRules rules;
  private final LocalDate firstSeen;
  /** Distinct activity days, ascending. */
  private final List<LocalDate> activeDays = new ArrayList<>();
  /** Per activity day: the last activity instant of that day. */
  private final List<Instant> lastActivityOfDay = new ArrayList<>();
  /** Activity days that start a return after a dormant gap or a churn event. */
  private final List<LocalDate> returns = new ArrayList<>();
  private final List<Instant> churnTimes = new ArrayList<>();
  private final List<LocalDate> churnDays = new ArrayList<>();

  /** @param events the user's events in time order */
  public ActivityTimeline(List<UserEvent> events, ActivityRules rules) {
    this.rules = rules;
    this.firstSeen = events.get(0).businessDay();
    Instant lastChurn = null;
    for (UserEvent event : events) {
      if (event.churn()) {
        lastChurn = event.time();
        churnTimes.add(event.time());
        churnDays.add(event.businessDay());
        continue;
      }
      LocalDate day = event.businessDay();
      int last = activeDays.size() - 1;
      if (last >= 0 && activeDays.get(last).equals(day)) {
        lastActivityOfDay.set(last, event.time());
        continue;
      }
      if (last >= 0) {
        boolean dormantGap = ChronoUnit.DAYS.between(activeDays.get(last), day) >= rules.dormantAfterDays();
        boolean churnedBetween = lastChurn != null && lastChurn.isAfter(lastActivityOfDay.get(last));
        if (dormantGap || churnedBetween) {
          returns.add(day);
        }
      }
      activeDays.add(day);
      lastActivityOfDay.add(event.time());
    }
  }

  public LocalDate firstSeen() {
    return firstSeen;
  }

  /** Status at the end of the given day, counting only events up to then. */
  public ActivityStatus statusAt(LocalDate day) {
    return factsAt(day).status(day, rules);
  }

  /** The facts as of the end of the given day. */
  public ActivityFacts factsAt(LocalDate day) {
    int last = lastIndexAtOrBefore(activeDays, day);
    int churn = lastIndexAtOrBefore(churnDays, day);
    int back = lastIndexAtOrBefore(returns, day);
    boolean endsWithChurn = churn >= 0 && (last < 0 || churnTimes.get(churn).isAfter(lastActivityOfDay.get(last)));
    return new ActivityFacts(firstSeen, last < 0 ? null : activeDays.get(last),
        back < 0 ? null : returns.get(back), endsWithChurn);
  }

  /** Every day on which the status can change; after the last of them it stays as it is. */
  public TreeSet<LocalDate> changeDays() {
    TreeSet<LocalDate> days = new TreeSet<>();
    days.add(firstSeen);
    days.add(firstSeen.plusDays(rules.newForDays()));
    for (LocalDate day : activeDays) {
      days.add(day);
      days.add(day.plusDays(rules.dormantAfterDays()));
      days.add(day.plusDays(rules.churnedAfterDays()));
    }
    for (LocalDate day : returns) {
      days.add(day.plusDays(rules.newForDays()));
    }
    days.addAll(churnDays);
    return days;
  }

  private static int lastIndexAtOrBefore(List<LocalDate> days, LocalDate day) {
    int low = 0;
    int high = days.size() - 1;
    int found = -1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (!days.get(mid).isAfter(day)) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }
}
