package io.funnelcast.forecast;

import java.util.Arrays;

/**
 * Attempts at A of one pair and segment as known at a forecast origin, by observed age in whole days since
 * entering A: converted in that day of age; ended in it without converting because the user started a next attempt
 * at A (a competing event: this attempt can no longer convert); censored in it (still in flight at the origin).
 * Index {@code bins()} of {@code censored} holds the attempts that reached the window's end without converting.
 * Counts are doubles so a segment's counts can carry the weighted 'all' counts it is shrunk towards.
 */
record CurveCounts(double windowDays, double[] converted, double[] ended, double[] censored) {
  CurveCounts {
    int length = bins(windowDays) + 1;
    if (converted.length != length || ended.length != length || censored.length != length) {
      throw new IllegalArgumentException("a " + windowDays + "-day window has " + length + " age bins");
    }
  }

  static CurveCounts empty(double windowDays) {
    int length = bins(windowDays) + 1;
    return new CurveCounts(windowDays, new double[length], new double[length], new double[length]);
  }

  /** Whole or partial days of age the window spans. */
  static int bins(double windowDays) {
    return Math.max(1, (int) Math.ceil(windowDays - 1e-9));
  }

  int bins() {
    return bins(windowDays);
  }

  /** The age bin of an attempt observed for {@code ageDays} whole days; reaching the window is the last index. */
  int bin(long ageDays, boolean reachedWindow) {
    return reachedWindow ? bins() : (int) Math.min(Math.max(ageDays, 0), bins() - 1);
  }

  double conversions() {
    return Arrays.stream(converted).sum();
  }

  double entrants() {
    return conversions() + Arrays.stream(ended).sum() + Arrays.stream(censored).sum();
  }

  /** These counts plus {@code weight} times the other's, bin by bin. */
  CurveCounts plus(CurveCounts other, double weight) {
    double[] d = converted.clone();
    double[] m = ended.clone();
    double[] c = censored.clone();
    for (int k = 0; k < d.length; k++) {
      d[k] += weight * other.converted[k];
      m[k] += weight * other.ended[k];
      c[k] += weight * other.censored[k];
    }
    return new CurveCounts(windowDays, d, m, c);
  }

  /** The counts with attempts ended by a next attempt taken as censored there: the view of conversion alone. */
  CurveCounts conversionOnly() {
    double[] c = censored.clone();
    for (int k = 0; k < c.length; k++) {
      c[k] += ended[k];
    }
    return new CurveCounts(windowDays, converted.clone(), new double[ended.length], c);
  }

  /** A Poisson bootstrap replicate: each count drawn from a Poisson with that mean (resampling the attempts). */
  CurveCounts resampled(Draws draws) {
    return new CurveCounts(windowDays, resample(converted, draws), resample(ended, draws), resample(censored, draws));
  }

  private static double[] resample(double[] counts, Draws draws) {
    double[] drawn = new double[counts.length];
    for (int k = 0; k < counts.length; k++) {
      drawn[k] = draws.poisson(counts[k]);
    }
    return drawn;
  }
}
