package io.funnelcast.bench;

import io.funnelcast.ingest.EventTimes;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The peer: DuckDB, in-process, computing cohort_conversion's figures for the first two pairs of the five-level
 * model straight from the events table's Parquet files with plain SQL — milestones (first event; third session
 * or feature use within 7 days, or an earlier subscription, which skips engagement; first subscription), then
 * windowed conversion, censoring and cohort aggregates by month for 'all' and each channel. It assumes one
 * attempt per user and pair, as data generated with --no-cancels has.
 */
final class DuckDbPeer {
  static final List<String> FIGURES = List.of("entrants_count", "converted_count", "in_flight_count",
      "conversion_rate", "converted_time_p25_days", "converted_time_p50_days", "converted_time_p75_days",
      "converted_time_p90_days", "converted_time_mean_days", "within_7_observed", "within_7_converted",
      "within_30_observed", "within_30_converted");
  private static final long DAY_US = 86_400_000_000L;

  private DuckDbPeer() {}

  /** Key "from -> to | cohort month | segment_name=value" → figures in {@link #FIGURES} order (NaN for null). */
  static Map<String, double[]> cohorts(Path eventsTable, LocalDate runDate, long windowDays) throws SQLException {
    long endUs = EventTimes.endOfDay(runDate).getEpochSecond() * 1_000_000L;
    long windowUs = windowDays * DAY_US;
    Map<String, double[]> result = new TreeMap<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = duck.createStatement()) {
      sql.execute("CREATE TABLE ev AS SELECT user_id, event_type, epoch_us(event_time) AS t,"
          + " element_at(properties, 'channel')[1] AS channel"
          + " FROM read_parquet('" + eventsTable + "/**/*.parquet', hive_partitioning = true)"
          + " WHERE epoch_us(event_time) < " + endUs);
      sql.execute("""
          CREATE TABLE milestones AS
          WITH first_seen AS (
            SELECT user_id, min(t) AS awareness_us, arg_min(channel, t) AS channel FROM ev GROUP BY user_id),
          engaged AS (
            SELECT user_id, min(t) AS engaged_us FROM (
              SELECT user_id, t, count(*) OVER (PARTITION BY user_id ORDER BY t
                RANGE BETWEEN %1$d PRECEDING AND CURRENT ROW) AS sessions
              FROM ev WHERE event_type IN ('session_start', 'feature_used'))
            WHERE sessions >= 3 GROUP BY user_id),
          converted AS (
            SELECT user_id, min(t) AS converted_us FROM ev
            WHERE event_type IN ('subscribe', 'purchase', 'order_completed') GROUP BY user_id)
          SELECT f.user_id, coalesce(f.channel, '(none)') AS channel, f.awareness_us,
                 least(e.engaged_us, c.converted_us) AS engaged_us, c.converted_us
          FROM first_seen f LEFT JOIN engaged e USING (user_id) LEFT JOIN converted c USING (user_id)
          """.formatted(7 * DAY_US - 1));
      sql.execute("""
          CREATE TABLE attempts AS
          WITH pairs AS (
            SELECT 'awareness -> engagement' AS pair, channel, awareness_us AS from_us, engaged_us AS reached_us
            FROM milestones
            UNION ALL
            SELECT 'engagement -> conversion', channel, engaged_us, converted_us FROM milestones
            WHERE engaged_us IS NOT NULL),
          judged AS (
            SELECT *, reached_us IS NOT NULL AND reached_us - from_us <= %1$d AS converted FROM pairs)
          SELECT pair, channel, strftime(date_trunc('month', make_timestamp(from_us)), '%%Y-%%m-%%d') AS cohort,
                 converted,
                 NOT converted AND from_us + %1$d > %2$d AS in_flight,
                 (CASE WHEN converted THEN reached_us ELSE least(%2$d, from_us + %1$d) END - from_us) / %3$d::DOUBLE
                   AS days,
                 (%2$d - from_us) / %3$d::DOUBLE AS observed_days
          FROM judged
          """.formatted(windowUs, endUs, DAY_US));
      String figures = """
          count(*), count(*) FILTER (WHERE converted), count(*) FILTER (WHERE in_flight),
          count(*) FILTER (WHERE converted) / count(*),
          quantile_cont(days, 0.25) FILTER (WHERE converted), quantile_cont(days, 0.5) FILTER (WHERE converted),
          quantile_cont(days, 0.75) FILTER (WHERE converted), quantile_cont(days, 0.9) FILTER (WHERE converted),
          avg(days) FILTER (WHERE converted),
          count(*) FILTER (WHERE observed_days >= 7), count(*) FILTER (WHERE observed_days >= 7 AND converted AND days <= 7),
          count(*) FILTER (WHERE observed_days >= 30), count(*) FILTER (WHERE observed_days >= 30 AND converted AND days <= 30)
          """;
      String query = "SELECT pair || ' | ' || cohort || ' | all=all', " + figures + " FROM attempts GROUP BY pair, cohort"
          + " UNION ALL SELECT pair || ' | ' || cohort || ' | channel=' || channel, " + figures
          + " FROM attempts GROUP BY pair, cohort, channel";
      try (ResultSet rs = sql.executeQuery(query)) {
        while (rs.next()) {
          double[] values = new double[FIGURES.size()];
          for (int i = 0; i < values.length; i++) {
            Object value = rs.getObject(i + 2);
            values[i] = value == null ? Double.NaN : ((Number) value).doubleValue();
          }
          result.put(rs.getString(1), values);
        }
      }
    }
    return result;
  }
}
