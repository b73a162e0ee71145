package io.funnelcast.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.funnelcast.config.StagePair;
import io.funnelcast.tables.CohortConversionTable;
import io.funnelcast.tables.UserStageHistoryTable;
import io.funnelcast.testing.PipelineHarness;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.funnelcast.testing.SparkExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * cohort_conversion computed a second, independent way: DuckDB SQL over user_stage_history exported to
 * Parquet pairs the attempts, applies windows and censoring and aggregates the cohorts; the Kaplan–Meier
 * curve is a plain product-limit loop in Java over DuckDB's per-attempt rows. Both must agree with the
 * Spark job on data-samples (segment 'all', every pair and cohort grain).
 */
@ExtendWith(SparkExtension.class)
class ConversionCrossCheckTest {
  static final LocalDate FIRST = LocalDate.of(2026, 11, 2);
  static final LocalDate LAST = LocalDate.of(2026, 11, 5);

  @TempDir
  Path temp;

  @Test
  void duckDbAgreesWithTheJob() throws SQLException {
    PipelineHarness harness = new PipelineHarness(PipelineHarness.dataSamples(), temp.resolve("warehouse"),
        ConversionJobTest.CONFIG);
    for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
      harness.ingest(day);
    }
    harness.lifecycle(LAST, true);
    harness.conversion(LAST);
    Path history = temp.resolve("history");
    harness.tables().read(UserStageHistoryTable.SPEC).write().parquet(history.toString());

