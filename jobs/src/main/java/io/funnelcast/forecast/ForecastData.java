package io.funnelcast.forecast;

import io.funnelcast.config.ForecastConfig;
import io.funnelcast.config.ForecastTarget;
import io.funnelcast.config.Revenue;
import io.funnelcast.ingest.EventTimes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * The collected aggregates of {@link ForecastInputs} (and {@link RevenueInputs}) for one run, and what they give
 * at any origin: each series' {@link SeriesSimulation.Input}, and its daily entries and conversions.
 */
final class ForecastData {
  /** Per currency and day, the values converting events brought (sum and sum of squares). */
  record RevenueDays(TreeMap<String, TreeMap<LocalDate, double[]>> byCurrency) {}

  private final List<ForecastTarget> targets;
  private final Map<LocalDate, Map<SeriesKey, CurveCounts>> curves = new HashMap<>();
  private final Map<LocalDate, Map<SeriesKey, long[]>> inFlight = new HashMap<>();
  private final Map<SeriesKey, DailyCounts> daily = new HashMap<>();
  private final Map<SeriesKey, RevenueDays> revenue = new HashMap<>();
  private final TreeSet<SeriesKey> series = new TreeSet<>(ForecastData::compare);

  ForecastData(List<ForecastTarget> targets, List<Row> curveRows, List<Row> dailyRows, List<Row> revenueRows) {
    this.targets = List.copyOf(targets);
    for (ForecastTarget target : targets) {
      series.add(new SeriesKey(target.pair().from(), target.pair().to(), "all", "all"));
    }
    for (Row row : curveRows) {
      SeriesKey key = key(row);
      LocalDate origin = EventTimes.localDate(row.getAs(ForecastInputs.ORIGIN_DATE));
      double window = row.<Double>getAs("window_days");
      long age = row.<Long>getAs(ForecastInputs.AGE_DAYS);
      String state = row.getAs(ForecastInputs.STATE);
      long attempts = row.<Long>getAs(ForecastInputs.ATTEMPTS);
      if (row.<Boolean>getAs(ForecastInputs.IN_CURVE_HISTORY)) {
        CurveCounts counts = curves.computeIfAbsent(origin, o -> new HashMap<>())
            .computeIfAbsent(key, k -> CurveCounts.empty(window));
        boolean reachedWindow = row.<Boolean>getAs(ForecastInputs.REACHED_WINDOW);
        // A closed attempt that did not reach the window's end was ended by the user's next attempt at A.
        double[] outcome = ForecastInputs.STATE_CONVERTED.equals(state) ? counts.converted()
            : ForecastInputs.STATE_CLOSED.equals(state) && !reachedWindow ? counts.ended() : counts.censored();
        // A conversion at the window's very end belongs to its last day.
        outcome[counts.bin(age, reachedWindow && outcome != counts.converted())] += attempts;
      }
      if (ForecastInputs.STATE_IN_FLIGHT.equals(state)) {
        long[] byAge = inFlight.computeIfAbsent(origin, o -> new HashMap<>())
            .computeIfAbsent(key, k -> new long[CurveCounts.bins(window)]);
        byAge[(int) Math.min(Math.max(age, 0), byAge.length - 1)] += attempts;
      }
    }
    Map<SeriesKey, TreeMap<LocalDate, long[]>> days = new HashMap<>();
    for (Row row : dailyRows) {
      SeriesKey key = key(row);
      series.add(key);
      days.computeIfAbsent(key, k -> new TreeMap<>())
          .put(EventTimes.localDate(row.getAs(ForecastInputs.DAY)),
              new long[] {row.<Long>getAs(ForecastInputs.ENTERED), row.<Long>getAs(ForecastInputs.CONVERTED)});
    }
    days.forEach((key, byDay) -> {
      LocalDate first = byDay.firstKey();
      int length = (int) ChronoUnit.DAYS.between(first, byDay.lastKey()) + 1;
      long[] entered = new long[length];
      long[] converted = new long[length];
      byDay.forEach((day, counts) -> {
        int i = (int) ChronoUnit.DAYS.between(first, day);
        entered[i] = counts[0];
        converted[i] = counts[1];
      });
      daily.put(key, new DailyCounts(first, entered, converted));
    });
    for (Row row : revenueRows) {
      if (row.getAs(RevenueInputs.CURRENCY) == null) {
        continue; // conversions without a value: they count in the mean as bringing nothing
      }
      revenue.computeIfAbsent(key(row), k -> new RevenueDays(new TreeMap<>())).byCurrency()
          .computeIfAbsent(row.getAs(RevenueInputs.CURRENCY), c -> new TreeMap<>())
          .put(EventTimes.localDate(row.getAs(ForecastInputs.DAY)),
              new double[] {row.<Double>getAs(RevenueInputs.VALUE_SUM), row.<Double>getAs(RevenueInputs.VALUE_SQUARES)});
    }
  }

  private static SeriesKey key(Row row) {
    return new SeriesKey(row.getAs("from_stage"), row.getAs("to_stage"), row.getAs("segment_name"),
        row.getAs("segment_value"));
  }

