package io.funnelcast.lifecycle;

import io.funnelcast.config.Objective;
import io.funnelcast.config.StageDefinition;
import io.funnelcast.config.StageModel;
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
public final class StageMachine {
  private static final Comparator<UserEvent> ORDER =
      Comparator.comparing(UserEvent::time).thenComparing(UserEvent::eventId);

  private final StageModel model;

  public StageMachine(StageModel model) {
    this.model = model;
  }

  public List<StageVisit> visits(List<UserEvent> events) {
    return new Run(events).visits;
  }

  /** The state of one user's walk up the ladder. */
  private final class Run {
    final List<StageVisit> visits = new ArrayList<>();
    final int[] attempts = new int[model.size()];
    final boolean[] met = new boolean[model.size()];
    final Instant[] enteredAt = new Instant[model.size()];
    final List<Deque<Instant>> eventWindows = new ArrayList<>();
    final List<Deque<LocalDate>> dayWindows = new ArrayList<>();
    final long[] counts = new long[model.size()];
    int current = -1;
    int openVisit = -1;

    Run(List<UserEvent> events) {
      for (int i = 0; i < model.size(); i++) {
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
        StageDefinition stage = model.stage(s);
        if (stage.exit().isPresent() && event.matchesExit()[s]) {
          int to = model.indexOf(stage.exit().get().toStage());
          close(event.time(), StageVisit.EXIT_PREFIX + event.eventType(), event.eventId());
          for (int k = to + 1; k < model.size(); k++) {
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
      for (int k = current + 1; k < model.size(); k++) {
        Objective objective = model.stage(k).enter();
        if (met[k] || !event.matchesEnter()[k] || !countsAfterAnchor(objective, event)) {
          continue;
        }
        met[k] = objective.countMode() == Objective.CountMode.ACTIVE_DAYS
            ? countDay(k, objective, event.businessDay())
            : countEvent(k, objective, event.time());
      }
    }

    boolean countsAfterAnchor(Objective objective, UserEvent event) {
      if (objective.afterStage().isEmpty()) {
        return true;
      }
      int anchor = model.indexOf(objective.afterStage().get());
      return current >= anchor && !event.time().isBefore(enteredAt[anchor].plus(objective.delay()));
    }

    boolean countEvent(int k, Objective objective, Instant time) {
      if (objective.within().isEmpty()) {
        return ++counts[k] >= objective.minCount();
      }
      Deque<Instant> window = eventWindows.get(k);
      window.addLast(time);
      Instant start = time.minus(objective.within().get());
      while (!window.peekFirst().isAfter(start)) {
        window.removeFirst();
      }
      return window.size() >= objective.minCount();
    }

    boolean countDay(int k, Objective objective, LocalDate day) {
      Deque<LocalDate> days = dayWindows.get(k);
      if (!day.equals(days.peekLast())) {
        days.addLast(day);
      }
      if (objective.within().isPresent()) {
        long windowDays = Math.max(1, objective.within().get().toDays());
        LocalDate first = day.minusDays(windowDays - 1);
        while (days.peekFirst().isBefore(first)) {
          days.removeFirst();
        }
      }
      return days.size() >= objective.minCount();
    }

    void advance(UserEvent event) {
      int target = current;
      for (int k = current + 1; k < model.size(); k++) {
        if (met[k]) {
          target = k;
        } else if (!model.stage(k).skippable()) {
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
      visits.add(new StageVisit(model.stage(stage).name(), stage, attempts[stage], event.time(), null,
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
