package io.funnelcast.conversion;

import static io.funnelcast.metrics.Aggregates.countWhere;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnelcast.ingest.EventTimes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import scala.collection.JavaConverters;

/**
 * The Kaplan–Meier conversion curve per group, evaluated at whole days: F(t) = 1 − S(t), where
 * S(t) = ∏ over conversion times tᵢ ≤ t of (1 − dᵢ/nᵢ), dᵢ conversions at tᵢ and nᵢ entrants whose observed
 * time is ≥ tᵢ (an entrant censored at tᵢ still counts as at risk at tᵢ). The 95% interval uses Greenwood's
 * variance on the log(−log S) scale (R survival's conf.type = "log-log"), so it stays within [0, 1]; before the
 * first conversion it is [0, 0], and once everyone at risk has converted it is [1, 1].
 *
 * <p>Computed with aggregates and running sums, so a group of any size never has to fit in one row.
 */
public final class KaplanMeier {
  private static final double Z_95 = 1.959963984540054;

  private KaplanMeier() {}

  /**
   * @param rows one row per subject: the key columns, {@code duration_seconds} (observed time) and
   *     {@code is_converted} (event, else censored)
   * @return keys + {@code km_curve}: array of (day, conversion_rate, ci_low, ci_high, at_risk_count), by day
   */
  public static Dataset<Row> curve(Dataset<Row> rows, List<String> keys, List<Integer> days) {
    Column[] keyColumns = keys.stream().map(k -> col(k)).toArray(Column[]::new);
    Dataset<Row> perTime = rows
        .groupBy(append(keyColumns, col("duration_seconds").as("t")))
        .agg(countWhere(col("is_converted")).as("d"), count(lit(1)).as("removed"));
    WindowSpec fromLongest = Window.partitionBy(keyColumns).orderBy(col("t").desc())
        .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Column n = col("n").cast("double");
    Column d = col("d").cast("double");
    Column regular = col("d").gt(0).and(col("d").lt(col("n")));
    Dataset<Row> terms = perTime
        .withColumn("n", sum(col("removed")).over(fromLongest))
        .withColumn("log_term", when(regular, log1p(d.divide(n).multiply(-1))).otherwise(0D))
        .withColumn("greenwood_term", when(regular, d.divide(n.multiply(n.minus(d)))).otherwise(0D))
        .withColumn("all_converted", when(col("d").gt(0).and(col("d").equalTo(col("n"))), 1).otherwise(0))
        .withColumn("day", dayReached(col("t"), days));
    Dataset<Row> perDay = terms.filter(col("day").isNotNull())
        .groupBy(append(keyColumns, col("day")))
        .agg(sum("log_term").as("log_term"), sum("greenwood_term").as("greenwood_term"),
            max("all_converted").as("all_converted"), sum("removed").as("removed"));

    Dataset<Row> groups = rows.groupBy(keyColumns).agg(count(lit(1)).as("total"));
    Dataset<Row> grid = groups.withColumn("day", explode(array(days.stream().map(day -> lit(day)).toArray(Column[]::new))));
    List<String> joinKeys = new ArrayList<>(keys);
    joinKeys.add("day");
    WindowSpec upToDay = Window.partitionBy(keyColumns).orderBy("day")
        .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Dataset<Row> cumulative = grid
        .join(perDay, JavaConverters.asScalaBuffer(joinKeys).toSeq(), "left")
        .withColumn("log_s", sum(coalesce(col("log_term"), lit(0D))).over(upToDay))
        .withColumn("variance_sum", sum(coalesce(col("greenwood_term"), lit(0D))).over(upToDay))
        .withColumn("hit_zero", max(coalesce(col("all_converted"), lit(0))).over(upToDay))
        .withColumn("at_risk_count", col("total").minus(sum(coalesce(col("removed"), lit(0L))).over(upToDay)))
        .withColumn("s", when(col("hit_zero").gt(0), 0D).otherwise(exp(col("log_s"))));

    Column s = col("s");
    Column logLogSe = sqrt(col("variance_sum")).divide(abs(log(s)));
    Column open = s.gt(0D).and(s.lt(1D));
    Column survivalHigh = when(open, pow(s, exp(logLogSe.multiply(-Z_95)))).otherwise(s);
    Column survivalLow = when(open, pow(s, exp(logLogSe.multiply(Z_95)))).otherwise(s);
    Column point = struct(col("day").cast("int").as("day"), lit(1D).minus(s).as("conversion_rate"),
        lit(1D).minus(survivalHigh).as("ci_low"), lit(1D).minus(survivalLow).as("ci_high"),
        col("at_risk_count").cast("long").as("at_risk_count"));
    return cumulative.groupBy(keyColumns).agg(array_sort(collect_list(point)).as("km_curve"));
  }

  /** The first reporting day whose end the time falls in or before: t ≤ day × 86400 s; null past the last. */
  private static Column dayReached(Column seconds, List<Integer> days) {
    Column day = null;
    for (int value : days) {
      Column reached = seconds.leq(lit(value * EventTimes.SECONDS_PER_DAY));
      day = day == null ? when(reached, value) : day.when(reached, value);
    }
    return day;
  }

  private static Column[] append(Column[] columns, Column extra) {
    Column[] all = Arrays.copyOf(columns, columns.length + 1);
    all[columns.length] = extra;
    return all;
  }
}
