package io.funnelcast.generate;

/** The standard normal distribution: Φ (from erfc, fractional error below 1.2e-7) and Φ⁻¹. */
final class Normal {
  private Normal() {}

  static double cdf(double z) {
    return 0.5 * erfc(-z / Math.sqrt(2));
  }

  /** Φ⁻¹: a rational starting value (Abramowitz–Stegun 26.2.23) refined by Newton steps on Φ. */
  static double quantile(double p) {
    if (p <= 0 || p >= 1) {
      throw new IllegalArgumentException("p must be in (0, 1): " + p);
    }
    double q = p < 0.5 ? p : 1 - p;
    double t = Math.sqrt(-2 * Math.log(q));
    double z = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
    z = p < 0.5 ? -z : z;
    for (int i = 0; i < 6; i++) {
      double density = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
      z -= (cdf(z) - p) / density;
    }
    return z;
  }

  /** Complementary error function (Numerical Recipes' erfcc with Chebyshev fit, fractional error < 1.2e-7). */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }
}
