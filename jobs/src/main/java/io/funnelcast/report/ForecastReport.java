package io.funnelcast.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.funnelcast.tables.DeltaTables;
import io.funnelcast.tables.ForecastConversionsTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;

/** The short forecast printed after a forecast run: per pair, all users, the next week, weeks and months. */
public final class ForecastReport {
  private ForecastReport() {}

  /** One printed line: a pair and measure, its figures by column, and what the forecast rests on. */
  record Line(String label, Map<String, String> figures, String basis) {}

  public static String render(DeltaTables tables, LocalDate asOf) {
    return format(lines(tables.read(ForecastConversionsTable.SPEC)
        .filter(col(ForecastConversionsTable.AS_OF_DATE).equalTo(lit(asOf)))), asOf);
  }

  /** The printed lines of one as-of slice of forecast_conversions: all users, the next period and the totals. */
  static List<Line> lines(org.apache.spark.sql.Dataset<Row> asOfSlice) {
    List<Row> rows = asOfSlice
        .filter(col(ForecastConversionsTable.SEGMENT_NAME).equalTo("all")
            .and(col(ForecastConversionsTable.COMPONENT).equalTo("total"))
            .and(col(ForecastConversionsTable.HORIZON).equalTo(1)
                .or(col(ForecastConversionsTable.PERIOD_GRAIN).endsWith("_total"))))
        .orderBy(ForecastConversionsTable.FROM_STAGE, ForecastConversionsTable.TO_STAGE,
            ForecastConversionsTable.MEASURE, ForecastConversionsTable.CURRENCY)
        .collectAsList();
    Map<String, Line> lines = new LinkedHashMap<>();
    for (Row row : rows) {
      String measure = row.getAs(ForecastConversionsTable.MEASURE);
      String currency = row.getAs(ForecastConversionsTable.CURRENCY);
      String label = row.<String>getAs(ForecastConversionsTable.FROM_STAGE) + " -> "
          + row.<String>getAs(ForecastConversionsTable.TO_STAGE) + ("revenue".equals(measure) ? " revenue " + currency : "");
      String grain = row.getAs(ForecastConversionsTable.PERIOD_GRAIN);
      int horizon = row.getAs(ForecastConversionsTable.HORIZON);
      String column = grain.equals("week") ? "next week" : grain.equals("month") ? "next month"
          : "next " + horizon + (grain.equals("weeks_total") ? " weeks" : " months");
      String basis = String.format(Locale.ROOT, "curve %s, observed to day %s of %s; inflow %s",
          row.<String>getAs(ForecastConversionsTable.CURVE_BASIS),
          number(row.<Double>getAs(ForecastConversionsTable.CURVE_OBSERVED_DAYS)),
          number(row.<Double>getAs(ForecastConversionsTable.WINDOW_DAYS)),
          row.<String>getAs(ForecastConversionsTable.INFLOW_BASIS));
      lines.computeIfAbsent(label, l -> new Line(l, new LinkedHashMap<>(), basis)).figures()
          .put(column, String.format(Locale.ROOT, "%s [%s, %s]", number(row.getAs(ForecastConversionsTable.FORECAST_P50)),
              number(row.getAs(ForecastConversionsTable.FORECAST_P10)),
              number(row.getAs(ForecastConversionsTable.FORECAST_P90))));
    }
    return new ArrayList<>(lines.values());
  }

  static String format(List<Line> lines, LocalDate asOf) {
    if (lines.isEmpty()) {
      return "no forecast as of " + asOf + System.lineSeparator();
    }
    List<String> columns = List.of("next week", "next month");
    List<String> all = new ArrayList<>(columns);
    lines.forEach(line -> line.figures().keySet().stream().filter(c -> !all.contains(c)).forEach(all::add));
    int width = lines.stream().mapToInt(l -> l.label().length()).max().orElse(4);
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "forecast as of %s (all users; p50 [p10, p90] after %s)%n", asOf, asOf));
    out.append(String.format(Locale.ROOT, "  %-" + width + "s", "pair"));
    int[] widths = new int[all.size()];
    for (int i = 0; i < all.size(); i++) {
      String column = all.get(i);
      widths[i] = Math.max(column.length(), lines.stream().mapToInt(l -> l.figures().getOrDefault(column, "-").length())
          .max().orElse(1));
      out.append("  ").append(String.format(Locale.ROOT, "%" + widths[i] + "s", column));
    }
    out.append(String.format(Locale.ROOT, "  basis%n"));
    for (Line line : lines) {
      out.append(String.format(Locale.ROOT, "  %-" + width + "s", line.label()));
      for (int i = 0; i < all.size(); i++) {
        out.append("  ").append(String.format(Locale.ROOT, "%" + widths[i] + "s", line.figures().getOrDefault(all.get(i), "-")));
      }
      out.append("  ").append(line.basis()).append(System.lineSeparator());
    }
    return out.toString();
  }

  private static String number(double value) {
    return value >= 100 || value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.1f", value);
  }
}
