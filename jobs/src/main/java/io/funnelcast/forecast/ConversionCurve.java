package io.funnelcast.forecast;

/**
 * How an attempt at A converts by age t in days since entering A, up to the pair's window W (no conversion is
 * possible after it, so the share that never converts stays): F(t), the probability of having converted by t, and
 * S(t), the probability of being still open (neither converted nor ended by a next attempt at A).
 *
 * <p>Estimated from {@link CurveCounts} with the actuarial life table and competing risks: in day k of age, with
 * e = at risk − censored / 2, the conversion hazard is converted / e and the next-attempt hazard ended / e, both
 * constant within the day (cause-specific hazards; F is the cumulative incidence, Aalen–Johansen on daily bins).
 * Treating an attempt ended by a next attempt as censored would count it as a possible converter and bias F up.
 * Ages where fewer than {@value #MIN_EXPOSURE} attempts were at risk (history shorter than the window, few old
 * cohorts) are not observed; beyond them the conversion hazard comes from a {@link CureModel} fitted to all the
 * counts, a Weibull conversion time with a ceiling below 100%, instead of an extrapolated curve, and no next
 * attempts are assumed.
 */
final class ConversionCurve {
  static final double MIN_EXPOSURE = 10;

  private final double windowDays;
  private final int bins;
  /** Per day of age: hazards of converting and of ending by a next attempt. */
  private final double[] conversionHazard;
  private final double[] endHazard;
  /** At the start of each day of age (index bins: at the window's end): S and F. */
  private final double[] open;
  private final double[] converted;
  private final double observedDays;
  private final CureModel tail;

  private ConversionCurve(double windowDays, double[] conversionHazard, double[] endHazard, double observedDays,
      CureModel tail) {
    this.windowDays = windowDays;
    this.bins = conversionHazard.length;
    this.conversionHazard = conversionHazard;
    this.endHazard = endHazard;
    this.open = new double[bins + 1];
    this.converted = new double[bins + 1];
    open[0] = 1;
    for (int k = 0; k < bins; k++) {
      open[k + 1] = open[k] * (1 - conversionHazard[k] - endHazard[k]);
      converted[k + 1] = converted[k] + open[k] * conversionHazard[k];
    }
    this.observedDays = observedDays;
    this.tail = tail;
  }

  /**
   * @param start where to start the tail's fit (a nearby earlier fit), or null
   */
  static ConversionCurve estimate(CurveCounts counts, CureModel start) {
    int bins = counts.bins();
    double[] d = counts.converted();
    double[] m = counts.ended();
    double[] c = counts.censored();
    double atRisk = 0;
    double[] exposure = new double[bins];
    for (int k = bins; k >= 0; k--) {
      atRisk += d[k] + m[k] + c[k];
      if (k < bins) {
        exposure[k] = atRisk - c[k] / 2;
      }
    }
    int observed = 0;
    while (observed < bins && exposure[observed] >= MIN_EXPOSURE) {
      observed++;
    }
    CureModel tail = observed < bins && counts.conversions() > 0 ? CureModel.fit(counts.conversionOnly(), start)
        : null;
    double[] conversionHazard = new double[bins];
    double[] endHazard = new double[bins];
    for (int k = 0; k < bins; k++) {
      if (k >= observed && tail != null) {
        conversionHazard[k] = tail.hazard(k, Math.min(k + 1, counts.windowDays()));
      } else if (exposure[k] > 0) {
        // Nobody at risk and no conversion to fit a tail to: nothing is known to convert there.
        double total = Math.min(1, (d[k] + m[k]) / exposure[k]);
        conversionHazard[k] = d[k] + m[k] == 0 ? 0 : total * d[k] / (d[k] + m[k]);
        endHazard[k] = total - conversionHazard[k];
      }
    }
    double observedDays = observed == bins ? counts.windowDays() : observed;
    return new ConversionCurve(counts.windowDays(), conversionHazard, endHazard, observedDays, tail);
  }

  /** S(age): the probability that an attempt is still open (not converted, no next attempt) at this age. */
  double open(double ageDays) {
    return at(ageDays, false);
  }

  /** F(age): the probability that an attempt has converted by this age. */
  double converted(double ageDays) {
    return at(ageDays, true);
  }

  private double at(double ageDays, boolean conversion) {
    if (ageDays <= 0) {
      return conversion ? 0 : 1;
    }
    if (ageDays >= windowDays) {
      return conversion ? converted[bins] : open[bins];
    }
    int k = Math.min((int) ageDays, bins - 1);
    double length = Math.min(k + 1, windowDays) - k;
    double hazard = conversionHazard[k] + endHazard[k];
    // Constant hazards within the day: the share leaving by a fraction f of it is 1 − (1 − h)^f.
    double left = hazard >= 1 ? 1 : -Math.expm1(Math.log1p(-hazard) * (ageDays - k) / length);
    if (!conversion) {
      return open[k] * (1 - left);
    }
    return hazard == 0 ? converted[k] : converted[k] + open[k] * left * conversionHazard[k] / hazard;
  }

  /** P(convert in (from, to] of age | open at {@code given}), ages clipped to the window. */
  double conditional(double given, double from, double to) {
    double base = open(given);
    if (!(base > 0)) {
      return 0;
    }
    return Math.max(0, Math.min(1, (converted(to) - converted(from)) / base));
  }

  /** The share converting within the window. */
  double convertedWithinWindow() {
    return converted[bins];
  }

  double windowDays() {
    return windowDays;
  }

  /** Ages (days) up to which the curve rests on observed attempts; the window when all of it does. */
  double observedDays() {
    return observedDays;
  }

  /** The fitted tail beyond the observed ages, or null when there is none. */
  CureModel tail() {
    return tail;
  }
}
