package io.funnelcast.lifecycle;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Everything the lifecycle tables need from one user, computed from that user's events alone: stage
 * visits, activity facts, and the changes the user makes to the daily counts on every day, to the end of
 * time (after the last event only the activity status changes, on days the rules fix). Because nothing
 * here depends on the run date, recomputing only the users with new events gives the same result as
 * recomputing everyone.
 */
public final class UserTimeline implements Serializable {
  private static final long serialVersionUID = 1L;

  private final StageMachine machine;
  private final ActivityRules rules;
  private final ZoneId businessZone;

  public UserTimeline(StageMachine machine, ActivityRules rules, ZoneId businessZone) {
    this.machine = machine;
    this.rules = rules;
    this.businessZone = businessZone;
  }

  /** One user's lifecycle. */
  public record Result(List<StageVisit> visits, Instant firstSeenAt, Instant lastSeenAt, ActivityFacts facts,
      List<DailyDelta> deltas) {}

  public LocalDate businessDay(Instant instant) {
    return LocalDate.ofInstant(instant, businessZone);
  }

  /** @param events the user's events, in any order, with business days from {@link #businessDay} */
  public Result of(List<UserEvent> events) {
    List<UserEvent> ordered = new ArrayList<>(events);
    ordered.sort(StageMachine.ORDER);
    List<StageVisit> visits = machine.visits(ordered);
    ActivityTimeline activity = new ActivityTimeline(ordered, rules);
    UserEvent last = ordered.get(ordered.size() - 1);
    return new Result(visits, ordered.get(0).time(), last.time(), activity.factsAt(last.businessDay()),
        deltas(visits, activity));
  }

  private List<DailyDelta> deltas(List<StageVisit> visits, ActivityTimeline activity) {
    List<DailyDelta> deltas = new ArrayList<>();
    TreeSet<LocalDate> days = activity.changeDays();
    for (StageVisit visit : visits) {
      days.add(businessDay(visit.enteredAt()));
      deltas.add(new DailyDelta(businessDay(visit.enteredAt()), visit.stageIndex(), null, 0, 1, 0));
      if (visit.exitedAt() != null) {
        deltas.add(new DailyDelta(businessDay(visit.exitedAt()), visit.stageIndex(), null, 0, 0, 1));
      }
    }
    int next = 0;
    int stage = -1;
    ActivityStatus status = null;
    for (LocalDate day : days) {
      // The stage at the end of the day is that of the last visit entered by then.
      while (next < visits.size() && !businessDay(visits.get(next).enteredAt()).isAfter(day)) {
        next++;
      }
      int stageNow = next == 0 ? -1 : visits.get(next - 1).stageIndex();
      if (stageNow < 0) {
        continue;
      }
      ActivityStatus statusNow = activity.statusAt(day);
      if (stageNow != stage || statusNow != status) {
        if (stage >= 0) {
          deltas.add(new DailyDelta(day, stage, status.code(), -1, 0, 0));
        }
        deltas.add(new DailyDelta(day, stageNow, statusNow.code(), 1, 0, 0));
        stage = stageNow;
        status = statusNow;
      }
    }
    return deltas;
  }
}
