package io.funnelcast.lifecycle;

import io.funnelcast.config.ActivityConfig;
import java.io.Serializable;

/** The activity thresholds in whole business days, as shipped to Spark executors. */
public record ActivityRules(long newForDays, long dormantAfterDays, long churnedAfterDays) implements Serializable {
  public static ActivityRules of(ActivityConfig config) {
    return new ActivityRules(config.newFor().toDays(), config.dormantAfter().toDays(), config.churnedAfter().toDays());
  }
}
