package io.funnelcast.forecast;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * Entries into A per business day ahead, as Holt–Winters would see them but fitted as Poisson regressions (log
 * link, iteratively reweighted least squares) on the daily entries known at the origin:
 * <ul>
 *   <li>the shape, a weekday pattern and a trend, over the last {@code historyDays} complete days, older days weighing
 *       less (a day half the history old counts half): a slope needs a long view to be more than noise. When the
 *       slope of the recent half alone differs from it by more than twice its standard error (a start-up ramp
 *       flattening out, a change of regime), the recent half's shape is used;</li>
 *   <li>the level, given that shape, over the recent days (a day {@code halfLifeDays} old counts half), so it follows
 *       the latest weeks and a start-up ramp or an old regime fades out of it.</li>
 * </ul>
 * The trend has a weak prior (normal, mean 0, {@value #TREND_PRIOR} a year), so a series of a few entries a day does
 * not extrapolate its noise, and it is damped ahead (by {@value #TREND_DAMPING_PER_WEEK} a week), as damped-trend
 * exponential smoothing does, so a slope is not carried on at full strength for a quarter. With less history the model falls back: under
 * {@value #TREND_MIN_DAYS} days no trend, under {@value #WEEKDAY_MIN_DAYS} days only the level, over at most
 * {@value #TRAILING_DAYS} days ({@link Basis}).
 *
 * <p>Its uncertainty: the coefficients' covariance (the robust sandwich form for weighted fits, scaled by the
 * Pearson dispersion), from which each simulation draws its own coefficients; the level's drift, a weekly random
 * walk whose size the history shows ({@link #levelDrift}); and the dispersion: each simulated day's entries are
 * Poisson, gamma–Poisson (negative binomial) when the counts varied more than Poisson's, or binomial when they
 * varied less (down to {@value #MIN_DISPERSION} of it). Fit, fall-backs and draws are one class because they share
 * the design of a day (level, damped trend, weekday); the regression itself is {@link PoissonRegression}.
 */
final class InflowModel {
  static final int TREND_MIN_DAYS = 56;
  static final int WEEKDAY_MIN_DAYS = 14;
  /** With only the level, it is fitted over at most this many days. */
  static final int TRAILING_DAYS = 28;
  static final double TREND_DAMPING_PER_WEEK = 0.98;
  static final double MIN_DISPERSION = 0.1;
  /** The level's weekly drift taken when the history is too short to measure it: 5% a week. */
  static final double DEFAULT_LEVEL_DRIFT = 0.05;
  /** Standard deviation of the trend's prior, in log growth a year (0.25: about ±28% a year). */
  static final double TREND_PRIOR = 0.25;
  private static final double DAMPING_PER_DAY = Math.pow(TREND_DAMPING_PER_WEEK, 1 / 7.0);
  private static final double DAYS_PER_YEAR = 365.25;

  /** How the inflow was forecast, as the forecast table says it. */
  enum Basis {
    TREND_WEEKDAY("trend_weekday"), WEEKDAY("weekday"), TRAILING_MEAN("trailing_mean"), NO_ENTRIES("no_entries");

    final String label;

    Basis(String label) {
      this.label = label;
    }
  }

  private final Basis basis;
  private final LocalDate lastDay;
  private final double[] coefficients;
  private final double[][] choleskyOfCovariance;
  private final double dispersion;
  private final double levelDrift;

  private InflowModel(Basis basis, LocalDate lastDay, double[] coefficients, double[][] choleskyOfCovariance,
      double dispersion, double levelDrift) {
    this.basis = basis;
    this.lastDay = lastDay;
    this.coefficients = coefficients;
    this.choleskyOfCovariance = choleskyOfCovariance;
    this.dispersion = dispersion;
    this.levelDrift = levelDrift;
  }

  /**
   * @param firstDay the business day of {@code counts[0]}
   * @param counts entries per complete business day, consecutive, up to the last complete day before the origin
   */
  static InflowModel fit(LocalDate firstDay, double[] counts, int historyDays, double halfLifeDays) {
    int start = 0;
    while (start < counts.length && counts[start] == 0) {
      start++;
    }
    LocalDate last = firstDay.plusDays(counts.length - 1L);
    int available = counts.length - start;
    Basis basis = available >= TREND_MIN_DAYS ? Basis.TREND_WEEKDAY
        : available >= WEEKDAY_MIN_DAYS ? Basis.WEEKDAY : Basis.TRAILING_MEAN;
    int window = Math.min(available, basis == Basis.TRAILING_MEAN ? TRAILING_DAYS : Math.max(historyDays, 1));
    int from = counts.length - window;
    double[] y = Arrays.copyOfRange(counts, from, counts.length);
    if (Arrays.stream(y).sum() == 0) {
      return none(last);
    }
    InflowModel shaped = new InflowModel(basis, last, new double[parameters(basis)], null, 1, 0);
    double[][] x = new double[window][];
    for (int i = 0; i < window; i++) {
      x[i] = shaped.design(firstDay.plusDays(from + (long) i));
    }
    int p = parameters(basis);
    double[] coefficients = new double[p];
    double[][] covariance = new double[p][p];
    double[] offset = new double[window];
    PoissonRegression.Fit shape = null;
    int shapeFrom = 0;
    if (p > 1) {
      shape = PoissonRegression.fit(x, y, PoissonRegression.halfLifeWeights(window, window / 2.0), new double[window]);
      if (basis == Basis.TREND_WEEKDAY && window >= 2 * TREND_MIN_DAYS) {
        // A slope that changed within the history (a start-up ramp flattening, a new regime): when the recent
        // half's slope differs from the whole history's by more than twice its standard error, it is the one.
        int half = window / 2;
        PoissonRegression.Fit recent = PoissonRegression.fit(Arrays.copyOfRange(x, window - half, window), Arrays.copyOfRange(y, window - half, window),
            PoissonRegression.halfLifeWeights(half, half / 2.0), new double[half]);
        double error = Math.sqrt(recent.covariance()[1][1] * recent.dispersion());
        if (Math.abs(recent.coefficients()[1] - shape.coefficients()[1]) > 2 * error) {
          shape = recent;
          shapeFrom = window - half;
        }
      }
      for (int a = 1; a < p; a++) {
        coefficients[a] = shape.coefficients()[a];
        for (int b = 1; b < p; b++) {
          covariance[a][b] = shape.covariance()[a][b] * shape.dispersion();
        }
      }
      if (basis == Basis.TREND_WEEKDAY) {
        // The trend's prior, N(0, TREND_PRIOR²) a year: a slope measured well stays, a noisy one (few entries a day)
        // is pulled towards none, and its uncertainty with it (the normal posterior).
        double keep = TREND_PRIOR * TREND_PRIOR / (TREND_PRIOR * TREND_PRIOR + covariance[1][1]);
        coefficients[1] *= keep;
        for (int a = 1; a < p; a++) {
          covariance[1][a] *= keep;
          covariance[a][1] *= a == 1 ? 1 : keep;
        }
      }
      for (int i = 0; i < window; i++) {
        offset[i] = PoissonRegression.dot(x[i], coefficients);
      }
    }
    double[][] one = new double[window][];
    for (int i = 0; i < window; i++) {
      one[i] = new double[] {1};
    }
    PoissonRegression.Fit level = PoissonRegression.fit(one, y, PoissonRegression.halfLifeWeights(window, halfLifeDays),
        offset);
    // The dispersion is read off the longer shape fit when there is one: the recent days alone are few.
    double dispersion = shape != null ? shape.dispersion() : level.dispersion();
    coefficients[0] = level.coefficients()[0];
    covariance[0][0] = level.covariance()[0][0] * dispersion;
    double drift = shape == null ? DEFAULT_LEVEL_DRIFT
        : levelDrift(Arrays.copyOfRange(x, shapeFrom, window), Arrays.copyOfRange(y, shapeFrom, window),
            shape.coefficients());
    return new InflowModel(basis, last, coefficients, Matrices.cholesky(covariance), dispersion, drift);
  }

  /**
   * How much the level wanders from week to week beyond the counts' own noise. With r_w = log(entries / fitted)
   * of week w a level that walks (steps of variance d²) plus the week's Poisson noise (variance about 1 / entries),
   * the week-on-week change has variance d² + 2 · noise; so d² is the changes' variance less twice the mean noise
   * and less its own sampling error (at least 0). With under 8 complete weeks it cannot be told
   * from noise, and {@value #DEFAULT_LEVEL_DRIFT} is taken.
   */
  static double levelDrift(double[][] x, double[] y, double[] beta) {
    int weeks = y.length / 7;
    if (weeks < 8) {
      return DEFAULT_LEVEL_DRIFT;
    }
    double[] residual = new double[weeks];
    double noise = 0;
    for (int w = 0; w < weeks; w++) {
      double entries = 0;
      double fitted = 0;
      for (int i = y.length - 7 * (weeks - w); i < y.length - 7 * (weeks - w - 1); i++) {
        entries += y[i];
        fitted += Math.exp(PoissonRegression.dot(x[i], beta));
      }
      residual[w] = Math.log((entries + 0.5) / (fitted + 0.5));
      noise += 1 / (entries + 0.5) / weeks;
    }
    double mean = (residual[weeks - 1] - residual[0]) / (weeks - 1);
    double variance = 0;
    for (int w = 1; w < weeks; w++) {
      double change = residual[w] - residual[w - 1] - mean;
      variance += change * change / (weeks - 2);
    }
    // Less the sampling error of that variance (about variance · sqrt(2 / n)): a series with no drift would
    // otherwise show some half the time, and one with a clear drift keeps most of it.
    double excess = variance - 2 * noise - variance * Math.sqrt(2.0 / (weeks - 2));
    return Math.sqrt(Math.max(0, excess));
  }

  private static InflowModel none(LocalDate last) {
    return new InflowModel(Basis.NO_ENTRIES, last, new double[0], new double[0][0], 1, 0);
  }

  private static int parameters(Basis basis) {
    return switch (basis) {
      case TREND_WEEKDAY -> 8;
      case WEEKDAY -> 7;
      case TRAILING_MEAN -> 1;
      case NO_ENTRIES -> 0;
    };
  }

  /** Level, then the damped trend in years from the last fitted day, then Tuesday..Sunday against Monday. */
  private double[] design(LocalDate day) {
    double[] x = new double[parameters(basis)];
    x[0] = 1;
    int next = 1;
    if (basis == Basis.TREND_WEEKDAY) {
      x[next++] = dampedYears(ChronoUnit.DAYS.between(lastDay, day));
    }
    if (basis == Basis.TREND_WEEKDAY || basis == Basis.WEEKDAY) {
      int weekday = day.getDayOfWeek().getValue();
      if (weekday > 1) {
        x[next + weekday - 2] = 1;
      }
    }
    return x;
  }

  /** Years from the last fitted day; days ahead count less and less (damping). */
  private static double dampedYears(long daysAhead) {
    if (daysAhead <= 0) {
      return daysAhead / DAYS_PER_YEAR;
    }
    double sum = DAMPING_PER_DAY * (1 - Math.pow(DAMPING_PER_DAY, daysAhead)) / (1 - DAMPING_PER_DAY);
    return sum / DAYS_PER_YEAR;
  }

  Basis basis() {
    return basis;
  }

  double dispersion() {
    return dispersion;
  }

  /** Standard deviation of the level's weekly random walk ahead (log scale). */
  double levelDrift() {
    return levelDrift;
  }

  /** The fitted coefficients; {@link #mean} takes these or a draw. */
  double[] coefficients() {
    return coefficients.clone();
  }

  /** One draw of the coefficients from their estimated distribution. */
  double[] draw(Draws draws) {
    int p = coefficients.length;
    double[] z = new double[p];
    for (int i = 0; i < p; i++) {
      z[i] = draws.normal();
    }
    double[] theta = coefficients.clone();
    for (int i = 0; i < p; i++) {
      for (int j = 0; j <= i; j++) {
        theta[i] += choleskyOfCovariance[i][j] * z[j];
      }
    }
    return theta;
  }

  /** A day's entries with the fitted dispersion, given their expected number. */
  long arrivals(double expected, Draws draws) {
    if (!(expected > 0)) {
      return 0;
    }
    if (dispersion > 1 + 1e-9) {
      double shape = expected / (dispersion - 1);
      return draws.poisson(expected * draws.gamma(shape) / shape);
    }
    if (dispersion < 1 - 1e-9) {
      // Binomial with the same mean and variance dispersion × mean.
      long trials = Math.max(1, Math.round(expected / (1 - dispersion)));
      return draws.binomial(trials, Math.min(1, expected / trials));
    }
    return draws.poisson(expected);
  }

  /** Expected entries on a business day, for the given coefficients. */
  double mean(LocalDate day, double[] theta) {
    if (basis == Basis.NO_ENTRIES) {
      return 0;
    }
    return Math.exp(Math.min(30, PoissonRegression.dot(design(day), theta)));
  }
}
