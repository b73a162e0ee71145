package io.funnelcast.forecast;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** A series' entries into A and conversions per business day, from its first day with either. */
record DailyCounts(LocalDate firstDay, long[] entered, long[] converted) {
  static final DailyCounts EMPTY = new DailyCounts(LocalDate.MAX, new long[0], new long[0]);

  long entered(LocalDate day) {
    int i = index(day);
    return i < 0 || i >= entered.length ? 0 : entered[i];
  }

  long converted(LocalDate day) {
    int i = index(day);
    return i < 0 || i >= converted.length ? 0 : converted[i];
  }

  /** Conversions from {@code from} to {@code to}, both included. */
  long converted(LocalDate from, LocalDate to) {
    long sum = 0;
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      sum += converted(day);
    }
    return sum;
  }

  /** The first day with an entry, or null when there is none. */
  LocalDate firstEntry() {
    for (int i = 0; i < entered.length; i++) {
      if (entered[i] > 0) {
        return firstDay.plusDays(i);
      }
    }
    return null;
  }

  private int index(LocalDate day) {
    return entered.length == 0 ? -1 : (int) ChronoUnit.DAYS.between(firstDay, day);
  }
}

