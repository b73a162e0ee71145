package io.funnelcast.forecast;

/**
 * Poisson regression with a log link, prior weights and an offset, fitted by iteratively reweighted least squares;
 * the coefficients' covariance is the robust (sandwich) one, right for weighted fits, and the Pearson dispersion
 * says how much more (or less) than Poisson's the counts varied.
 */
final class PoissonRegression {
  private PoissonRegression() {}

  /** A weighted Poisson regression's coefficients, their covariance for Poisson counts, and the Pearson dispersion. */
  record Fit(double[] coefficients, double[][] covariance, double dispersion) {}

  /** Weights of {@code window} days, the last weighing 1 and a day {@code halfLife} older half as much. */
  static double[] halfLifeWeights(int window, double halfLife) {
    double[] w = new double[window];
    for (int i = 0; i < window; i++) {
      w[i] = Math.pow(0.5, (window - 1 - i) / halfLife);
    }
    return w;
  }

  /** Weighted Poisson regression of y on x (log link, with an offset) by iteratively reweighted least squares. */
  static Fit fit(double[][] x, double[] y, double[] w, double[] offset) {
    int n = y.length;
    int p = x[0].length;
    double weights = 0;
    double weightedTotal = 0;
    for (int i = 0; i < n; i++) {
      weights += w[i];
      weightedTotal += w[i] * y[i] / Math.exp(offset[i]);
    }
    double[] beta = new double[p];
    beta[0] = Math.log(Math.max(weightedTotal, 1e-9) / weights);
    double[][] information = new double[p][p];
    for (int iteration = 0; iteration < 100; iteration++) {
      information = new double[p][p];
      double[] score = new double[p];
      for (int i = 0; i < n; i++) {
        double eta = dot(x[i], beta);
        double mu = Math.exp(Math.max(-30, Math.min(30, eta + offset[i])));
        double z = eta + (y[i] - mu) / mu;
        for (int a = 0; a < p; a++) {
          score[a] += w[i] * x[i][a] * mu * z;
          for (int b = 0; b < p; b++) {
            information[a][b] += w[i] * x[i][a] * mu * x[i][b];
          }
        }
      }
      for (int a = 1; a < p; a++) {
        information[a][a] += 1e-8;
      }
      double[] next = Matrices.solve(information, score);
      double change = 0;
      for (int a = 0; a < p; a++) {
        next[a] = Math.max(-30, Math.min(30, next[a]));
        change = Math.max(change, Math.abs(next[a] - beta[a]));
      }
      beta = next;
      if (change < 1e-10) {
        break;
      }
    }
    double pearson = 0;
    double[][] meat = new double[p][p];
    for (int i = 0; i < n; i++) {
      double mu = Math.exp(dot(x[i], beta) + offset[i]);
      pearson += w[i] * (y[i] - mu) * (y[i] - mu) / mu;
      for (int a = 0; a < p; a++) {
        for (int b = 0; b < p; b++) {
          meat[a][b] += w[i] * w[i] * mu * x[i][a] * x[i][b];
        }
      }
    }
    // Weighted mean squared Pearson residual, corrected for the parameters fitted.
    double dispersion = n > p ? Math.max(InflowModel.MIN_DISPERSION, pearson / weights * n / (n - p)) : 1;
    double[][] bread = Matrices.inverse(information);
    return new Fit(beta, Matrices.multiply(Matrices.multiply(bread, meat), bread), dispersion);
  }

  static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
