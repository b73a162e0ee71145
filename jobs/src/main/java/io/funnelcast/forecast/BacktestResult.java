package io.funnelcast.forecast;

import io.funnelcast.run.JobResult;
import io.funnelcast.tables.ForecastAccuracyTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * What one backtest run did.
 *
 * @param scored rows of fully observed periods (the rest are partial)
 * @param headline per target, all users, weekly, all horizons: the model's WAPE against both baselines', its MASE
 *     and 80% coverage, over every scored origin of the model version
 */
public record BacktestResult(LocalDate firstOrigin, LocalDate lastOrigin, int origins, LocalDate dataEnd, long rows,
    long scored, List<String> headline) implements JobResult {

  public BacktestResult {
    headline = List.copyOf(headline);
    if (scored > rows) {
      throw new IllegalStateException(scored + " scored rows of " + rows);
    }
  }

  static BacktestResult of(List<LocalDate> origins, LocalDate dataEnd, List<Row> rows, List<Row> summary) {
    int partial = ForecastAccuracyTable.SPEC.columnNames().indexOf(ForecastAccuracyTable.IS_PARTIAL);
    long scored = rows.stream().filter(r -> !r.getBoolean(partial)).count();
    Map<String, Map<String, Row>> byTarget = new TreeMap<>();
    for (Row row : summary) {
      byTarget.computeIfAbsent(row.<String>getAs("from_stage") + " -> " + row.<String>getAs("to_stage"),
          k -> new TreeMap<>()).put(row.getAs("method"), row);
    }
    List<String> headline = new ArrayList<>();
    byTarget.forEach((target, methods) -> {
      Row model = methods.get(ForecastAccuracyTable.MODEL);
      if (model == null) {
        return;
      }
      headline.add(String.format(Locale.ROOT, "%s WAPE %s (trailing 4-week %s, seasonal naive %s), MASE %s,"
              + " 80%% coverage %s", target, percent(model.getAs("wape")),
          percent(wape(methods.get(ForecastAccuracyTable.TRAILING_4_WEEK_MEAN))),
          percent(wape(methods.get(ForecastAccuracyTable.SEASONAL_NAIVE))), number(model.getAs("mase")),
          percent(model.getAs("coverage_80"))));
    });
    return new BacktestResult(origins.get(0), origins.get(origins.size() - 1), origins.size(), dataEnd, rows.size(),
        scored, headline);
  }

  private static Double wape(Row row) {
    return row == null ? null : row.getAs("wape");
  }

  private static String percent(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * value);
  }

  private static String number(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
  }

  @Override
  public long rowsRead() {
    return origins;
  }

  @Override
  public long rowsWritten() {
    return rows;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "%d origins %s..%s against data as of %s: %d rows (%d scored); weeks, all"
        + " users: %s", origins, firstOrigin, lastOrigin, dataEnd, rows, scored,
        headline.isEmpty() ? "nothing scored yet" : String.join("; ", headline));
  }
}
