package io.funnelcast.forecast;

/** The little linear algebra the inflow regression needs, on small symmetric positive-definite matrices. */
final class Matrices {
  private Matrices() {}

  /** Lower-triangular L with L·Lᵀ = a; a tiny diagonal floor keeps a nearly singular matrix factorisable. */
  static double[][] cholesky(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = a[i][j];
        for (int k = 0; k < j; k++) {
          sum -= l[i][k] * l[j][k];
        }
        if (i == j) {
          l[i][i] = Math.sqrt(Math.max(sum, 1e-300));
        } else {
          l[i][j] = sum / l[j][j];
        }
      }
    }
    return l;
  }

  /** x with a·x = b. */
  static double[] solve(double[][] a, double[] b) {
    double[][] l = cholesky(a);
    int n = b.length;
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = b[i];
      for (int k = 0; k < i; k++) {
        sum -= l[i][k] * y[k];
      }
      y[i] = sum / l[i][i];
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double sum = y[i];
      for (int k = i + 1; k < n; k++) {
        sum -= l[k][i] * x[k];
      }
      x[i] = sum / l[i][i];
    }
    return x;
  }

  static double[][] multiply(double[][] a, double[][] b) {
    int n = a.length;
    int m = b[0].length;
    double[][] product = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < b.length; k++) {
        for (int j = 0; j < m; j++) {
          product[i][j] += a[i][k] * b[k][j];
        }
      }
    }
    return product;
  }

  static double[][] inverse(double[][] a) {
    int n = a.length;
    double[][] inverse = new double[n][n];
    for (int j = 0; j < n; j++) {
      double[] unit = new double[n];
      unit[j] = 1;
      double[] column = solve(a, unit);
      for (int i = 0; i < n; i++) {
        inverse[i][j] = column[i];
      }
    }
    return inverse;
  }
}
