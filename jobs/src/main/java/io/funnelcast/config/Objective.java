package io.funnelcast.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a user must do to reach a stage: events of the given types (["*"] for any) matching an optional
 * Spark SQL predicate, at least {@code minCount} times (or on {@code minCount} distinct active days), all
 * within a sliding {@code within} window if one is given. With {@code afterStage}, only events at least
 * {@code delay} after the user entered that stage count, which expresses retention-type stages such as
 * "still active 30 days after converting".
 */
public record Objective(
    List<String> eventTypes,
    Optional<String> where,
    int minCount,
    Optional<Duration> within,
    CountMode countMode,
    Optional<String> afterStage,
    Duration delay) {

  public static final String ANY_EVENT = "*";

  /** What min-count counts. */
  public enum CountMode { EVENTS, ACTIVE_DAYS }

  public Objective {
    eventTypes = List.copyOf(eventTypes);
    if (eventTypes.isEmpty()) {
      throw new IllegalArgumentException("events must name at least one event type (or \"*\")");
    }
    if (minCount < 1) {
      throw new IllegalArgumentException("min-count must be at least 1");
    }
  }

  public boolean matchesAnyEventType() {
    return eventTypes.contains(ANY_EVENT);
  }
}
