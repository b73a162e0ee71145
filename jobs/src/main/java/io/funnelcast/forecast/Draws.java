package io.funnelcast.forecast;

import java.util.SplittableRandom;

/**
 * The random draws a simulation needs, from one seeded stream, so the same seed gives the same forecast.
 * Poisson counts use inversion for small means and Hörmann's PTRS (transformed rejection) for large ones, both
 * exact; binomial counts use waiting times when few successes are expected and the normal approximation when
 * many are (n·p ≥ 30, where its error is far below the simulation's own).
 */
final class Draws {
  private static final double LARGE = 30;
  private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
      771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
      1.5056327351493116e-7};

  private final SplittableRandom random;
  private double spareNormal = Double.NaN;

  Draws(long seed) {
    this.random = new SplittableRandom(seed);
  }

  double uniform() {
    return random.nextDouble();
  }

  /** Standard normal (Marsaglia's polar method). */
  double normal() {
    if (!Double.isNaN(spareNormal)) {
      double value = spareNormal;
      spareNormal = Double.NaN;
      return value;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * random.nextDouble() - 1;
      v = 2 * random.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double factor = Math.sqrt(-2 * Math.log(s) / s);
    spareNormal = v * factor;
    return u * factor;
  }

  long poisson(double mean) {
    if (!(mean > 0)) {
      return 0;
    }
    if (mean < LARGE) {
      double limit = Math.exp(-mean);
      double product = random.nextDouble();
      long count = 0;
      while (product > limit) {
        product *= random.nextDouble();
        count++;
      }
      return count;
    }
    double root = Math.sqrt(mean);
    double logMean = Math.log(mean);
    double b = 0.931 + 2.53 * root;
    double a = -0.059 + 0.02483 * b;
    double inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2);
    while (true) {
      double u = random.nextDouble() - 0.5;
      double v = random.nextDouble();
      double us = 0.5 - Math.abs(u);
      long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) {
        return k;
      }
      if (k < 0 || (us < 0.013 && v > us)) {
        continue;
      }
      if (Math.log(v) + Math.log(inverseAlpha) - Math.log(a / (us * us) + b)
          <= -mean + k * logMean - logGamma(k + 1)) {
        return k;
      }
    }
  }

  long binomial(long n, double p) {
    if (n <= 0 || !(p > 0)) {
      return 0;
    }
    if (p >= 1) {
      return n;
    }
    if (p > 0.5) {
      return n - binomial(n, 1 - p);
    }
    double mean = n * p;
    if (mean < LARGE) {
      // Sum of geometric waiting times between successes until they pass n trials.
      double logQ = Math.log1p(-p);
      long successes = 0;
      long trials = 0;
      while (true) {
        trials += (long) Math.ceil(Math.log(1 - random.nextDouble()) / logQ);
        if (trials > n) {
          return successes;
        }
        successes++;
      }
    }
    long draw = Math.round(mean + Math.sqrt(mean * (1 - p)) * normal());
    return Math.max(0, Math.min(n, draw));
  }

  /** Gamma with the given shape and scale 1 (Marsaglia and Tsang). */
  double gamma(double shape) {
    if (shape < 1) {
      return gamma(shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = normal();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  /**
   * Splits {@code n} trials over categories with the given probabilities (summing to at most 1; the rest is "none
   * of them") and adds category i's count to {@code into[i]}.
   */
  void multinomialInto(long n, double[] probabilities, long[] into) {
    long left = n;
    double mass = 1;
    for (int i = 0; i < probabilities.length && left > 0; i++) {
      double p = probabilities[i];
      if (p <= 0) {
        continue;
      }
      long x = binomial(left, mass <= p ? 1 : p / mass);
      into[i] += x;
      left -= x;
      mass -= p;
    }
  }

  /** ln Γ(x) for x > 0 (Lanczos, g = 7), accurate to about 1e-15 relative. */
  static double logGamma(double x) {
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    double z = x - 1;
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (z + i);
    }
    double t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }
}
