package io.funnelcast.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.funnelcast.tables.DeltaTables;
import io.funnelcast.tables.UserLifecycleTable;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;

/** The "users at each level" table printed after a lifecycle run, from user_lifecycle. */
public final class StageCounts {
  /** Statuses counted as active in the printed table. */
  private static final Object[] ACTIVE_STATUSES = {"new", "active", "resurrected"};
  static final String NO_STAGE = "(no stage yet)";

  private StageCounts() {}

  public static String render(DeltaTables tables, List<String> stageNames, LocalDate asOf) {
    Map<String, Long> users = new HashMap<>();
    Map<String, Long> active = new HashMap<>();
    for (Row row : tables.read(UserLifecycleTable.SPEC)
        .groupBy(col("current_stage"))
        .agg(count(lit(1)), count(when(col("activity_status").isin(ACTIVE_STATUSES), lit(1))))
        .collectAsList()) {
      String stage = row.isNullAt(0) ? NO_STAGE : row.getString(0);
      users.put(stage, row.getLong(1));
      active.put(stage, row.getLong(2));
    }
    return format(stageNames, users, active, asOf);
  }

  static String format(List<String> stageNames, Map<String, Long> users, Map<String, Long> active, LocalDate asOf) {
    int width = Math.max(NO_STAGE.length(), stageNames.stream().mapToInt(String::length).max().orElse(5));
    long total = users.values().stream().mapToLong(Long::longValue).sum();
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "users per stage as of %s%n", asOf));
    out.append(String.format(Locale.ROOT, "  %-" + width + "s %8s %8s %7s%n", "stage", "users", "active", "share"));
    List<String> rows = new java.util.ArrayList<>(stageNames);
    if (users.containsKey(NO_STAGE)) {
      rows.add(0, NO_STAGE);
    }
    for (String stage : rows) {
      long n = users.getOrDefault(stage, 0L);
      out.append(String.format(Locale.ROOT, "  %-" + width + "s %8d %8d %6.1f%%%n", stage, n,
          active.getOrDefault(stage, 0L), total == 0 ? 0.0 : 100.0 * n / total));
    }
    return out.toString();
  }
}
