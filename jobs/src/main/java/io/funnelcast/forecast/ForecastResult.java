package io.funnelcast.forecast;

import io.funnelcast.run.JobResult;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What one forecast run did.
 *
 * @param attempts attempts at the targets' from stages read (all users)
 * @param series target × segment series forecast
 * @param backedOff series whose curve mostly follows the 'all' curve (few conversions of their own)
 * @param tailModelled series whose curve beyond the observed ages comes from the fitted cure model
 * @param shortInflow series whose inflow had too little history for a trend
 * @param headline per target, the next weeks' conversions (all users): "p50 [p10, p90]"
 */
public record ForecastResult(LocalDate runDate, long attempts, int series, long backedOff, long tailModelled,
    long shortInflow, long rows, List<String> headline) implements JobResult {

  public ForecastResult {
    headline = List.copyOf(headline);
    if (backedOff > series || tailModelled > series || shortInflow > series) {
      throw new IllegalStateException("more fall-backs than the " + series + " series forecast");
    }
  }

  static ForecastResult of(LocalDate runDate, ForecastData data, List<SeriesSimulation.Forecast> forecasts,
      long rows, int weeks) {
    long attempts = 0;
    List<String> headline = new java.util.ArrayList<>();
    for (SeriesSimulation.Forecast forecast : forecasts) {
      if (!forecast.key().isAll()) {
        continue;
      }
      attempts += java.util.Arrays.stream(data.daily(forecast.key()).entered()).sum();
      forecast.values().stream()
          .filter(v -> v.period().grain().equals(ForecastCalendar.WEEKS_TOTAL)
              && v.component().equals(SeriesSimulation.TOTAL) && v.measure().equals(SeriesSimulation.CONVERSIONS))
          .findFirst()
          .ifPresent(v -> headline.add(String.format(Locale.ROOT, "%s -> %s %.0f [%.0f, %.0f]",
              forecast.key().fromStage(), forecast.key().toStage(), v.p50(), v.p10(), v.p90())));
    }
    return new ForecastResult(runDate, attempts, forecasts.size(),
        forecasts.stream().filter(f -> f.curveBasis().equals(SeriesSimulation.CURVE_BACKED_OFF)).count(),
        forecasts.stream().filter(f -> f.curveObservedDays() < f.windowDays()).count(),
        forecasts.stream().filter(f -> !f.inflowBasis().equals(InflowModel.Basis.TREND_WEEKDAY.label)).count(),
        rows, headline);
  }

  @Override
  public long rowsRead() {
    return attempts;
  }

  @Override
  public long rowsWritten() {
    return rows;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "%d series (%d backed off to all, %d with a modelled curve tail, %d without an"
        + " inflow trend), %d rows; next weeks p50 [p10, p90]: %s", series, backedOff, tailModelled, shortInflow,
        rows, headline.isEmpty() ? "none" : headline.stream().collect(Collectors.joining("; ")));
  }
}
