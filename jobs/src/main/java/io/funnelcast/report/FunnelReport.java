package io.funnelcast.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.funnelcast.tables.DeltaTables;
import io.funnelcast.tables.FunnelSummaryTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;

/** The short funnel printed after a conversion run, from funnel_summary (all cohorts) as of the run date. */
public final class FunnelReport {
  private FunnelReport() {}

  /** One printed step. */
  record Step(int index, String from, String to, long reached, long converted, double rate, Double medianDays) {}

  public static String render(DeltaTables tables, LocalDate asOf) {
    List<Step> steps = new ArrayList<>();
    for (Row row : tables.read(FunnelSummaryTable.SPEC)
        .filter(col("as_of_date").equalTo(lit(asOf)).and(col("cohort_month").isNull()))
        .orderBy("step_index")
        .select("step_index", "from_stage", "to_stage", "reached_count", "converted_count", "conversion_rate",
            "time_p50_days")
        .collectAsList()) {
      steps.add(new Step(row.getInt(0), row.getString(1), row.getString(2), row.getLong(3), row.getLong(4),
          row.getDouble(5), row.isNullAt(6) ? null : row.getDouble(6)));
    }
    return format(steps, asOf);
  }

  static String format(List<Step> steps, LocalDate asOf) {
    List<Step> ordered = new ArrayList<>(steps.stream().filter(s -> s.index() > 0).toList());
    steps.stream().filter(s -> s.index() == 0).forEach(ordered::add);
    List<String> labels = ordered.stream()
        .map(s -> s.from() + " -> " + s.to() + (s.index() == 0 ? " (whole funnel)" : "")).toList();
    int width = Math.max(4, labels.stream().mapToInt(String::length).max().orElse(4));
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "funnel as of %s (all cohorts; first arrival at each stage; median over converters)%n", asOf));
    out.append(String.format(Locale.ROOT, "  %-" + width + "s %8s %9s %7s %12s%n", "step", "reached", "converted",
        "rate", "median days"));
    for (int i = 0; i < ordered.size(); i++) {
      Step step = ordered.get(i);
      out.append(String.format(Locale.ROOT, "  %-" + width + "s %8d %9d %6.1f%% %12s%n", labels.get(i),
          step.reached(), step.converted(), 100 * step.rate(),
          step.medianDays() == null ? "-" : String.format(Locale.ROOT, "%.2f", step.medianDays())));
    }
    return out.toString();
  }
}
