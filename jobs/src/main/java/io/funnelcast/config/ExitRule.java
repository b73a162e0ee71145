package io.funnelcast.config;

import java.util.List;
import java.util.Optional;

/** An event that moves a user in this stage back to an earlier stage (downgrade, cancellation). */
public record ExitRule(List<String> eventTypes, Optional<String> where, String toStage) {
  public ExitRule {
    eventTypes = List.copyOf(eventTypes);
    if (eventTypes.isEmpty()) {
      throw new IllegalArgumentException("exit events must name at least one event type");
    }
  }
}
