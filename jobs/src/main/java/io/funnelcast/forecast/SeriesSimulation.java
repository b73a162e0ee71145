package io.funnelcast.forecast;

import io.funnelcast.forecast.ForecastCalendar.FutureDay;
import io.funnelcast.forecast.ForecastCalendar.Period;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The forecast of one series (pair × segment) at one origin, by simulation. Each draw
 * <ol>
 *   <li>resamples the curve counts (Poisson bootstrap, the segment's and the 'all' ones it is shrunk towards) and
 *       re-estimates the curve: the uncertainty of the curve;</li>
 *   <li>splits the users in flight, by age, over the future atoms with the curve's conditional probabilities
 *       (multinomial: who converts is a Bernoulli draw per user, at most once);</li>
 *   <li>draws the inflow coefficients, the level's weekly drift and each future day's entries with the dispersion
 *       the history showed, then splits each day's entrants over the atoms by the entry curve (multinomial again):
 *       the uncertainty of the inflow and who of the new entrants converts;</li>
 *   <li>turns conversions into revenue per currency (mean per conversion drawn within its error, plus the spread
 *       of single values).</li>
 * </ol>
 * Periods are sums of atoms within each draw, so weeks, months and totals are consistent; p10/p50/p90 are
 * quantiles over the draws (linear interpolation, R type 7). The steps stay in one class because they share each
 * draw's curve and random stream.
 */
final class SeriesSimulation {
  static final String IN_FLIGHT = "in_flight";
  static final String NEW_ENTRANTS = "new_entrants";
  static final String TOTAL = "total";
  static final String CONVERSIONS = "conversions";
  static final String REVENUE = "revenue";
  static final String CURVE_SEGMENT = "segment";
  static final String CURVE_BACKED_OFF = "backed_off_to_all";
  static final String CURVE_ALL = "all";
  static final String CURVE_NO_CONVERSIONS = "no_conversions";

  /** How a forecast is drawn. */
  record Settings(int simulations, long seed, double segmentPriorEntrants, int minConversions) {}

  /**
   * Everything known at the origin about one series.
   *
   * @param own the series' curve counts; {@code all} those of its pair's 'all' series (the same for 'all')
   * @param inFlightByAge users in flight by whole days of age
   */
  record Input(SeriesKey key, CurveCounts own, CurveCounts all, long[] inFlightByAge, InflowModel inflow,
      RevenuePerConversion revenue) {}

  /** One forecast figure: a period × component × measure (× currency for revenue). */
  record Value(Period period, String component, String measure, String currency, double p10, double p50, double p90,
      double mean, Double expectedEntrants) {}

  /** The forecast of a series, with what it rests on. */
  record Forecast(SeriesKey key, double windowDays, String curveBasis, double curveObservedDays,
      double convertedWithinWindow, String inflowBasis, long inFlightUsers, List<Value> values) {}

  private SeriesSimulation() {}

  static Forecast run(Input input, ForecastCalendar calendar, Settings settings, long originDay) {
    SeriesKey key = input.key();
    CurveCounts pooledPoint = pooled(input.own(), input.all(), key, settings);
    ConversionCurve point = ConversionCurve.estimate(pooledPoint, null);
    String basis = input.all().conversions() == 0 ? CURVE_NO_CONVERSIONS
        : key.isAll() ? CURVE_ALL
        : input.own().conversions() >= settings.minConversions() ? CURVE_SEGMENT : CURVE_BACKED_OFF;

    double[] atomEnds = calendar.atomEnds();
    int atoms = atomEnds.length;
    List<Period> periods = calendar.periods();
    List<FutureDay> days = calendar.futureDays();
    int draws = settings.simulations();
    List<RevenuePerConversion.Currency> currencies = input.revenue().currencies();
    // [period][component: in flight, new entrants][draw]; totals are their sums.
    double[][][] conversions = new double[periods.size()][2][draws];
    double[][][][] revenue = new double[currencies.size()][periods.size()][2][draws];
    double[][] entrants = new double[periods.size()][draws];
    Draws random = new Draws(seed(settings.seed(), originDay, key));
    long inFlightUsers = Arrays.stream(input.inFlightByAge()).sum();

    for (int r = 0; r < draws; r++) {
      CurveCounts own = input.own().resampled(random);
      CurveCounts all = key.isAll() ? own : input.all().resampled(random);
      ConversionCurve curve = ConversionCurve.estimate(pooled(own, all, key, settings), point.tail());

      long[] inFlight = inFlightConversions(input.inFlightByAge(), curve, atomEnds, random);
      double[] entrantsByDay = new double[days.size()];
      long[] fresh = newEntrantConversions(input.inflow(), days, curve, atomEnds, random, entrantsByDay);

      double[] meanPerConversion = new double[currencies.size()];
      for (int c = 0; c < currencies.size(); c++) {
        RevenuePerConversion.Currency currency = currencies.get(c);
        meanPerConversion[c] = Math.max(0, currency.mean() + currency.meanStandardError() * random.normal());
      }
      for (int p = 0; p < periods.size(); p++) {
        Period period = periods.get(p);
        long inFlightSum = 0;
        long freshSum = 0;
        for (int i = period.firstAtom(); i < period.endAtom(); i++) {
          inFlightSum += inFlight[i];
          freshSum += fresh[i];
        }
        conversions[p][0][r] = inFlightSum;
        conversions[p][1][r] = freshSum;
        for (int c = 0; c < currencies.size(); c++) {
          double spread = Math.sqrt(currencies.get(c).variance());
          revenue[c][p][0][r] = amount(inFlightSum, meanPerConversion[c], spread, random);
          revenue[c][p][1][r] = amount(freshSum, meanPerConversion[c], spread, random);
        }
      }
      for (int p = 0; p < periods.size(); p++) {
        Period period = periods.get(p);
        double sum = 0;
        for (int d = 0; d < days.size(); d++) {
          LocalDate day = days.get(d).day();
          if (!day.isBefore(period.start()) && !day.isAfter(period.end())) {
            sum += entrantsByDay[d];
          }
        }
        entrants[p][r] = sum;
      }
    }

    List<Value> values = new ArrayList<>();
    for (int p = 0; p < periods.size(); p++) {
      Period period = periods.get(p);
      double expectedEntrants = Arrays.stream(entrants[p]).average().orElse(0);
      values.addAll(figures(period, CONVERSIONS, null, conversions[p], expectedEntrants));
      for (int c = 0; c < currencies.size(); c++) {
        values.addAll(figures(period, REVENUE, currencies.get(c).currency(), revenue[c][p], expectedEntrants));
      }
    }
    return new Forecast(key, point.windowDays(), basis, point.observedDays(), point.convertedWithinWindow(), input.inflow().basis().label,
        inFlightUsers, values);
  }

  /** Per atom, the users in flight who convert in it: each age group split by the curve's conditional chances. */
  private static long[] inFlightConversions(long[] byAge, ConversionCurve curve, double[] atomEnds, Draws random) {
    long[] converted = new long[atomEnds.length];
    double[] probabilities = new double[atomEnds.length];
    for (int age = 0; age < byAge.length; age++) {
      if (byAge[age] == 0) {
        continue;
      }
      double waited = Math.min(age + 0.5, curve.windowDays() * (1 - 1e-9));
      double before = waited;
      for (int i = 0; i < atomEnds.length; i++) {
        double after = waited + atomEnds[i];
        probabilities[i] = curve.conditional(waited, before, after);
        before = after;
      }
      random.multinomialInto(byAge[age], probabilities, converted);
    }
    return converted;
  }

  /**
   * Per atom, the new entrants who convert in it: one draw of the inflow (coefficients, the level's weekly random
   * walk, each day's entrants), each day's entrants split along the entry curve. Fills {@code entrantsByDay}.
   */
  private static long[] newEntrantConversions(InflowModel inflow, List<FutureDay> days, ConversionCurve curve,
      double[] atomEnds, Draws random, double[] entrantsByDay) {
    long[] converted = new long[atomEnds.length];
    double[] probabilities = new double[atomEnds.length];
    double[] theta = inflow.basis() == InflowModel.Basis.NO_ENTRIES ? new double[0] : inflow.draw(random);
    double drift = inflow.levelDrift();
    double walk = 0;
    int week = -1;
    for (int d = 0; d < days.size(); d++) {
      FutureDay day = days.get(d);
      // A step of the level's walk a week, centred so the expected entries stay the model's.
      while (week < (int) (day.middleDays() / 7)) {
        walk += drift * random.normal();
        week++;
      }
      double level = Math.exp(walk - (week + 1) * drift * drift / 2);
      long arrivals = inflow.arrivals(inflow.mean(day.day(), theta) * day.fraction() * level, random);
      if (arrivals == 0) {
        continue;
      }
      entrantsByDay[d] = arrivals;
      double before = 0;
      for (int i = 0; i < atomEnds.length; i++) {
        double after = Math.max(0, atomEnds[i] - day.middleDays());
        probabilities[i] = curve.converted(after) - curve.converted(before);
        before = after;
      }
      random.multinomialInto(arrivals, probabilities, converted);
    }
    return converted;
  }

  /** A segment's counts with the 'all' counts weighed in as {@code segmentPriorEntrants} entrants. */
  private static CurveCounts pooled(CurveCounts own, CurveCounts all, SeriesKey key, Settings settings) {
    if (key.isAll() || settings.segmentPriorEntrants() == 0 || all.entrants() == 0) {
      return own;
    }
    return own.plus(all, settings.segmentPriorEntrants() / all.entrants());
  }

  private static double amount(long conversions, double mean, double spread, Draws random) {
    if (conversions == 0) {
      return 0;
    }
    return Math.max(0, conversions * mean + Math.sqrt(conversions) * spread * random.normal());
  }

  /** In flight, new entrants and their total, from the per-draw values of one period and measure. */
  private static List<Value> figures(Period period, String measure, String currency, double[][] byComponent,
      double expectedEntrants) {
    int draws = byComponent[0].length;
    double[] total = new double[draws];
    for (int r = 0; r < draws; r++) {
      total[r] = byComponent[0][r] + byComponent[1][r];
    }
    return List.of(value(period, IN_FLIGHT, measure, currency, byComponent[0], null),
        value(period, NEW_ENTRANTS, measure, currency, byComponent[1], expectedEntrants),
        value(period, TOTAL, measure, currency, total, expectedEntrants));
  }

  private static Value value(Period period, String component, String measure, String currency, double[] draws,
      Double expectedEntrants) {
    double[] sorted = draws.clone();
    Arrays.sort(sorted);
    return new Value(period, component, measure, currency, Quantiles.type7(sorted, 0.1), Quantiles.type7(sorted, 0.5),
        Quantiles.type7(sorted, 0.9), Arrays.stream(sorted).average().orElse(0), expectedEntrants);
  }

  /** The series' own random stream: the configured seed, the origin and the series, mixed (SplitMix64). */
  static long seed(long seed, long originDay, SeriesKey key) {
    long z = seed * 0x9E3779B97F4A7C15L + originDay * 0xBF58476D1CE4E5B9L + key.stableHash();
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
