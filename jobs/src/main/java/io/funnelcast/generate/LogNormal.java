package io.funnelcast.generate;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * A log-normal time: ln T ~ Normal(ln median, sigma²). The median is the planted "typical" time; sampling and
 * the closed-form distribution function are both here so planted truth and generated data agree.
 */
public record LogNormal(double medianDays, double sigma) {
  static final double SECONDS_PER_DAY = 86_400D;

  public LogNormal {
    if (medianDays <= 0 || sigma <= 0) {
      throw new IllegalArgumentException("median and sigma must be positive");
    }
  }

  /** A sample, in whole milliseconds so that written event times are exact. */
  public Duration sample(SplittableRandom random) {
    double days = medianDays * Math.exp(sigma * gaussian(random));
    return Duration.ofMillis(Math.max(1, Math.round(days * SECONDS_PER_DAY * 1000)));
  }

  /** P(T ≤ days). */
  public double cdf(double days) {
    return days <= 0 ? 0 : Normal.cdf((Math.log(days) - Math.log(medianDays)) / sigma);
  }

  /** The p-quantile, in days. */
  public double quantile(double p) {
    return medianDays * Math.exp(sigma * Normal.quantile(p));
  }

  /** Box–Muller from the given generator, so a seed fixes every sample. */
  static double gaussian(SplittableRandom random) {
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
