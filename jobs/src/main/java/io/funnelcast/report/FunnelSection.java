package io.funnelcast.report;

import static org.apache.spark.sql.functions.col;

import io.funnelcast.conversion.FunnelSummary;
import io.funnelcast.lifecycle.LifecycleTables;
import io.funnelcast.report.ReportData.Choice;
import io.funnelcast.report.ReportData.Funnel;
import io.funnelcast.report.ReportData.FunnelView;
import io.funnelcast.report.ReportData.Step;
import io.funnelcast.tables.LifecycleDailyTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The funnel: users per stage with step rates and median step times, for all users (funnel_summary as of the
 * date) and per segment value (the same computation, FunnelSummary.bySegment, over the stage history).
 */
final class FunnelSection {
  static final String ALL = LifecycleDailyTable.ALL + "=" + LifecycleDailyTable.ALL;

  private FunnelSection() {}

  /** funnel_summary's all-cohort steps as of the date, the steps first and the whole funnel (0) last. */
  static List<Step> allUsers(ReportInputs in) {
    return in.funnelSummary().map(rows -> steps(rows.filter(col("cohort_month").isNull()))).orElse(List.of());
  }

  static Funnel read(ReportInputs in, List<Step> allUsers) {
    if (allUsers.isEmpty()) {
      return Funnel.missing("No funnel as of " + in.asOf() + " yet: the conversion job has not run for it.");
    }
    Map<String, FunnelView> views = new LinkedHashMap<>();
    List<Choice> choices = new ArrayList<>(List.of(new Choice(ALL, "All users")));
    views.put(ALL, view("All users", allUsers));
    String note = null;
    if (in.history().isPresent() && in.users().isPresent()) {
      Dataset<Row> segments = LifecycleTables.perSegment(in.users().get().select(col("user_id"), col("segments")))
          .select(col("user_id"), col("segment_name"), col("segment_value"))
          .filter(col("segment_name").notEqual(LifecycleDailyTable.ALL));
      Dataset<Row> rows = FunnelSummary.bySegment(in.history().get().join(segments, "user_id"),
          in.config().lifecycle().model().stageNames(), in.config().businessTimeZone());
      Map<String, List<Row>> bySegment = new LinkedHashMap<>();
      for (Row row : rows.orderBy("segment_name", "segment_value").collectAsList()) {
        bySegment.computeIfAbsent(row.<String>getAs("segment_name") + "=" + row.<String>getAs("segment_value"),
            k -> new ArrayList<>()).add(row);
      }
      for (Map.Entry<String, List<Row>> segment : largest(bySegment, in.config().report().maxSegmentValues())) {
        Row first = segment.getValue().get(0);
        String label = first.<String>getAs("segment_name") + ": " + first.<String>getAs("segment_value");
        choices.add(new Choice(segment.getKey(), label));
        views.put(segment.getKey(), view(label, toSteps(segment.getValue())));
      }
    } else {
      note = in.perUserNote(in.lifecycleAsOf(), "Funnels per segment");
    }
    return new Funnel(null, choices, views, note);
  }

  /** Of each segment, the values with the most users at the first stage, at most {@code max}. */
  private static List<Map.Entry<String, List<Row>>> largest(Map<String, List<Row>> bySegment, int max) {
    Map<String, List<Map.Entry<String, List<Row>>>> byName = new LinkedHashMap<>();
    bySegment.entrySet().forEach(e -> byName.computeIfAbsent(e.getValue().get(0).<String>getAs("segment_name"),
        k -> new ArrayList<>()).add(e));
    List<Map.Entry<String, List<Row>>> kept = new ArrayList<>();
    for (List<Map.Entry<String, List<Row>>> values : byName.values()) {
      values.stream().sorted(Comparator.comparingLong((Map.Entry<String, List<Row>> e) -> -reached(e.getValue())))
          .limit(max).forEach(kept::add);
    }
    return kept;
  }

  private static long reached(List<Row> steps) {
    return steps.stream().filter(r -> r.<Integer>getAs("step_index") == 0).mapToLong(r -> r.<Long>getAs("reached_count"))
        .findFirst().orElse(0);
  }

  static List<Step> steps(Dataset<Row> rows) {
    return toSteps(rows.collectAsList());
  }

  private static List<Step> toSteps(List<Row> rows) {
    List<Step> steps = new ArrayList<>();
    for (Row row : rows) {
      steps.add(new Step(row.getAs("step_index"), row.getAs("from_stage"), row.getAs("to_stage"),
          row.<Long>getAs("reached_count"), row.<Long>getAs("converted_count"), row.<Double>getAs("conversion_rate"),
          row.getAs("time_p50_days")));
    }
    steps.sort(Comparator.comparingInt((Step s) -> s.index() == 0 ? Integer.MAX_VALUE : s.index()));
    return steps;
  }

  static FunnelView view(String label, List<Step> steps) {
    List<Step> ladder = steps.stream().filter(s -> s.index() > 0).toList();
    String reading = null;
    if (!ladder.isEmpty()) {
      Step first = ladder.get(0);
      Step weakest = ladder.stream().min(Comparator.comparingDouble(Step::rate)).orElseThrow();
      reading = String.format("%s: %s of the %s users who reached %s reached %s%s; the weakest step is %s (%s).",
          label, Readings.percent(first.rate()), Readings.count(first.reached()), first.from(), first.to(),
          first.medianDays() == null ? "" : " (median " + Readings.days(first.medianDays()) + ")",
          Readings.pair(weakest.from(), weakest.to()), Readings.percent(weakest.rate()));
    }
    return new FunnelView(label, steps, reading);
  }
}
