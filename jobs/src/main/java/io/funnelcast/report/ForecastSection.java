package io.funnelcast.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.funnelcast.conversion.CohortPeriods;
import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.ingest.EventTimes;
import io.funnelcast.report.ReportData.Choice;
import io.funnelcast.report.ReportData.Fan;
import io.funnelcast.report.ReportData.Forecast;
import io.funnelcast.report.ReportData.Totals;
import io.funnelcast.tables.ForecastConversionsTable;
import io.funnelcast.tables.LifecycleDailyTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The forecast as of the date (forecast_conversions, all users): a fan chart per pair, measure and grain with
 * the actual conversions of the periods before it (stage_conversions), the totals, and the backtest.
 */
final class ForecastSection {
  /** Whole periods of actuals drawn before the forecast, per grain. */
  static final Map<String, Integer> HISTORY_PERIODS = Map.of("week", 12, "month", 6);

  private ForecastSection() {}

  /** One forecast period of one series: its components' figures. */
  record Period(LocalDate start, boolean partial, double p10, double p50, double p90, Double inFlightP50,
      Double newEntrantsP50) {}

  static Forecast read(ReportInputs in) {
    ReportData.Accuracy accuracy = AccuracySection.read(in);
    if (in.forecast().isEmpty() || in.forecast().get().isEmpty()) {
      return Forecast.missing("No forecast as of " + in.asOf() + " yet: the forecast job has not run for it.", accuracy);
    }
    Dataset<Row> slice = in.forecast().get();
    List<Row> rows = slice.filter(col(ForecastConversionsTable.SEGMENT_NAME).equalTo(LifecycleDailyTable.ALL)
            .and(col(ForecastConversionsTable.PERIOD_GRAIN).isin("week", "month")))
        .orderBy(ForecastConversionsTable.FROM_STAGE, ForecastConversionsTable.TO_STAGE, ForecastConversionsTable.MEASURE,
            ForecastConversionsTable.PERIOD_GRAIN, ForecastConversionsTable.HORIZON)
        .collectAsList();
    Map<String, Map<LocalDate, Long>> actuals = actuals(in);
    Map<String, Map<LocalDate, Map<String, Row>>> series = new LinkedHashMap<>();
    for (Row row : rows) {
      series.computeIfAbsent(seriesKey(row) + "|" + row.getAs(ForecastConversionsTable.PERIOD_GRAIN),
              k -> new TreeMap<>())
          .computeIfAbsent(EventTimes.localDate(row.getAs(ForecastConversionsTable.PERIOD_START)), d -> new HashMap<>())
          .put(row.getAs(ForecastConversionsTable.COMPONENT), row);
    }
    List<Choice> choices = new ArrayList<>();
    Map<String, Fan> fans = new LinkedHashMap<>();
    for (Map.Entry<String, Map<LocalDate, Map<String, Row>>> s : series.entrySet()) {
      Row any = s.getValue().values().iterator().next().get("total");
      String grain = any.getAs(ForecastConversionsTable.PERIOD_GRAIN);
      String choice = seriesKey(any);
      String from = any.getAs(ForecastConversionsTable.FROM_STAGE);
      String to = any.getAs(ForecastConversionsTable.TO_STAGE);
      boolean revenue = "revenue".equals(any.getAs(ForecastConversionsTable.MEASURE));
      String label = Readings.pair(from, to) + (revenue ? " revenue" : " conversions");
      String unit = revenue ? any.getAs(ForecastConversionsTable.CURRENCY) : "conversions";
      if (choices.stream().noneMatch(c -> c.key().equals(choice))) {
        choices.add(new Choice(choice, label));
      }
      List<Period> periods = s.getValue().entrySet().stream().map(e -> period(e.getKey(), e.getValue())).toList();
      Map<LocalDate, Long> actual = revenue ? Map.of()
          : actuals.getOrDefault(CohortSection.key(from, to) + "|" + grain, Map.of());
      fans.put(s.getKey(), fan(label, from, unit, grain, periods, actual, revenue));
    }
    List<Totals> totals = ForecastReport.lines(slice).stream()
        .map(line -> new Totals(line.label().replace(" -> ", " → "), line.figures(), line.basis())).toList();
    return new Forecast(null, choices, fans, totals, accuracy);
  }

  private static String seriesKey(Row row) {
    String currency = row.getAs(ForecastConversionsTable.CURRENCY);
    return CohortSection.key(row.getAs(ForecastConversionsTable.FROM_STAGE), row.getAs(ForecastConversionsTable.TO_STAGE))
        + "|" + row.getAs(ForecastConversionsTable.MEASURE) + (currency == null ? "" : "|" + currency);
  }

