package io.funnelcast.forecast;

import io.funnelcast.ingest.EventTimes;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The periods a forecast made at the end of a run date covers, in the business time zone: the partial week
 * and month holding the end of the date, the whole weeks and months after them, and their totals. Time after the
 * origin is cut into atoms at every week and month boundary, so one simulated draw per atom adds up to every
 * period; future business days carry the share of the day still ahead and their middle, for the inflow.
 */
public final class ForecastCalendar {
  public static final String WEEK = "week";
  public static final String MONTH = "month";
  public static final String WEEKS_TOTAL = "weeks_total";
  public static final String MONTHS_TOTAL = "months_total";

  /**
   * One forecast period.
   *
   * @param horizon 0 for the partial period holding the origin, 1.. for the whole periods after it; for totals the
   *     number of whole periods summed
   * @param end last business day of the period (inclusive)
   * @param firstAtom first atom inside the period; {@code endAtom} is one past the last
   */
  public record Period(String grain, int horizon, LocalDate start, LocalDate end, boolean partial, int firstAtom,
      int endAtom) {}

  /** A business day from the origin on: its share still ahead and the middle of that share, in days after the origin. */
  record FutureDay(LocalDate day, double fraction, double middleDays) {}

  private final Instant origin;
  private final ZoneId zone;
  private final List<Period> periods;
  private final double[] atomEnds;
  private final List<FutureDay> futureDays;
  private final LocalDate currentDay;
  private final DayOfWeek weekStart;

  private ForecastCalendar(Instant origin, ZoneId zone, DayOfWeek weekStart, List<Period> periods, double[] atomEnds,
      List<FutureDay> futureDays, LocalDate currentDay) {
    this.origin = origin;
    this.zone = zone;
    this.weekStart = weekStart;
    this.periods = periods;
    this.atomEnds = atomEnds;
    this.futureDays = futureDays;
    this.currentDay = currentDay;
  }

  /** The calendar of a forecast made at the end of {@code runDate} (UTC). */
  public static ForecastCalendar of(LocalDate runDate, ZoneId zone, DayOfWeek weekStart, int weeks, int months) {
    Instant origin = EventTimes.endOfDay(runDate);
    LocalDate current = LocalDate.ofInstant(origin.minusNanos(1), zone);
    LocalDate firstWeek = current.with(TemporalAdjusters.previousOrSame(weekStart));
    LocalDate firstMonth = current.withDayOfMonth(1);
    TreeSet<Instant> boundaries = new TreeSet<>();
    for (int w = 1; w <= weeks + 1; w++) {
      boundaries.add(start(firstWeek.plusWeeks(w), zone));
    }
    for (int m = 1; m <= months + 1; m++) {
      boundaries.add(start(firstMonth.plusMonths(m), zone));
    }
    boundaries.removeIf(b -> !b.isAfter(origin));
    List<Instant> ends = new ArrayList<>(boundaries);
    double[] atomEnds = ends.stream().mapToDouble(b -> days(origin, b)).toArray();

    List<Period> periods = new ArrayList<>();
    for (int w = 0; w <= weeks; w++) {
      LocalDate start = firstWeek.plusWeeks(w);
      periods.add(period(WEEK, w, start, start.plusWeeks(1), w == 0, origin, zone, ends));
    }
    for (int m = 0; m <= months; m++) {
      LocalDate start = firstMonth.plusMonths(m);
      periods.add(period(MONTH, m, start, start.plusMonths(1), m == 0, origin, zone, ends));
    }
    periods.add(period(WEEKS_TOTAL, weeks, firstWeek.plusWeeks(1), firstWeek.plusWeeks(weeks + 1), false, origin,
        zone, ends));
    periods.add(period(MONTHS_TOTAL, months, firstMonth.plusMonths(1), firstMonth.plusMonths(months + 1), false,
        origin, zone, ends));

    Instant horizonEnd = ends.get(ends.size() - 1);
    List<FutureDay> days = new ArrayList<>();
    for (LocalDate day = current; start(day, zone).isBefore(horizonEnd); day = day.plusDays(1)) {
      Instant dayStart = start(day, zone);
      Instant dayEnd = start(day.plusDays(1), zone);
      Instant from = dayStart.isAfter(origin) ? dayStart : origin;
      double fraction = Duration.between(from, dayEnd).toNanos() / (double) Duration.between(dayStart, dayEnd).toNanos();
      if (fraction > 0) {
        days.add(new FutureDay(day, fraction, (days(origin, from) + days(origin, dayEnd)) / 2));
      }
    }
    return new ForecastCalendar(origin, zone, weekStart, List.copyOf(periods), atomEnds, List.copyOf(days), current);
  }

  private static Period period(String grain, int horizon, LocalDate start, LocalDate endExclusive, boolean partial,
      Instant origin, ZoneId zone, List<Instant> ends) {
    Instant from = start(start, zone);
    Instant to = start(endExclusive, zone);
    int first = 0;
    while (first < ends.size() && !ends.get(first).isAfter(from)) {
      first++;
    }
    int end = first;
    while (end < ends.size() && !ends.get(end).isAfter(to)) {
      end++;
    }
    // A partial period whose rest is empty (the origin is its end) has no atoms.
    if (!to.isAfter(origin)) {
      end = first;
    }
    return new Period(grain, horizon, start, endExclusive.minusDays(1), partial, first, end);
  }

  static Instant start(LocalDate day, ZoneId zone) {
    return day.atStartOfDay(zone).toInstant();
  }

  private static double days(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9 / EventTimes.SECONDS_PER_DAY;
  }

  /** The end of the run date: everything before it is known, everything forecast comes after it. */
  public Instant origin() {
    return origin;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The business day holding the last known instant. */
  public LocalDate currentDay() {
    return currentDay;
  }

  public List<Period> periods() {
    return periods;
  }

  /** End of each atom in days after the origin; atom i spans (atomEnds[i-1], atomEnds[i]], atom 0 starts at 0. */
  double[] atomEnds() {
    return atomEnds.clone();
  }

  int atoms() {
    return atomEnds.length;
  }

  List<FutureDay> futureDays() {
    return futureDays;
  }

  /**
   * The start of the first week (or month) not over at the origin: every one before it is complete. For an origin
   * at a week's end that is the next week, although the week holding the date is still listed, partial and empty.
   */
  LocalDate firstIncomplete(String grain) {
    LocalDate day = LocalDate.ofInstant(origin, zone);
    return grain.equals(WEEK) ? day.with(TemporalAdjusters.previousOrSame(weekStart)) : day.withDayOfMonth(1);
  }
}
