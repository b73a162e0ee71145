package io.funnelcast.lifecycle;

import java.util.Locale;

/** A user's activity status on a day, independent of the stage. */
public enum ActivityStatus {
  NEW, ACTIVE, DORMANT, RESURRECTED, CHURNED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
