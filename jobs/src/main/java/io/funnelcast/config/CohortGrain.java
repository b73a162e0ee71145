package io.funnelcast.config;

import java.util.Locale;

/** Length of a cohort period, in the business time zone. */
public enum CohortGrain {
  DAY, WEEK, MONTH;

  /** The lower-case name used in config and in the cohort_grain column. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
