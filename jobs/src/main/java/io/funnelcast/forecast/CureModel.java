package io.funnelcast.forecast;

/**
 * A mixture cure model of the time to convert: a share {@code ceiling} of attempts ever converts, after a
 * Weibull time with {@code scaleDays} and {@code shape}; the rest never does. G(t) = ceiling · (1 − e^−(t/scale)^shape).
 * Fitted by maximum a posteriori to grouped {@link CurveCounts} (conversions within each day of age, censoring at
 * the day's middle, survivors of the window), with weak priors that keep a fit on little data finite: logit
 * ceiling ~ N(0, 1.5²), ln scale ~ N(ln 7 days, 2.5²), ln shape ~ N(0, 1) (the delayed-feedback and convoys
 * approach, Chapelle 2014).
 */
record CureModel(double ceiling, double scaleDays, double shape) {
  private static final double LOG_SCALE_PRIOR = Math.log(7);

  /** G(t): the share converted by age t. */
  double converted(double ageDays) {
    if (ageDays <= 0) {
      return 0;
    }
    return ceiling * -Math.expm1(-Math.pow(ageDays / scaleDays, shape));
  }

  /** The hazard of the age interval (from, to]: P(convert in it | not converted at from). */
  double hazard(double from, double to) {
    double before = 1 - converted(from);
    if (!(before > 0)) {
      return 1;
    }
    return Math.max(0, Math.min(1, (converted(to) - converted(from)) / before));
  }

  static CureModel fit(CurveCounts counts, CureModel start) {
    double[] from = start == null ? startingPoint(counts) : parameters(start);
    double[] best = NelderMead.minimise(theta -> negativeLogPosterior(theta, counts), from, 0.5, 1e-10, 2000);
    best = NelderMead.minimise(theta -> negativeLogPosterior(theta, counts), best, 0.1, 1e-12, 2000);
    return model(best);
  }

  private static double[] startingPoint(CurveCounts counts) {
    double[] d = counts.converted();
    double events = 0;
    double ages = 0;
    for (int k = 0; k < d.length; k++) {
      events += d[k];
      ages += d[k] * (k + 0.5);
    }
    double share = Math.min(0.95, Math.max(0.05, events / Math.max(1, counts.entrants())));
    return new double[] {Math.log(share / (1 - share)), Math.log(Math.max(0.5, ages / Math.max(1, events))), 0};
  }

  private static double[] parameters(CureModel model) {
    return new double[] {Math.log(model.ceiling / (1 - model.ceiling)), Math.log(model.scaleDays),
        Math.log(model.shape)};
  }

  private static CureModel model(double[] theta) {
    double ceiling = 1 / (1 + Math.exp(-theta[0]));
    return new CureModel(Math.min(ceiling, 1 - 1e-12), Math.exp(theta[1]), Math.exp(theta[2]));
  }

  static double negativeLogPosterior(double[] theta, CurveCounts counts) {
    if (Math.abs(theta[0]) > 30 || Math.abs(theta[1]) > 30 || Math.abs(theta[2]) > 5) {
      return Double.MAX_VALUE;
    }
    CureModel m = model(theta);
    double[] d = counts.converted();
    double[] c = counts.censored();
    int bins = counts.bins();
    double window = counts.windowDays();
    double logLikelihood = 0;
    for (int k = 0; k < bins; k++) {
      double end = Math.min(k + 1, window);
      if (d[k] > 0) {
        logLikelihood += d[k] * Math.log(Math.max(m.converted(end) - m.converted(k), 1e-300));
      }
      if (c[k] > 0) {
        logLikelihood += c[k] * Math.log(Math.max(1 - m.converted((k + end) / 2), 1e-300));
      }
    }
    if (c[bins] > 0) {
      logLikelihood += c[bins] * Math.log(Math.max(1 - m.converted(window), 1e-300));
    }
    double prior = theta[0] * theta[0] / (2 * 1.5 * 1.5)
        + (theta[1] - LOG_SCALE_PRIOR) * (theta[1] - LOG_SCALE_PRIOR) / (2 * 2.5 * 2.5)
        + theta[2] * theta[2] / 2;
    return -logLikelihood + prior;
  }
}
