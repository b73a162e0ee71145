package io.funnelcast.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The samplers against their distributions' moments (50,000 draws: a 1% tolerance is about 4 standard errors). */
class DrawsTest {
  static final int N = 50_000;

  static double[] moments(double[] values) {
    double mean = Arrays.stream(values).average().orElseThrow();
    double variance = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1);
    return new double[] {mean, variance};
  }

  @Test
  void poissonHasItsMeanAsVarianceForSmallAndLargeMeans() {
    Draws draws = new Draws(1);
    for (double mean : new double[] {0.3, 4, 29.9, 30, 250, 12_000}) {
      double[] values = new double[N];
      for (int i = 0; i < N; i++) {
        values[i] = draws.poisson(mean);
      }
      double[] m = moments(values);
      assertThat(m[0]).as("mean of Poisson(" + mean + ")").isCloseTo(mean, within(4 * Math.sqrt(mean / N) + 1e-9));
      assertThat(m[1]).as("variance of Poisson(" + mean + ")").isCloseTo(mean, within(0.05 * mean));
    }
    assertThat(draws.poisson(0)).isZero();
    assertThat(draws.poisson(Double.NaN)).isZero();
  }

  @Test
  void binomialHasMeanNpAndVarianceNpq() {
    Draws draws = new Draws(2);
    for (long n : new long[] {1, 20, 1_000, 200_000}) {
      for (double p : new double[] {0.01, 0.3, 0.9}) {
        double[] values = new double[N];
        for (int i = 0; i < N; i++) {
          values[i] = draws.binomial(n, p);
          assertThat(values[i]).isBetween(0.0, (double) n);
        }
        double[] m = moments(values);
        double variance = n * p * (1 - p);
        assertThat(m[0]).as("mean B(" + n + ", " + p + ")").isCloseTo(n * p, within(4 * Math.sqrt(variance / N)));
        // The sample variance's relative error is about sqrt(2/N), and more when successes are rare.
        double tolerance = n * p < 5 ? 0.15 : 0.05;
        assertThat(m[1]).as("variance B(" + n + ", " + p + ")").isCloseTo(variance, within(tolerance * variance));
      }
    }
    assertThat(draws.binomial(0, 0.5)).isZero();
    assertThat(draws.binomial(10, 1)).isEqualTo(10);
    assertThat(draws.binomial(10, 0)).isZero();
  }

  @Test
  void gammaHasMeanAndVarianceOfItsShape() {
    Draws draws = new Draws(3);
    for (double shape : new double[] {0.2, 1, 7.5, 400}) {
      double[] values = new double[N];
      for (int i = 0; i < N; i++) {
        values[i] = draws.gamma(shape);
      }
      double[] m = moments(values);
      assertThat(m[0]).isCloseTo(shape, within(4 * Math.sqrt(shape / N)));
      assertThat(m[1]).isCloseTo(shape, within(0.06 * shape));
    }
  }

  @Test
  void multinomialKeepsEveryTrialOnceAndSplitsByTheProbabilities() {
    Draws draws = new Draws(4);
    long[] into = new long[3];
    long none = 0;
    for (int i = 0; i < 2_000; i++) {
      long[] one = new long[3];
      draws.multinomialInto(100, new double[] {0.2, 0, 0.5}, one);
      assertThat(one[1]).isZero();
      assertThat(one[0] + one[2]).isLessThanOrEqualTo(100);
      none += 100 - one[0] - one[2];
      for (int k = 0; k < 3; k++) {
        into[k] += one[k];
      }
    }
    assertThat(into[0] / 200_000.0).isCloseTo(0.2, within(0.005));
    assertThat(into[2] / 200_000.0).isCloseTo(0.5, within(0.005));
    assertThat(none / 200_000.0).isCloseTo(0.3, within(0.005));
  }

  @Test
  void theSameSeedGivesTheSameDraws() {
    Draws a = new Draws(42);
    Draws b = new Draws(42);
    for (int i = 0; i < 100; i++) {
      assertThat(a.poisson(50)).isEqualTo(b.poisson(50));
      assertThat(a.normal()).isEqualTo(b.normal());
    }
    assertThat(new Draws(43).poisson(1e6)).isNotEqualTo(new Draws(42).poisson(1e6));
  }

  @Test
  void logGammaMatchesFactorials() {
    assertThat(Draws.logGamma(1)).isCloseTo(0, within(1e-12));
    assertThat(Draws.logGamma(11)).isCloseTo(Math.log(3_628_800), within(1e-10));
    assertThat(Draws.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-12));
    assertThat(Draws.logGamma(171)).isCloseTo(706.5730622457874, within(1e-9));
  }

  @Test
  void quantilesInterpolateBetweenClosestRanks() {
    double[] sorted = {1, 2, 3, 4};
    assertThat(Quantiles.type7(sorted, 0.5)).isEqualTo(2.5);
    assertThat(Quantiles.type7(sorted, 0.1)).isCloseTo(1.3, within(1e-12));
    assertThat(Quantiles.type7(sorted, 1)).isEqualTo(4);
    assertThat(Quantiles.type7(new double[] {7}, 0.9)).isEqualTo(7);
  }
}
