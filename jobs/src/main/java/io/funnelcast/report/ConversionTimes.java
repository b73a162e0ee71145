package io.funnelcast.report;

import static io.funnelcast.metrics.Aggregates.percentiles;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import io.funnelcast.metrics.Aggregates;
import io.funnelcast.report.ReportData.Distribution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Converters' days to convert per pair: a histogram in equal bins and the exact percentiles. */
final class ConversionTimes {
  /** Bins a histogram aims at; their width is rounded to 1, 2 or 5 times a power of ten. */
  static final int BINS = 30;

  private ConversionTimes() {}

  static Map<String, Distribution> read(Dataset<Row> conversions) {
    Dataset<Row> converted = conversions.filter(col("is_converted"));
    Map<String, Distribution> distributions = new LinkedHashMap<>();
    Map<String, Double> widths = new LinkedHashMap<>();
    Map<String, Row> summaries = new LinkedHashMap<>();
    for (Row row : converted.groupBy("from_stage", "to_stage")
        .agg(count(lit(1)).as("n"), max("duration_days").as("max"), percentiles(col("duration_days")).as("p"))
        .collectAsList()) {
      String key = CohortSection.key(row.getAs("from_stage"), row.getAs("to_stage"));
      widths.put(key, binWidth(row.<Double>getAs("max")));
      summaries.put(key, row);
    }
    if (summaries.isEmpty()) {
      return distributions;
    }
    Map<String, Map<Long, Long>> bins = new LinkedHashMap<>();
    Column width = null;
    for (Row summary : summaries.values()) {
      Column isPair = col("from_stage").equalTo(summary.<String>getAs("from_stage"))
          .and(col("to_stage").equalTo(summary.<String>getAs("to_stage")));
      double w = widths.get(CohortSection.key(summary.getAs("from_stage"), summary.getAs("to_stage")));
      width = width == null ? when(isPair, w) : width.when(isPair, w);
    }
    for (Row row : converted.withColumn("bin", floor(col("duration_days").divide(width)))
        .groupBy("from_stage", "to_stage", "bin").agg(count(lit(1)).as("n")).collectAsList()) {
      bins.computeIfAbsent(CohortSection.key(row.getAs("from_stage"), row.getAs("to_stage")), k -> new TreeMap<>())
          .put(row.<Long>getAs("bin"), row.<Long>getAs("n"));
    }
    for (Map.Entry<String, Row> summary : summaries.entrySet()) {
      distributions.put(summary.getKey(), distribution(summary.getValue(), widths.get(summary.getKey()),
          bins.getOrDefault(summary.getKey(), Map.of())));
    }
    return distributions;
  }

  static double binWidth(double maxDays) {
    double raw = Math.max(maxDays, 1e-6) / BINS;
    int exponent = (int) Math.floor(Math.log10(raw));
    for (int step : new int[] {1, 2, 5, 10}) {
      // Integer over a power of ten, so 0.1 is the double nearest to 0.1.
      double width = exponent >= 0 ? step * Math.pow(10, exponent) : step / Math.pow(10, -exponent);
      if (raw <= width) {
        return width;
      }
    }
    throw new IllegalStateException("no bin width for " + maxDays);
  }

  static Distribution distribution(Row summary, double width, Map<Long, Long> bins) {
    long last = bins.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
    List<Double> starts = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    for (long bin = 0; bin <= last; bin++) {
      starts.add(bin * width);
      counts.add(bins.getOrDefault(bin, 0L));
    }
    Map<String, Double> points = new LinkedHashMap<>();
    List<Double> p = summary.getList(summary.fieldIndex("p"));
    for (int i = 0; i < Aggregates.POINTS.size(); i++) {
      points.put(Aggregates.POINTS.get(i), p.get(i));
    }
    long n = summary.getAs("n");
    String reading = String.format("Of %s converters from %s to %s, half took at most %s and nine in ten at most %s.",
        Readings.count(n), summary.getAs("from_stage"), summary.getAs("to_stage"), Readings.days(points.get("p50")),
        Readings.days(points.get("p90")));
    return new Distribution(n, width, starts, counts, points, reading);
  }
}
