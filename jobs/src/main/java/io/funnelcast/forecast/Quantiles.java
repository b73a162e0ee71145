package io.funnelcast.forecast;

/** Quantiles of sorted values by linear interpolation between closest ranks (R type 7, NumPy's default). */
final class Quantiles {
  private Quantiles() {}

  static double type7(double[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    double h = (sorted.length - 1) * q;
    int low = (int) Math.floor(h);
    int high = Math.min(low + 1, sorted.length - 1);
    return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
  }
}
