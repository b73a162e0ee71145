package io.funnelcast.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.funnelcast.config.StagePair;
import io.funnelcast.conversion.KaplanMeier;
import io.funnelcast.lifecycle.LifecycleTables;
import io.funnelcast.report.ReportData.CurveSet;
import io.funnelcast.tables.LifecycleDailyTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The Kaplan–Meier curves drawn from the tables: per cohort from cohort_conversion, per segment recomputed. */
final class CohortCurves {
  private CohortCurves() {}

  static CurveSet byCohort(StagePair pair, String grain, List<Row> cohorts, List<Integer> days) {
    List<ReportData.Curve> curves = new ArrayList<>();
    for (Row cohort : cohorts) {
      curves.add(curve(grain + " of " + cohort.getAs("cohort_start"), cohort.getAs("entrants_count"),
          cohort.getList(cohort.fieldIndex("km_curve"))));
    }
    return new CurveSet("cohort", curves, reading(pair, curves, days));
  }

  /** Over all cohorts, per segment value (the largest few) and for all users, from stage_conversions. */
  static Map<String, CurveSet> bySegment(io.funnelcast.config.FunnelcastConfig config, Dataset<Row> conversions,
      List<Integer> days) {
    Dataset<Row> rows = LifecycleTables.perSegment(conversions.select(col("from_stage"), col("to_stage"),
        col("duration_seconds"), col("is_converted"), col("segments")));
    List<String> keys = List.of("from_stage", "to_stage", "segment_name", "segment_value");
    Dataset<Row> entrants = rows.groupBy("from_stage", "to_stage", "segment_name", "segment_value")
        .agg(count(lit(1)).as("entrants"));
    List<Row> curves = KaplanMeier.curve(rows, keys, days)
        .join(entrants, scala.collection.JavaConverters.asScalaBuffer(keys).toSeq())
        .orderBy(col("from_stage"), col("to_stage"), col("segment_name"), col("entrants").desc()).collectAsList();
    Map<String, CurveSet> sets = new LinkedHashMap<>();
    for (StagePair pair : config.conversion().pairs()) {
      String key = CohortSection.key(pair.from(), pair.to());
      List<ReportData.Curve> kept = new ArrayList<>();
      Map<String, Integer> perSegment = new LinkedHashMap<>();
      for (Row row : curves) {
        String segment = row.getAs("segment_name");
        if (!CohortSection.key(row.getAs("from_stage"), row.getAs("to_stage")).equals(key)
            || perSegment.merge(segment, 1, Integer::sum) > Math.min(CohortSection.MAX_CURVES, config.report().maxSegmentValues())) {
          continue;
        }
        String label = segment.equals(LifecycleDailyTable.ALL) ? "all users" : segment + ": " + row.getAs("segment_value");
        kept.add(curve(label, row.getAs("entrants"), row.getList(row.fieldIndex("km_curve"))));
      }
      if (!kept.isEmpty()) {
        sets.put(key + "|segment", new CurveSet("segment", kept, reading(pair, kept, days)));
      }
    }
    return sets;
  }

  static ReportData.Curve curve(String label, long entrants, List<Row> points) {
    return new ReportData.Curve(label, entrants, observed(points, "conversion_rate"), observed(points, "ci_low"),
        observed(points, "ci_high"));
  }

  /**
   * A curve field at each day, null past the observation: a day counts while someone was still at risk at the
   * day before it (the first day always), since the estimate stays flat once no one is left to observe.
   */
  static List<Double> observed(List<Row> points, String field) {
    List<Double> values = new ArrayList<>();
    long atRiskBefore = 1;
    for (Row point : points) {
      values.add(atRiskBefore > 0 ? point.<Double>getAs(field) : null);
      atRiskBefore = point.<Long>getAs("at_risk_count");
    }
    return values;
  }

  /** About the largest curve, at the longest observed day. */
  static String reading(StagePair pair, List<ReportData.Curve> curves, List<Integer> days) {
    ReportData.Curve largest = curves.stream().max((a, b) -> Long.compare(a.entrants(), b.entrants())).orElseThrow();
    for (int j = largest.rate().size() - 1; j >= 0; j--) {
      if (largest.rate().get(j) != null) {
        return String.format("By day %d, %s (95%% interval %s–%s) of %s's %s entrants into %s had reached %s.",
            days.get(j), Readings.percent(largest.rate().get(j)), Readings.percent(largest.low().get(j)),
            Readings.percent(largest.high().get(j)), largest.label(), Readings.count(largest.entrants()), pair.from(),
            pair.to());
      }
    }
    return "No entrant has been observed for a day yet.";
  }
}
