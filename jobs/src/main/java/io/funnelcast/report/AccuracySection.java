package io.funnelcast.report;

import static org.apache.spark.sql.functions.col;

import io.funnelcast.forecast.BacktestJob;
import io.funnelcast.report.ReportData.Accuracy;
import io.funnelcast.report.ReportData.AccuracyRow;
import io.funnelcast.tables.ForecastAccuracyTable;
import io.funnelcast.tables.LifecycleDailyTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;

/** The backtest's accuracy, model against baselines, from forecast_accuracy_summary (all users). */
final class AccuracySection {
  private AccuracySection() {}

  static Accuracy read(ReportInputs in) {
    List<AccuracyRow> rows = new ArrayList<>();
    in.accuracySummary().ifPresent(summary -> {
      for (Row row : summary.filter(col("segment_name").equalTo(LifecycleDailyTable.ALL))
          .orderBy("from_stage", "to_stage", "period_grain", "horizon_band", "method").collectAsList()) {
        rows.add(new AccuracyRow(Readings.pair(row.getAs("from_stage"), row.getAs("to_stage")),
            row.getAs("period_grain"), row.getAs("horizon_band"), row.getAs("method"), row.<Long>getAs("origins_count"),
            row.<Long>getAs("periods_count"), row.getAs("wape"), row.getAs("mase"), row.getAs("bias"),
            row.getAs("coverage_80")));
      }
    });
    if (rows.isEmpty()) {
      return Accuracy.missing("No backtest yet: `bin/funnelcast " + BacktestJob.NAME + " --from D1 --to D2` replays"
          + " the forecast at past origins and scores it here.");
    }
    return new Accuracy(null, rows, reading(rows));
  }

  /** The model against the best baseline, for the first pair's nearest weekly horizons. */
  static String reading(List<AccuracyRow> rows) {
    AccuracyRow first = rows.stream().filter(r -> r.method().equals(ForecastAccuracyTable.MODEL)
        && !r.band().equals("all")).findFirst().orElse(rows.get(0));
    Optional<AccuracyRow> model = find(rows, first, ForecastAccuracyTable.MODEL);
    Optional<AccuracyRow> baseline = rows.stream().filter(r -> same(r, first) && !r.method().equals(ForecastAccuracyTable.MODEL)
        && r.wape() != null).min((a, b) -> Double.compare(a.wape(), b.wape()));
    if (model.isEmpty() || model.get().wape() == null) {
      return "The backtest scored no period with conversions yet.";
    }
    String against = baseline.map(b -> String.format(" against %s for %s", Readings.percent(b.wape()),
        b.method().replace('_', ' '))).orElse("");
    String coverage = model.get().coverage() == null ? ""
        : String.format("; its 80%% interval held %s of the actuals", Readings.percent(model.get().coverage()));
    return String.format("%s, %s ahead (%s %s): the model's WAPE was %s%s over %s origins%s.", first.pair(),
        first.band(), first.grain(), first.grain().equals("week") ? "horizons" : "horizon",
        Readings.percent(model.get().wape()), against, Readings.count(model.get().origins()), coverage);
  }

  private static Optional<AccuracyRow> find(List<AccuracyRow> rows, AccuracyRow like, String method) {
    return rows.stream().filter(r -> same(r, like) && r.method().equals(method)).findFirst();
  }

  private static boolean same(AccuracyRow a, AccuracyRow b) {
    return a.pair().equals(b.pair()) && a.grain().equals(b.grain()) && a.band().equals(b.band());
  }
}
