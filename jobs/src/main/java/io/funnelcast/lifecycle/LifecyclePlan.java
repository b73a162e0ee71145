package io.funnelcast.lifecycle;

import io.funnelcast.run.RunHistory.Attempt;
import java.time.LocalDate;
import java.util.List;

/**
 * How a lifecycle run goes on: the nightly path from the state version the stored daily changes sum, or a full
 * refresh and why. {@link #whyNotContinued} is the rule on the recorded attempts; the job adds the checks on
 * the stored tables.
 */
record LifecyclePlan(long summedStateVersion, String fullRefreshReason) {

  static LifecyclePlan nightlyFrom(long summedStateVersion) {
    return new LifecyclePlan(summedStateVersion, null);
  }

  static LifecyclePlan fullRefresh(String why) {
    return new LifecyclePlan(-1, why);
  }

  boolean nightly() {
    return fullRefreshReason == null;
  }

  /**
   * Why the stored state is not as of the day before (or this day, on a rerun) under the same lifecycle
   * configuration and version; null when recomputing the changed users brings it to {@code runDate}. Both the
   * latest successful run and the latest attempt must qualify: a failed attempt may have merged part of its
   * users before failing.
   *
   * @param attempts the lifecycle's recorded attempts, the latest first
   */
  static String whyNotContinued(List<Attempt> attempts, LocalDate runDate, String configHash, String version) {
    Attempt lastSuccess = attempts.stream().filter(Attempt::succeeded).findFirst().orElse(null);
    if (lastSuccess == null) {
      return "no earlier successful run";
    }
    String latestAttempt = whyNotContinued(attempts.get(0), runDate, configHash, version, "latest attempt");
    return latestAttempt != null ? latestAttempt
        : whyNotContinued(lastSuccess, runDate, configHash, version, "latest successful run");
  }

  private static String whyNotContinued(Attempt run, LocalDate runDate, String configHash, String version,
      String which) {
    LocalDate previous = run.runDate();
    if (!configHash.equals(run.configHash())) {
      return "the lifecycle configuration (source mapping, stages, activity, segments or time zone) changed since"
          + " the " + which + " (" + previous + ")";
    }
    if (!version.equals(run.version())) {
      return "the " + which + " (" + previous + ") was version " + run.version();
    }
    if (!previous.equals(runDate) && !previous.equals(runDate.minusDays(1))) {
      return "the " + which + " was for " + previous + ", not the day before";
    }
    return null;
  }
}
