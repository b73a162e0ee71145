package io.funnelcast.forecast;

import io.funnelcast.tables.ForecastConversionsTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** forecast_conversions rows from the series' forecasts, in the table's column order. */
final class ForecastRows {
  private ForecastRows() {}

  static List<Row> of(LocalDate asOf, String runId, List<SeriesSimulation.Forecast> forecasts, int simulations) {
    List<Row> rows = new ArrayList<>();
    for (SeriesSimulation.Forecast forecast : forecasts) {
      SeriesKey key = forecast.key();
      for (SeriesSimulation.Value value : forecast.values()) {
        boolean inFlightShown = !SeriesSimulation.NEW_ENTRANTS.equals(value.component());
        rows.add(RowFactory.create(asOf, runId, ForecastJob.MODEL_VERSION, key.fromStage(), key.toStage(),
            forecast.windowDays(), key.segmentName(), key.segmentValue(), value.period().grain(), value.period().horizon(),
            value.period().start(), value.period().end(), value.period().partial(), value.component(),
            value.measure(), value.currency(), value.p10(), value.p50(), value.p90(), value.mean(),
            inFlightShown ? forecast.inFlightUsers() : null, value.expectedEntrants(), forecast.curveBasis(),
            forecast.curveObservedDays(), forecast.convertedWithinWindow(), forecast.inflowBasis(), simulations));
      }
    }
    if (!rows.isEmpty() && rows.get(0).length() != ForecastConversionsTable.SPEC.columnNames().size()) {
      throw new IllegalStateException("forecast rows do not match " + ForecastConversionsTable.SPEC.name());
    }
    return rows;
  }
}
