package io.funnelcast.generate;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * What to generate.
 *
 * @param out folder that gets raw/date=YYYY-MM-DD/ and truth/
 * @param users new users over the days (more arrive after them, for the future-conversion truth only)
 * @param badFraction per event, the chance of an extra malformed line in the same file
 * @param duplicateFraction per event, the chance it is written twice (same file or the next day's)
 * @param lateFraction per event, the chance it arrives in a later day's file (1–3 days late)
 * @param horizonWeeks weeks after the last day covered by the future-conversion truth
 */
public record GenerateOptions(Path out, long users, LocalDate firstDay, int days, long seed, double badFraction,
    double duplicateFraction, double lateFraction, int horizonWeeks, PlantedBehaviour behaviour) {
  public GenerateOptions {
    if (users < 1 || days < 1 || horizonWeeks < 0) {
      throw new IllegalArgumentException("users and days must be at least 1, horizon weeks at least 0");
    }
    for (double fraction : new double[] {badFraction, duplicateFraction, lateFraction}) {
      if (fraction < 0 || fraction >= 1) {
        throw new IllegalArgumentException("bad, duplicate and late fractions must be in [0, 1)");
      }
    }
  }

  public LocalDate lastDay() {
    return firstDay.plusDays(days - 1L);
  }
}
