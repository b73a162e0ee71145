package io.funnelcast.report;

import static org.apache.spark.sql.functions.col;

import io.funnelcast.config.CohortGrain;
import io.funnelcast.config.StagePair;
import io.funnelcast.report.ReportData.Choice;
import io.funnelcast.report.ReportData.Cohorts;
import io.funnelcast.report.ReportData.CurveSet;
import io.funnelcast.report.ReportData.Distribution;
import io.funnelcast.report.ReportData.Heatmap;
import io.funnelcast.tables.LifecycleDailyTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Cohorts: the heat map of Kaplan–Meier conversion by cohort and day (cohort_conversion as of the date), the
 * curves with their 95% bands by cohort or by segment, and the converters' time to convert (stage_conversions).
 */
final class CohortSection {
  /** Curves drawn at most in one chart, the latest cohorts or the largest segment values. */
  static final int MAX_CURVES = 6;

  private CohortSection() {}

  static Cohorts read(ReportInputs in) {
    if (in.cohortConversion().isEmpty()) {
      return Cohorts.missing("No cohort figures as of " + in.asOf() + " yet: the conversion job has not run for it.");
    }
    List<Row> all = in.cohortConversion().get().filter(col("segment_name").equalTo(LifecycleDailyTable.ALL))
        .orderBy("from_stage", "to_stage", "cohort_grain", "cohort_start").collectAsList();
    if (all.isEmpty()) {
      return Cohorts.missing("No one has entered a measured pair's first stage by " + in.asOf() + ".");
    }
    List<Integer> days = in.config().conversion().curveDays();
    List<Choice> pairs = new ArrayList<>();
    Map<String, Heatmap> heatmaps = new LinkedHashMap<>();
    Map<String, CurveSet> curves = new LinkedHashMap<>();
    for (StagePair pair : in.config().conversion().pairs()) {
      String key = key(pair.from(), pair.to());
      List<Row> rows = all.stream().filter(r -> key(r.getAs("from_stage"), r.getAs("to_stage")).equals(key)).toList();
      if (rows.isEmpty()) {
        continue;
      }
      pairs.add(new Choice(key, Readings.pair(pair.from(), pair.to())));
      List<String> grains = Arrays.stream(CohortGrain.values()).map(CohortGrain::key)
          .filter(g -> rows.stream().anyMatch(r -> g.equals(r.getAs("cohort_grain")))).toList();
      for (String grain : grains) {
        heatmaps.put(key + "|" + grain, heatmap(pair, grain,
            rows.stream().filter(r -> grain.equals(r.getAs("cohort_grain"))).toList(), days));
      }
      String coarsest = grains.contains("month") ? "month" : grains.get(grains.size() - 1);
      List<Row> byCohort = rows.stream().filter(r -> coarsest.equals(r.getAs("cohort_grain"))).toList();
      curves.put(key + "|cohort", CohortCurves.byCohort(pair, coarsest,
          byCohort.subList(Math.max(0, byCohort.size() - MAX_CURVES), byCohort.size()), days));
    }
    String note = null;
    Map<String, Distribution> distributions = Map.of();
    if (in.stageConversions().isPresent()) {
      curves.putAll(CohortCurves.bySegment(in.config(), in.stageConversions().get(), days));
      distributions = ConversionTimes.read(in.stageConversions().get());
    } else {
      note = in.perUserNote(in.conversionsAsOf(), "Curves per segment and times to convert");
    }
    return new Cohorts(null, pairs, days, heatmaps, curves, distributions, note);
  }

  static String key(String from, String to) {
    return from + "->" + to;
  }

  static Heatmap heatmap(StagePair pair, String grain, List<Row> cohorts, List<Integer> days) {
    List<String> labels = new ArrayList<>();
    List<Long> entrants = new ArrayList<>();
    List<Double> inFlight = new ArrayList<>();
    List<List<Double>> rates = new ArrayList<>();
    for (Row cohort : cohorts) {
      labels.add(cohort.getAs("cohort_start").toString());
      long n = cohort.getAs("entrants_count");
      entrants.add(n);
      inFlight.add(n == 0 ? 0 : (double) cohort.<Long>getAs("in_flight_count") / n);
      rates.add(CohortCurves.observed(cohort.getList(cohort.fieldIndex("km_curve")), "conversion_rate"));
    }
    return new Heatmap(grain, labels, entrants, inFlight, rates, heatmapReading(pair, grain, labels, entrants,
        inFlight, rates, days));
  }

  /** About the largest cohort, at the longest time it has been observed. */
  static String heatmapReading(StagePair pair, String grain, List<String> labels, List<Long> entrants,
      List<Double> inFlight, List<List<Double>> rates, List<Integer> days) {
    int largest = 0;
    for (int i = 1; i < entrants.size(); i++) {
      if (entrants.get(i) > entrants.get(largest)) {
        largest = i;
      }
    }
    List<Double> row = rates.get(largest);
    int day = -1;
    for (int j = 0; j < row.size(); j++) {
      if (row.get(j) != null) {
        day = j;
      }
    }
    String cohort = (grain.equals("month") ? "month of " : grain.equals("week") ? "week of " : "day ")
        + labels.get(largest);
    if (day < 0) {
      return "The " + cohort + " cohort has not been observed for a day yet.";
    }
    return String.format("%s of the %s cohort (%s entrants into %s) reached %s within %d %s (Kaplan–Meier);"
        + " %s of it is still in flight.", Readings.percent(row.get(day)), cohort, Readings.count(entrants.get(largest)),
        pair.from(), pair.to(), days.get(day), days.get(day) == 1 ? "day" : "days",
        Readings.percent(inFlight.get(largest)));
  }
}