  private static Period period(LocalDate start, Map<String, Row> components) {
    Row total = components.get("total");
    return new Period(start, total.getAs(ForecastConversionsTable.IS_PARTIAL_PERIOD),
        total.getAs(ForecastConversionsTable.FORECAST_P10), total.getAs(ForecastConversionsTable.FORECAST_P50),
        total.getAs(ForecastConversionsTable.FORECAST_P90), p50(components.get("in_flight")),
        p50(components.get("new_entrants")));
  }

  private static Double p50(Row row) {
    return row == null ? null : row.getAs(ForecastConversionsTable.FORECAST_P50);
  }

  private static java.util.function.UnaryOperator<LocalDate> previous(String grain) {
    return grain.equals("week") ? d -> d.minusWeeks(1) : d -> d.minusMonths(1);
  }

  /** Actual periods first (the whole ones before the forecast, then the partial one), then the forecast's. */
  static Fan fan(String label, String from, String unit, String grain, List<Period> periods,
      Map<LocalDate, Long> actual, boolean revenue) {
    java.util.function.UnaryOperator<LocalDate> previous = previous(grain);
    List<LocalDate> starts = new ArrayList<>();
    // Whole periods before the forecast, back to the first with a conversion, at most HISTORY_PERIODS of them.
    LocalDate earliest = actual.keySet().stream().min(LocalDate::compareTo).orElse(null);
    LocalDate start = previous.apply(periods.get(0).start());
    while (earliest != null && starts.size() < HISTORY_PERIODS.get(grain) && !start.isBefore(earliest)) {
      starts.add(0, start);
      start = previous.apply(start);
    }
    periods.forEach(p -> starts.add(p.start()));
    Map<LocalDate, Period> byStart = new HashMap<>();
    periods.forEach(p -> byStart.put(p.start(), p));
    List<String> labels = new ArrayList<>();
    List<Long> actuals = new ArrayList<>();
    List<Double> p10 = new ArrayList<>();
    List<Double> p50 = new ArrayList<>();
    List<Double> p90 = new ArrayList<>();
    List<Double> inFlight = new ArrayList<>();
    List<Double> newEntrants = new ArrayList<>();
    for (LocalDate s : starts) {
      Period p = byStart.get(s);
      labels.add(s + (p != null && p.partial() ? " (current)" : ""));
      boolean past = p == null || p.partial();
      actuals.add(revenue || !past ? null : actual.getOrDefault(s, 0L));
      p10.add(p == null ? null : p.p10());
      p50.add(p == null ? null : p.p50());
      p90.add(p == null ? null : p.p90());
      inFlight.add(p == null ? null : p.inFlightP50());
      newEntrants.add(p == null ? null : p.newEntrantsP50());
    }
    Period next = periods.stream().filter(p -> !p.partial()).findFirst().orElse(periods.get(0));
    String reading = String.format("%s, %s of %s: %s expected (80%% interval %s–%s)%s.", label,
        grain.equals("week") ? "week" : "month", next.start(), Readings.figure(next.p50()), Readings.figure(next.p10()),
        Readings.figure(next.p90()), next.inFlightP50() == null || next.p50() == 0 ? ""
            : String.format(", %s of the median from users already in %s", Readings.percent(Math.min(1,
                next.inFlightP50() / next.p50())), from));
    return new Fan(label, unit, grain, labels, actuals, p10, p50, p90, inFlight, newEntrants, reading);
  }

  /** Conversions per pair, grain and period start (business time zone) from stage_conversions. */
  static Map<String, Map<LocalDate, Long>> actuals(ReportInputs in) {
    Map<String, Map<LocalDate, Long>> actuals = new HashMap<>();
    if (in.stageConversions().isEmpty()) {
      return actuals;
    }
    FunnelcastConfig config = in.config();
    Column day = CohortPeriods.businessDay(col("to_at"), config.businessTimeZone());
    Dataset<Row> converted = in.stageConversions().get().filter(col("is_converted"));
    for (Map.Entry<String, Column> grain : Map.of("week", CohortPeriods.weekStart(day, config.weekStart()),
        "month", CohortPeriods.monthStart(day)).entrySet()) {
      for (Row row : converted.groupBy(col("from_stage"), col("to_stage"), grain.getValue().as("period"))
          .agg(count(lit(1)).as("n")).collectAsList()) {
        actuals.computeIfAbsent(CohortSection.key(row.getAs("from_stage"), row.getAs("to_stage")) + "|" + grain.getKey(),
            k -> new HashMap<>()).put(EventTimes.localDate(row.getAs("period")), row.getAs("n"));
      }
    }
    return actuals;
  }
}
