package io.funnelcast.config;

import java.time.Duration;
import java.util.List;

/** Activity status rules: new, active, dormant, resurrected, churned. */
public record ActivityConfig(Duration newFor, Duration dormantAfter, Duration churnedAfter,
    List<String> churnEvents) {
  public ActivityConfig {
    churnEvents = List.copyOf(churnEvents);
    if (dormantAfter.compareTo(churnedAfter) > 0) {
      throw new IllegalArgumentException("dormant-after must not be longer than churned-after");
    }
  }
}
