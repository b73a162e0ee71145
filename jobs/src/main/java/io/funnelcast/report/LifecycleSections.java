package io.funnelcast.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.funnelcast.report.ReportData.Count;
import io.funnelcast.report.ReportData.Headline;
import io.funnelcast.report.ReportData.Population;
import io.funnelcast.report.ReportData.StageCount;
import io.funnelcast.report.ReportData.StageSeries;
import io.funnelcast.report.ReportData.Step;
import io.funnelcast.tables.LifecycleDailyTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The headline and the stage population over time, from lifecycle_daily (all users) and funnel_summary. */
final class LifecycleSections {
  static final List<String> STATUSES = List.of("new", "active", "dormant", "resurrected", "churned");

  private LifecycleSections() {}

  /** One stage on one day, all users: the lifecycle_daily columns the report shows. */
  record Day(LocalDate day, String stage, long users, long entered, long exited, Map<String, Long> byStatus) {}

  static List<Day> days(Dataset<Row> lifecycleDaily) {
    List<Day> days = new ArrayList<>();
    for (Row row : lifecycleDaily.filter(col("segment_name").equalTo(lit(LifecycleDailyTable.ALL))).collectAsList()) {
      Map<String, Long> byStatus = new LinkedHashMap<>();
      STATUSES.forEach(status -> byStatus.put(status, row.<Long>getAs("users_" + status)));
      days.add(new Day(io.funnelcast.ingest.EventTimes.localDate(row.getAs("day")), row.getAs("stage"),
          row.<Long>getAs("users_in_stage"), row.<Long>getAs("entered_count"), row.<Long>getAs("exited_count"),
          byStatus));
    }
    return days;
  }

  static Headline headline(ReportInputs in, List<Day> days, List<Step> wholeFunnel) {
    if (in.lifecycleDaily().isEmpty()) {
      return Headline.missing("No lifecycle tables yet: the lifecycle job has not run.");
    }
    return headline(in.config().lifecycle().model().stageNames(), in.asOf(), days,
        wholeFunnel.stream().filter(s -> s.index() == 0).findFirst().orElse(null));
  }

  static Headline headline(List<String> stages, LocalDate asOf, List<Day> days, Step whole) {
    LocalDate weekAgo = asOf.minusDays(7);
    LocalDate monthAgo = asOf.minusDays(30);
    Map<LocalDate, Map<String, Day>> byDay = byDay(days);
    Map<String, Day> now = byDay.get(asOf);
    if (now == null) {
      return Headline.missing("lifecycle_daily has no row for " + asOf + ": the lifecycle job has not run for it.");
    }
    List<StageCount> counts = new ArrayList<>();
    Map<String, Long> statuses = new LinkedHashMap<>();
    STATUSES.forEach(status -> statuses.put(status, 0L));
    for (String stage : stages) {
      Day today = now.get(stage);
      counts.add(new StageCount(stage, today == null ? 0 : today.users(), users(byDay, weekAgo, stage),
          users(byDay, monthAgo, stage)));
      if (today != null) {
        today.byStatus().forEach((status, n) -> statuses.merge(status, n, Long::sum));
      }
    }
    long total = counts.stream().mapToLong(StageCount::now).sum();
    StageCount largest = counts.stream().max((a, b) -> Long.compare(a.now(), b.now())).orElseThrow();
    long active = statuses.get("new") + statuses.get("active") + statuses.get("resurrected");
    String reading = String.format("%s users have a stage on %s, %s of them in %s; %s are new, active or resurrected.",
        Readings.count(total), asOf, total == 0 ? "none" : Readings.percent((double) largest.now() / total),
        largest.stage(), total == 0 ? "none" : Readings.percent((double) active / total));
    if (whole != null) {
      reading += String.format(" %s of the %s users who reached %s went on to %s%s.", Readings.percent(whole.rate()),
          Readings.count(whole.reached()), whole.from(), whole.to(),
          whole.medianDays() == null ? "" : ", in a median of " + Readings.days(whole.medianDays()));
    }
    return new Headline(null, weekAgo.toString(), monthAgo.toString(), counts,
        statuses.entrySet().stream().map(e -> new Count(e.getKey(), e.getValue())).toList(), whole, reading);
  }

  static Population population(ReportInputs in, List<Day> days) {
    if (in.lifecycleDaily().isEmpty()) {
      return Population.missing("No lifecycle tables yet: the lifecycle job has not run.");
    }
    return population(in.config().lifecycle().model().stageNames(), days);
  }

  static Population population(List<String> stages, List<Day> days) {
    if (days.isEmpty()) {
      return Population.missing("lifecycle_daily has no days up to the report's date.");
    }
    Map<LocalDate, Map<String, Day>> byDay = byDay(days);
    List<LocalDate> dates = new ArrayList<>(byDay.keySet());
    List<StageSeries> series = new ArrayList<>();
    for (String stage : stages) {
      List<Long> users = new ArrayList<>();
      List<Long> entered = new ArrayList<>();
      List<Long> exited = new ArrayList<>();
      for (LocalDate date : dates) {
        Day day = byDay.get(date).get(stage);
        users.add(day == null ? 0 : day.users());
        entered.add(day == null ? 0 : day.entered());
        exited.add(day == null ? 0 : day.exited());
      }
      series.add(new StageSeries(stage, users, entered, exited));
    }
    LocalDate last = dates.get(dates.size() - 1);
    long enteredLast = series.stream().mapToLong(s -> s.entered().get(s.entered().size() - 1)).sum();
    long exitedLast = series.stream().mapToLong(s -> s.exited().get(s.exited().size() - 1)).sum();
    long usersFirst = series.stream().mapToLong(s -> s.users().get(0)).sum();
    long usersLast = series.stream().mapToLong(s -> s.users().get(s.users().size() - 1)).sum();
    String reading = String.format("Users with a stage went from %s on %s to %s on %s; on %s, %s stage visits"
        + " started and %s ended.", Readings.count(usersFirst), dates.get(0), Readings.count(usersLast), last, last,
        Readings.count(enteredLast), Readings.count(exitedLast));
    return new Population(null, dates.stream().map(LocalDate::toString).toList(), series, reading);
  }

  private static Map<LocalDate, Map<String, Day>> byDay(List<Day> days) {
    Map<LocalDate, Map<String, Day>> byDay = new TreeMap<>();
    days.forEach(day -> byDay.computeIfAbsent(day.day(), d -> new LinkedHashMap<>()).put(day.stage(), day));
    return byDay;
  }

  private static Long users(Map<LocalDate, Map<String, Day>> byDay, LocalDate day, String stage) {
    Map<String, Day> stages = byDay.get(day);
    if (stages == null) {
      return null;
    }
    Day row = stages.get(stage);
    return row == null ? 0L : row.users();
  }
}