  private static int compare(SeriesKey a, SeriesKey b) {
    int c = a.fromStage().compareTo(b.fromStage());
    c = c != 0 ? c : a.toStage().compareTo(b.toStage());
    c = c != 0 ? c : Boolean.compare(!a.isAll(), !b.isAll());
    c = c != 0 ? c : a.segmentName().compareTo(b.segmentName());
    return c != 0 ? c : a.segmentValue().compareTo(b.segmentValue());
  }

  DailyCounts daily(SeriesKey key) {
    return daily.getOrDefault(key, DailyCounts.EMPTY);
  }

  /** The last business day wholly before the origin. */
  static LocalDate lastCompleteDay(Instant origin, ZoneId zone) {
    // The day holding the origin started at or before it, so the day before has ended by then.
    return LocalDate.ofInstant(origin, zone).minusDays(1);
  }

  /** Every series with entries before the origin (and each target's 'all' series), with what is known of it then. */
  List<SeriesSimulation.Input> inputsAt(LocalDate originDate, ZoneId zone, ForecastConfig config) {
    Instant origin = EventTimes.endOfDay(originDate);
    LocalDate lastComplete = lastCompleteDay(origin, zone);
    LocalDate revenueFrom = LocalDate.ofInstant(origin.minus(config.curveHistory()), zone);
    List<SeriesSimulation.Input> inputs = new ArrayList<>();
    for (SeriesKey key : series) {
      ForecastTarget target = targets.stream()
          .filter(t -> t.pair().from().equals(key.fromStage()) && t.pair().to().equals(key.toStage()))
          .findFirst().orElse(null);
      if (target == null) {
        continue;
      }
      DailyCounts days = daily(key);
      LocalDate firstEntry = days.firstEntry();
      boolean knownThen = curves.getOrDefault(originDate, Map.of()).containsKey(key)
          || inFlight.getOrDefault(originDate, Map.of()).containsKey(key)
          || (firstEntry != null && !firstEntry.isAfter(lastComplete));
      if (!key.isAll() && !knownThen) {
        continue;
      }
      double window = target.pair().window().toSeconds() / EventTimes.SECONDS_PER_DAY;
      CurveCounts own = curveCounts(originDate, key, window);
      CurveCounts all = curveCounts(originDate, key.all(), window);
      long[] flying = inFlight.getOrDefault(originDate, Map.of()).getOrDefault(key, new long[CurveCounts.bins(window)]);
      InflowModel inflow = InflowModel.fit(days.firstDay(), knownEntries(days, lastComplete),
          (int) config.inflowHistory().toDays(), config.inflowHalfLife().toSeconds() / EventTimes.SECONDS_PER_DAY);
      inputs.add(new SeriesSimulation.Input(key, own, all, flying, inflow,
          revenue(target, key, days, revenueFrom, lastComplete)));
    }
    return inputs;
  }

  private CurveCounts curveCounts(LocalDate origin, SeriesKey key, double window) {
    return curves.getOrDefault(origin, Map.of()).getOrDefault(key, CurveCounts.empty(window));
  }

  /** Entries per day from the series' first day to the last complete day (empty when that is before it). */
  private static double[] knownEntries(DailyCounts days, LocalDate lastComplete) {
    if (days.entered().length == 0 || lastComplete.isBefore(days.firstDay())) {
      return new double[0];
    }
    int length = (int) ChronoUnit.DAYS.between(days.firstDay(), lastComplete) + 1;
    double[] counts = new double[length];
    for (int i = 0; i < length; i++) {
      counts[i] = days.entered(days.firstDay().plusDays(i));
    }
    return counts;
  }

  private RevenuePerConversion revenue(ForecastTarget target, SeriesKey key, DailyCounts days, LocalDate from,
      LocalDate to) {
    if (target.revenue().isEmpty()) {
      return RevenuePerConversion.none();
    }
    Revenue revenue = target.revenue().get();
    if (revenue instanceof Revenue.Fixed fixed) {
      return RevenuePerConversion.fixed(fixed.currency(), fixed.amount());
    }
    Revenue.FromEvent fromEvent = (Revenue.FromEvent) revenue;
    double conversions = days.converted(from, to);
    RevenueDays observed = this.revenue.getOrDefault(key, new RevenueDays(new TreeMap<>()));
    TreeMap<String, TreeMap<LocalDate, double[]>> byCurrency = new TreeMap<>(observed.byCurrency());
    fromEvent.currency().ifPresent(currency -> byCurrency.putIfAbsent(currency, new TreeMap<>()));
    List<String> currencies = new ArrayList<>();
    List<double[]> sums = new ArrayList<>();
    byCurrency.forEach((currency, values) -> {
      double[] sum = new double[2];
      values.subMap(from, true, to, true).values().forEach(v -> {
        sum[0] += v[0];
        sum[1] += v[1];
      });
      currencies.add(currency);
      sums.add(sum);
    });
    return RevenuePerConversion.observed(conversions, currencies, sums.stream().mapToDouble(s -> s[0]).toArray(),
        sums.stream().mapToDouble(s -> s[1]).toArray());
  }
}
