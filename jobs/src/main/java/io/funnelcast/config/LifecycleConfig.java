package io.funnelcast.config;

import java.util.List;

/** funnelcast.lifecycle: the stage ladder, activity rules and segment dimensions. */
public record LifecycleConfig(StageModel model, ActivityConfig activity, List<Segment> segments) {
  public LifecycleConfig {
    segments = List.copyOf(segments);
  }
}
