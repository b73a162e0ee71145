package io.funnelcast.lifecycle;

import io.funnelcast.config.Objective;
import io.funnelcast.config.StageDefinition;
import io.funnelcast.config.StageModel;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Moves one user along the stage ladder, event by event in time order, and returns every stage visit.
 *
 * <p>For each event: (1) if it matches the exit rule of the current stage or of a stage below it, the user
 * moves back to that rule's target stage, a new visit (next attempt) of it starts, and progress towards
 * the stages above it is forgotten; the event counts for nothing else. (2) Otherwise it counts towards
 * the objectives of the stages above the current one. (3) The user then enters the highest stage whose
 * objective is met, provided no unmet non-skippable stage lies in between; stages passed over are entered
 * and left at the same instant, flagged skipped unless their own objective was met too.
 *
 * <p>Pure: no Spark, no clock. Ties in time are broken by event id, so the result does not depend on the
 * order events arrive in.
 */
public final class StageMachine implements Serializable {
  private static final long serialVersionUID = 1L;
  static final Comparator<UserEvent> ORDER =
      Comparator.comparing(UserEvent::time).thenComparing(UserEvent::eventId);

  // The model as plain arrays: the machine is shipped to Spark executors, and the config records are not
  // serializable (Optional fields).
  private final String[] names;
  private final int[] minCount;
  private final Duration[] within;
  private final boolean[] countsDays;
  private final int[] anchor;
  private final Duration[] delay;
  private final int[] exitTo;
  private final boolean[] skippable;

  public StageMachine(StageModel model) {
    int n = model.size();
    names = new String[n];
    minCount = new int[n];
    within = new Duration[n];
    countsDays = new boolean[n];
    anchor = new int[n];
    delay = new Duration[n];
    exitTo = new int[n];
    skippable = new boolean[n];
    for (int i = 0; i < n; i++) {
      StageDefinition stage = model.stage(i);
      Objective enter = stage.enter();
      names[i] = stage.name();
      minCount[i] = enter.minCount();
      within[i] = enter.within().orElse(null);
      countsDays[i] = enter.countMode() == Objective.CountMode.ACTIVE_DAYS;
      anchor[i] = enter.afterStage().map(model::indexOf).orElse(-1);
      delay[i] = enter.delay();
      exitTo[i] = stage.exit().map(rule -> model.indexOf(rule.toStage())).orElse(-1);
      skippable[i] = stage.skippable();
    }
  }

  public int size() {
    return names.length;
  }

  public String stageName(int index) {
    return names[index];
  }

  public List<StageVisit> visits(List<UserEvent> events) {
    return new Run(events).visits;
  }

  /** The state of one user's walk up the ladder. */
  private final class Run {
    final List<StageVisit> visits = new ArrayList<>();
    final int[] attempts = new int[size()];
    final boolean[] met = new boolean[size()];
    final Instant[] enteredAt = new Instant[size()];
    final List<Deque<Instant>> eventWindows = new ArrayList<>();
    final List<Deque<LocalDate>> dayWindows = new ArrayList<>();
    final long[] counts = new long[size()];
    int current = -1;
    int openVisit = -1;

    Run(List<UserEvent> events) {
      for (int i = 0; i < size(); i++) {
        eventWindows.add(new ArrayDeque<>());
        dayWindows.add(new ArrayDeque<>());
      }
      List<UserEvent> ordered = new ArrayList<>(events);
      ordered.sort(ORDER);
      for (UserEvent event : ordered) {
        if (!exit(event)) {
          count(event);
          advance(event);
        }
      }
    }

    /** Moves the user back if the event matches an exit rule at or below the current stage. */
    boolean exit(UserEvent event) {
      for (int s = current; s >= 0; s--) {
        if (exitTo[s] >= 0 && event.matchesExit()[s]) {
          int to = exitTo[s];
          close(event.time(), StageVisit.EXIT_PREFIX + event.eventType(), event.eventId());
          for (int k = to + 1; k < size(); k++) {
            forget(k);
          }
          current = to;
          open(to, event, false);
          return true;
        }
      }
      return false;
    }

    void count(UserEvent event) {
      for (int k = current + 1; k < size(); k++) {
        if (met[k] || !event.matchesEnter()[k] || !countsAfterAnchor(k, event)) {
          continue;
        }
        met[k] = countsDays[k] ? countDay(k, event.businessDay()) : countEvent(k, event.time());
      }
    }

    boolean countsAfterAnchor(int k, UserEvent event) {
      int a = anchor[k];
      return a < 0 || (current >= a && !event.time().isBefore(enteredAt[a].plus(delay[k])));
    }

    boolean countEvent(int k, Instant time) {
      if (within[k] == null) {
        return ++counts[k] >= minCount[k];
      }
      Deque<Instant> window = eventWindows.get(k);
      window.addLast(time);
      Instant start = time.minus(within[k]);
      while (!window.peekFirst().isAfter(start)) {
        window.removeFirst();
      }
      return window.size() >= minCount[k];
    }

    boolean countDay(int k, LocalDate day) {
      Deque<LocalDate> days = dayWindows.get(k);
      if (!day.equals(days.peekLast())) {
        days.addLast(day);
      }
      if (within[k] != null) {
        LocalDate first = day.minusDays(Math.max(1, within[k].toDays()) - 1);
        while (days.peekFirst().isBefore(first)) {
          days.removeFirst();
        }
      }
      return days.size() >= minCount[k];
    }

    void advance(UserEvent event) {
      int target = current;
      for (int k = current + 1; k < size(); k++) {
        if (met[k]) {
          target = k;
        } else if (!skippable[k]) {
          break;
        }
      }
      for (int k = current + 1; k <= target; k++) {
        close(event.time(), StageVisit.ADVANCED, null);
        open(k, event, !met[k]);
        current = k;
      }
    }

    void open(int stage, UserEvent event, boolean skipped) {
      attempts[stage]++;
      enteredAt[stage] = event.time();
      visits.add(new StageVisit(names[stage], stage, attempts[stage], event.time(), null,
          event.eventId(), null, null, skipped));
      openVisit = visits.size() - 1;
    }

    void close(Instant at, String reason, String eventId) {
      if (openVisit >= 0) {
        visits.set(openVisit, visits.get(openVisit).closed(at, reason, eventId));
        openVisit = -1;
      }
    }

    void forget(int k) {
      met[k] = false;
      counts[k] = 0;
      enteredAt[k] = null;
      eventWindows.get(k).clear();
      dayWindows.get(k).clear();
    }
  }
}
