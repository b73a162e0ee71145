package io.funnelcast.generate;

import java.time.LocalDate;

/**
 * How many new users arrive on each day: weekly seasonality times a linear trend, scaled so the history days
 * get {@code users}; the days after the history continue at the same rate (future entrants).
 */
final class Arrivals {
  private final LocalDate firstDay;
  private final long[] cumulative;

  Arrivals(GenerateOptions options) {
    this.firstDay = options.firstDay();
    int totalDays = options.days() + options.horizonWeeks() * 7;
    double[] weights = new double[totalDays];
    double historyWeight = 0;
    for (int d = 0; d < totalDays; d++) {
      LocalDate day = firstDay.plusDays(d);
      weights[d] = options.behaviour().weeklySeasonality().get(day.getDayOfWeek().getValue() - 1)
          * (1 + options.behaviour().trendPerYear() * d / 365.0);
      if (d < options.days()) {
        historyWeight += weights[d];
      }
    }
    // Rounded running totals: the history days add up to exactly `users`; later days keep the same rate.
    cumulative = new long[totalDays];
    double running = 0;
    for (int d = 0; d < totalDays; d++) {
      running += weights[d];
      cumulative[d] = Math.round(running / historyWeight * options.users());
    }
  }

  long total() {
    return cumulative[cumulative.length - 1];
  }

  LocalDate dayOf(long index) {
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int mid = (low + high) / 2;
      if (cumulative[mid] > index) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return firstDay.plusDays(low);
  }
}
