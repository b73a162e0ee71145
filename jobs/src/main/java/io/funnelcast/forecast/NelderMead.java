package io.funnelcast.forecast;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.ToDoubleFunction;

/** The Nelder–Mead simplex minimiser (standard coefficients), for the few smooth parameters of a tail fit. */
final class NelderMead {
  private NelderMead() {}

  /**
   * @param step initial simplex edge along each axis
   * @param tolerance stop when the simplex's values differ by less than this (relative to their size)
   */
  static double[] minimise(ToDoubleFunction<double[]> f, double[] start, double step, double tolerance,
      int maxIterations) {
    int n = start.length;
    double[][] simplex = new double[n + 1][];
    double[] values = new double[n + 1];
    simplex[0] = start.clone();
    for (int i = 0; i < n; i++) {
      simplex[i + 1] = start.clone();
      simplex[i + 1][i] += step;
    }
    for (int i = 0; i <= n; i++) {
      values[i] = f.applyAsDouble(simplex[i]);
    }
    Integer[] order = new Integer[n + 1];
    for (int iteration = 0; iteration < maxIterations; iteration++) {
      for (int i = 0; i <= n; i++) {
        order[i] = i;
      }
      double[] v = values;
      Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
      double[][] sorted = new double[n + 1][];
      double[] sortedValues = new double[n + 1];
      for (int i = 0; i <= n; i++) {
        sorted[i] = simplex[order[i]];
        sortedValues[i] = values[order[i]];
      }
      simplex = sorted;
      values = sortedValues;
      if (Math.abs(values[n] - values[0]) <= tolerance * (Math.abs(values[0]) + 1e-12)) {
        break;
      }
      double[] centroid = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          centroid[j] += simplex[i][j] / n;
        }
      }
      double[] reflected = along(centroid, simplex[n], -1);
      double fr = f.applyAsDouble(reflected);
      if (fr < values[0]) {
        double[] expanded = along(centroid, simplex[n], -2);
        double fe = f.applyAsDouble(expanded);
        simplex[n] = fe < fr ? expanded : reflected;
        values[n] = Math.min(fe, fr);
      } else if (fr < values[n - 1]) {
        simplex[n] = reflected;
        values[n] = fr;
      } else {
        boolean outside = fr < values[n];
        double[] contracted = along(centroid, outside ? reflected : simplex[n], 0.5);
        double fc = f.applyAsDouble(contracted);
        if (fc < (outside ? fr : values[n])) {
          simplex[n] = contracted;
          values[n] = fc;
        } else {
          for (int i = 1; i <= n; i++) {
            simplex[i] = along(simplex[0], simplex[i], 0.5);
            values[i] = f.applyAsDouble(simplex[i]);
          }
        }
      }
    }
    int best = 0;
    for (int i = 1; i <= n; i++) {
      if (values[i] < values[best]) {
        best = i;
      }
    }
    return simplex[best];
  }

  /** centroid + t · (point − centroid). */
  private static double[] along(double[] centroid, double[] point, double t) {
    double[] result = new double[centroid.length];
    for (int j = 0; j < centroid.length; j++) {
      result[j] = centroid[j] + t * (point[j] - centroid[j]);
    }
    return result;
  }
}
