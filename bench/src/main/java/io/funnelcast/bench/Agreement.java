package io.funnelcast.bench;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Whether Funnelcast's cohort_conversion and the DuckDB peer give the same figures for the same cohorts.
 *
 * @param rows cohort rows compared
 * @param maxDifference largest absolute difference over every figure
 * @param problems keys on one side only, and figures that differ by more than 1e-9
 */
record Agreement(int rows, double maxDifference, List<String> problems) {
  static final double TOLERANCE = 1e-9;

  boolean agrees() {
    return problems.isEmpty() && rows > 0;
  }

  static Agreement check(Map<String, double[]> peer, SparkSession spark, Dataset<Row> cohorts) {
    Map<String, double[]> ours = new TreeMap<>();
    for (Row row : cohorts.filter(col("cohort_grain").equalTo("month"))
        .filter("(from_stage = 'awareness' AND to_stage = 'engagement')"
            + " OR (from_stage = 'engagement' AND to_stage = 'conversion')")
        .filter(col("segment_name").isin("all", "channel")).collectAsList()) {
      List<Row> within = row.getList(row.fieldIndex("within"));
      ours.put(row.getAs("from_stage") + " -> " + row.getAs("to_stage") + " | " + row.getAs("cohort_start") + " | "
          + row.getAs("segment_name") + "=" + row.getAs("segment_value"), new double[] {
              row.<Long>getAs("entrants_count"), row.<Long>getAs("converted_count"),
              row.<Long>getAs("in_flight_count"), row.<Double>getAs("conversion_rate"),
              orNaN(row.getAs("converted_time_p25_days")), orNaN(row.getAs("converted_time_p50_days")),
              orNaN(row.getAs("converted_time_p75_days")), orNaN(row.getAs("converted_time_p90_days")),
              orNaN(row.getAs("converted_time_mean_days")),
              horizon(within, 7.0)[0], horizon(within, 7.0)[1], horizon(within, 30.0)[0], horizon(within, 30.0)[1]});
    }
    List<String> problems = new ArrayList<>();
    double max = 0;
    for (String key : ours.keySet()) {
      double[] theirs = peer.get(key);
      if (theirs == null) {
        problems.add("only in Funnelcast: " + key);
        continue;
      }
      double[] mine = ours.get(key);
      for (int i = 0; i < mine.length; i++) {
        boolean bothMissing = Double.isNaN(mine[i]) && Double.isNaN(theirs[i]);
        double difference = bothMissing ? 0 : Math.abs(mine[i] - theirs[i]);
        if (Double.isNaN(difference) || difference > TOLERANCE) {
          problems.add(key + " " + DuckDbPeer.FIGURES.get(i) + ": Funnelcast " + mine[i] + ", DuckDB " + theirs[i]);
        } else {
          max = Math.max(max, difference);
        }
      }
    }
    for (String key : peer.keySet()) {
      if (!ours.containsKey(key)) {
        problems.add("only in DuckDB: " + key);
      }
    }
    return new Agreement(ours.size(), max, problems);
  }

  private static double[] horizon(List<Row> within, double days) {
    for (Row horizon : within) {
      if (horizon.getDouble(0) == days) {
        return new double[] {horizon.getLong(1), horizon.getLong(2)};
      }
    }
    throw new IllegalStateException("no " + days + "-day horizon in cohort_conversion.within");
  }

  private static double orNaN(Double value) {
    return value == null ? Double.NaN : value;
  }
}
