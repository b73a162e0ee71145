package io.funnelcast.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.funnelcast.tables.DeltaTables;
import io.funnelcast.tables.ForecastConversionsTable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * The forecast's in-flight conversions over its whole weeks against the generator's planted future
 * (truth/expected.json, future_pair_conversions_per_week), per adjacent pair and pooled, for all users.
 *
 * @param pairs per pair: forecast p50, planted
 */
record InFlightCheck(Map<String, double[]> pairs) {
  static final double POOLED_TOLERANCE = 0.05;

  static InFlightCheck of(DeltaTables tables, LocalDate asOf, Path truth) throws IOException {
    Map<String, double[]> pairs = new TreeMap<>();
    List<Row> totals = tables.read(ForecastConversionsTable.SPEC)
        .filter(col("as_of_date").equalTo(lit(asOf)).and(col("segment_name").equalTo("all"))
            .and(col("period_grain").equalTo("weeks_total")).and(col("component").equalTo("in_flight"))
            .and(col("measure").equalTo("conversions")))
        .select("from_stage", "to_stage", "period_start", "period_end", "forecast_p50").collectAsList();
    JsonNode planted = new ObjectMapper().readTree(truth.toFile()).get("future_pair_conversions_per_week");
    for (Row row : totals) {
      String pair = row.getString(0) + " -> " + row.getString(1);
      LocalDate from = row.getAs(2);
      LocalDate to = row.getAs(3);
      double sum = 0;
      for (JsonNode week : planted) {
        LocalDate start = LocalDate.parse(week.get("week_start").asText());
        if ((week.get("from").asText() + " -> " + week.get("to").asText()).equals(pair) && !start.isBefore(from)
            && !start.isAfter(to)) {
          sum += week.get("in_flight").asLong();
        }
      }
      pairs.put(pair, new double[] {row.getDouble(4), sum});
    }
    return new InFlightCheck(pairs);
  }

  double pooledError() {
    double forecast = pairs.values().stream().mapToDouble(v -> v[0]).sum();
    double planted = pairs.values().stream().mapToDouble(v -> v[1]).sum();
    return planted == 0 ? Double.NaN : forecast / planted - 1;
  }

  boolean passes() {
    return !pairs.isEmpty() && Math.abs(pooledError()) <= POOLED_TOLERANCE;
  }

  List<String> lines() {
    List<String> lines = new ArrayList<>();
    pairs.forEach((pair, v) -> lines.add(String.format(Locale.ROOT, "%s: in flight p50 %.0f, planted %.0f (%+.1f%%)",
        pair, v[0], v[1], 100 * (v[0] / v[1] - 1))));
    lines.add(String.format(Locale.ROOT, "all pairs: %+.2f%% (target within +-%.0f%%)", 100 * pooledError(),
        100 * POOLED_TOLERANCE));
    return lines;
  }
}