    List<StagePair> pairs = harness.config().conversion().pairs();
    List<Integer> curveDays = harness.config().conversion().curveDays();
    Map<String, double[]> spark = new TreeMap<>();
    Map<String, double[]> sparkCurves = new TreeMap<>();
    for (Row row : harness.tables().read(CohortConversionTable.SPEC).filter("segment_name = 'all'").collectAsList()) {
      String key = row.getAs("cohort_grain") + " " + row.getAs("cohort_start") + " " + row.getAs("from_stage") + "->"
          + row.getAs("to_stage");
      List<Row> within = row.getList(row.fieldIndex("within"));
      spark.put(key, new double[] {row.<Long>getAs("entrants_count"), row.<Long>getAs("converted_count"),
          row.<Long>getAs("in_flight_count"), row.<Double>getAs("conversion_rate"),
          orNaN(row.getAs("converted_time_p25_days")), orNaN(row.getAs("converted_time_p50_days")),
          orNaN(row.getAs("converted_time_p75_days")), orNaN(row.getAs("converted_time_p90_days")),
          orNaN(row.getAs("converted_time_mean_days")),
          within.get(0).getLong(1), within.get(0).getLong(2), within.get(1).getLong(1), within.get(1).getLong(2)});
      List<Row> curve = row.getList(row.fieldIndex("km_curve"));
      sparkCurves.put(key, curve.stream().mapToDouble(point -> point.getDouble(1)).toArray());
    }

    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = duck.createStatement()) {
      sql.execute("CREATE VIEW h AS SELECT * FROM read_parquet('" + history + "/*.parquet')");
      sql.execute("CREATE TABLE pairs(from_stage VARCHAR, to_stage VARCHAR, window_s BIGINT)");
      for (StagePair pair : pairs) {
        sql.execute("INSERT INTO pairs VALUES ('" + pair.from() + "', '" + pair.to() + "', "
            + pair.window().toSeconds() + ")");
      }
      String observedUntil = "TIMESTAMP '" + LAST.plusDays(1) + " 00:00:00'";
      sql.execute("""
          CREATE TABLE attempts AS
          WITH starts AS (
            SELECT h.user_id, p.from_stage, p.to_stage, p.window_s, h.attempt, h.entered_at AS from_at,
                   lead(h.entered_at) OVER (PARTITION BY h.user_id, p.from_stage, p.to_stage ORDER BY h.attempt) AS next_at
            FROM h JOIN pairs p ON h.stage = p.from_stage),
          reached AS (
            SELECT s.*, (SELECT min(t.entered_at) FROM h t
                         WHERE t.user_id = s.user_id AND t.stage = s.to_stage AND t.entered_at >= s.from_at
                           AND (s.next_at IS NULL OR t.entered_at < s.next_at)) AS arrived_at
            FROM starts s),
          judged AS (
            SELECT *, from_at + to_seconds(window_s) AS window_end,
                   arrived_at IS NOT NULL AND arrived_at <= from_at + to_seconds(window_s) AS converted
            FROM reached)
          SELECT *,
                 CASE WHEN converted THEN arrived_at
                      ELSE least(%1$s, window_end, coalesce(next_at, %1$s)) END AS ended_at,
                 NOT converted AND window_end > %1$s AND (next_at IS NULL OR next_at >= %1$s) AS in_flight,
                 (epoch_us(%1$s) - epoch_us(from_at)) / 1e6 AS observed_s
          FROM judged""".formatted(observedUntil));
      sql.execute("ALTER TABLE attempts ADD COLUMN duration_s DOUBLE");
      sql.execute("UPDATE attempts SET duration_s = (epoch_us(ended_at) - epoch_us(from_at)) / 1e6");

      Map<String, double[]> duckdb = new TreeMap<>();
      Map<String, List<double[]>> subjects = new HashMap<>();
      for (String grain : List.of("week", "month")) {
        String cohort = "CAST(date_trunc('" + grain + "', from_at) AS DATE)";
        try (ResultSet rs = sql.executeQuery("""
            SELECT '%1$s' || ' ' || %2$s || ' ' || from_stage || '->' || to_stage AS k,
                   count(*), count(*) FILTER (WHERE converted), count(*) FILTER (WHERE in_flight),
                   count(*) FILTER (WHERE converted) / count(*),
                   quantile_cont(duration_s / 86400, 0.25) FILTER (WHERE converted),
                   quantile_cont(duration_s / 86400, 0.5) FILTER (WHERE converted),
                   quantile_cont(duration_s / 86400, 0.75) FILTER (WHERE converted),
                   quantile_cont(duration_s / 86400, 0.9) FILTER (WHERE converted),
                   avg(duration_s / 86400) FILTER (WHERE converted),
                   count(*) FILTER (WHERE observed_s >= 86400),
                   count(*) FILTER (WHERE observed_s >= 86400 AND converted AND duration_s <= 86400),
                   count(*) FILTER (WHERE observed_s >= 7 * 86400),
                   count(*) FILTER (WHERE observed_s >= 7 * 86400 AND converted AND duration_s <= 7 * 86400)
            FROM attempts GROUP BY ALL""".formatted(grain, cohort))) {
          while (rs.next()) {
            double[] values = new double[13];
            for (int i = 0; i < values.length; i++) {
              values[i] = rs.getObject(i + 2) == null ? Double.NaN : rs.getDouble(i + 2);
            }
            duckdb.put(rs.getString(1), values);
          }
        }
        try (ResultSet rs = sql.executeQuery("SELECT '" + grain + "' || ' ' || " + cohort
            + " || ' ' || from_stage || '->' || to_stage, duration_s, converted FROM attempts")) {
          while (rs.next()) {
            subjects.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                .add(new double[] {rs.getDouble(2), rs.getBoolean(3) ? 1 : 0});
          }
        }
      }

      assertThat(spark.keySet()).isEqualTo(duckdb.keySet()).hasSizeGreaterThan(pairs.size());
      for (String key : spark.keySet()) {
        assertThat(spark.get(key)).as(key).containsExactly(duckdb.get(key), within(1e-9));
        assertThat(sparkCurves.get(key)).as("Kaplan–Meier " + key)
            .containsExactly(productLimit(subjects.get(key), curveDays), within(1e-9));
      }
    }
  }

  /** 1 − S(day) at each day, by the product-limit formula, one distinct conversion time at a time. */
  static double[] productLimit(List<double[]> subjects, List<Integer> days) {
    Map<Double, List<double[]>> byTime = subjects.stream()
        .collect(Collectors.groupingBy(s -> s[0], TreeMap::new, Collectors.toList()));
    double[] curve = new double[days.size()];
    for (int i = 0; i < days.size(); i++) {
      double limit = days.get(i) * 86_400D;
      double survival = 1;
      for (Map.Entry<Double, List<double[]>> time : byTime.entrySet()) {
        if (time.getKey() > limit) {
          break;
        }
        long conversions = time.getValue().stream().filter(s -> s[1] == 1).count();
        long atRisk = subjects.stream().filter(s -> s[0] >= time.getKey()).count();
        survival *= 1 - (double) conversions / atRisk;
      }
      curve[i] = 1 - survival;
    }
    return curve;
  }

  static double orNaN(Double value) {
    return value == null ? Double.NaN : value;
  }
}
