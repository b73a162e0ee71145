package io.funnelcast.forecast;

import io.funnelcast.forecast.ForecastCalendar.Period;
import io.funnelcast.ingest.EventTimes;
import io.funnelcast.tables.ForecastAccuracyTable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scores one origin's forecasts against what happened, beside the two baselines of the M competitions, all from
 * what was known at the origin: the trailing 4-week mean (flat) and the seasonal naive (the same week or month a
 * year earlier, else the last one). Periods are the whole weeks and months after the origin; a period not over by
 * the data's end is kept, marked partial, and not scored.
 */
final class Backtest {
  /** Weekly MASE uses the 52-week lag with at least this many complete weeks, else lag 1. */
  static final int SEASONAL_WEEKS_NEEDED = 52 + 4;
  static final int SEASONAL_MONTHS_NEEDED = 12 + 3;
  static final String SAME_PERIOD_LAST_YEAR = "same_period_last_year";
  static final String LAST_PERIOD = "last_period";

  /** The complete weeks or months of a series before an origin, oldest first, from its first entry on. */
  record History(List<LocalDate> starts, List<Long> values) {
    Long valueAt(LocalDate start) {
      int i = starts.indexOf(start);
      return i < 0 ? null : values.get(i);
    }

    long last() {
      return values.isEmpty() ? 0 : values.get(values.size() - 1);
    }

    double trailingMean(int periods) {
      int n = Math.min(periods, values.size());
      if (n == 0) {
        return 0;
      }
      double sum = 0;
      for (int i = values.size() - n; i < values.size(); i++) {
        sum += values.get(i);
      }
      return sum / n;
    }

    /** Mean |y_t − y_{t−lag}|, or null when there is no pair or it is 0. */
    Double scale(int lag) {
      double sum = 0;
      int n = 0;
      for (int i = lag; i < values.size(); i++) {
        sum += Math.abs(values.get(i) - values.get(i - lag));
        n++;
      }
      return n == 0 || sum == 0 ? null : sum / n;
    }
  }

  private Backtest() {}

  /** forecast_accuracy rows (in the table's column order) for one origin's forecasts. */
  /**
   * @param daily each series' daily entries and conversions (what happened, up to the data's end)
   */
  static List<Row> score(LocalDate origin, List<SeriesSimulation.Forecast> forecasts,
      Function<SeriesKey, DailyCounts> daily, ForecastCalendar calendar, LocalDate dataEnd, String runId,
      int weeks) {
    Instant dataUntil = EventTimes.endOfDay(dataEnd);
    ZoneId zone = calendar.zone();
    List<Row> rows = new ArrayList<>();
    for (SeriesSimulation.Forecast forecast : forecasts) {
      DailyCounts days = daily.apply(forecast.key());
      LocalDate seriesStart = days.firstEntry();
      History weekly = history(days, seriesStart, calendar.firstIncomplete(ForecastCalendar.WEEK), true);
      History monthly = history(days, seriesStart, calendar.firstIncomplete(ForecastCalendar.MONTH), false);
      for (SeriesSimulation.Value value : forecast.values()) {
        Period period = value.period();
        boolean weekGrain = period.grain().equals(ForecastCalendar.WEEK);
        if (!(weekGrain || period.grain().equals(ForecastCalendar.MONTH)) || period.horizon() == 0
            || !value.component().equals(SeriesSimulation.TOTAL)
            || !value.measure().equals(SeriesSimulation.CONVERSIONS)) {
          continue;
        }
        History past = weekGrain ? weekly : monthly;
        long actual = days.converted(period.start(), period.end());
        boolean partial = ForecastCalendar.start(period.end().plusDays(1), zone).isAfter(dataUntil);
        int lag = past.values().size() >= (weekGrain ? SEASONAL_WEEKS_NEEDED : SEASONAL_MONTHS_NEEDED)
            ? (weekGrain ? 52 : 12) : 1;
        Double scale = past.scale(lag);
        String band = band(period, weeks);
        // A month's trailing baseline is the last 4 weeks' mean per day times its days.
        double trailing = weekly.trailingMean(4) * (weekGrain ? 1 : (period.end().toEpochDay()
            - period.start().toEpochDay() + 1) / 7.0);
        Common common = new Common(origin, runId, forecast.key(), period, band, actual, scale, lag, partial, dataEnd);
        rows.add(common.row(ForecastAccuracyTable.MODEL, ForecastAccuracyTable.MODEL, value.p50(), value.p10(),
            value.p90()));
        rows.add(common.row(ForecastAccuracyTable.TRAILING_4_WEEK_MEAN, ForecastAccuracyTable.TRAILING_4_WEEK_MEAN,
            trailing, null, null));
        LocalDate lastYear = weekGrain ? period.start().minusWeeks(52) : period.start().minusYears(1);
        Long seasonal = past.valueAt(lastYear);
        rows.add(common.row(ForecastAccuracyTable.SEASONAL_NAIVE, seasonal != null ? SAME_PERIOD_LAST_YEAR
            : LAST_PERIOD, seasonal != null ? seasonal : past.last(), null, null));
      }
    }
    return rows;
  }

  /** What the three methods' rows for one period share. */
  private record Common(LocalDate origin, String runId, SeriesKey key, Period period, String band, long actual,
      Double scale, int lag, boolean partial, LocalDate dataEnd) {
    Row row(String method, String detail, double forecast, Double p10, Double p90) {
      double error = Math.abs(actual - forecast);
      return RowFactory.create(origin, runId, ForecastJob.MODEL_VERSION, key.fromStage(), key.toStage(),
          key.segmentName(), key.segmentValue(), period.grain(), period.horizon(), band, period.start(), period.end(),
          method, detail, actual, forecast, p10, p90, error, actual == 0 ? null : (forecast - actual) / actual,
          p10 == null ? null : p10 <= actual && actual <= p90, scale == null ? null : error / scale, lag, partial,
          dataEnd);
    }
  }

  /** Weeks 1-4, 5-8, 9 to the last; months one by one. */
  static String band(Period period, int weeks) {
    if (period.grain().equals(ForecastCalendar.MONTH)) {
      return String.valueOf(period.horizon());
    }
    int h = period.horizon();
    if (h <= 4) {
      return "1-" + Math.min(4, weeks);
    }
    if (h <= 8) {
      return "5-" + Math.min(8, weeks);
    }
    return "9-" + weeks;
  }

  /** The series' conversions in each complete week (or month) from its first entry up to {@code before}. */
  static History history(DailyCounts daily, LocalDate seriesStart, LocalDate before, boolean weeks) {
    List<LocalDate> starts = new ArrayList<>();
    List<Long> values = new ArrayList<>();
    if (seriesStart == null) {
      return new History(starts, values);
    }
    LocalDate start = before;
    List<LocalDate> backwards = new ArrayList<>();
    while (true) {
      start = weeks ? start.minusWeeks(1) : start.minusMonths(1);
      if (start.isBefore(seriesStart)) {
        break;
      }
      backwards.add(start);
    }
    for (int i = backwards.size() - 1; i >= 0; i--) {
      LocalDate from = backwards.get(i);
      LocalDate to = (weeks ? from.plusWeeks(1) : from.plusMonths(1)).minusDays(1);
      starts.add(from);
      values.add(daily.converted(from, to));
    }
    return new History(starts, values);
  }
}
