package io.funnelcast.forecast;

import static org.apache.spark.sql.functions.col;

import io.funnelcast.config.BusinessCalendar;
import io.funnelcast.config.ForecastConfig;
import io.funnelcast.conversion.ConversionJob;
import io.funnelcast.run.Job;
import io.funnelcast.run.RunContext;
import io.funnelcast.run.RunHistory;
import io.funnelcast.run.Steps;
import io.funnelcast.tables.DateSlice;
import io.funnelcast.tables.DeltaTables;
import io.funnelcast.tables.EventsTable;
import io.funnelcast.tables.ForecastAccuracySummaryTable;
import io.funnelcast.tables.ForecastAccuracyTable;
import io.funnelcast.tables.StageConversionsTable;
import io.funnelcast.tables.UserStageHistoryTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * backtest: forecasts replayed at origins {@code from}, {@code from + every}, … up to {@code to}, each from what was
 * known at its end (see {@link ForecastInputs}), scored against the latest stage_conversions into forecast_accuracy
 * (the run replaces the origins of its range), then forecast_accuracy_summary rewritten from all of it. What the
 * origins share is collected once: one pass over stage_conversions for every origin.
 */
public final class BacktestJob implements Job<BacktestResult> {
  public static final String NAME = "backtest";
  static final int MAX_ORIGINS = 400;

  private final SparkSession spark;
  private final ForecastConfig forecast;
  private final BusinessCalendar calendar;
  private final DeltaTables tables;
  private final LocalDate from;
  private final int everyDays;

  /** Origins from {@code from} every {@code everyDays} days up to the run date. */
  public BacktestJob(SparkSession spark, ForecastConfig forecast, BusinessCalendar calendar, DeltaTables tables, LocalDate from, int everyDays) {
    this.spark = spark;
    this.forecast = forecast;
    this.calendar = calendar;
    this.tables = tables;
    this.from = from;
    this.everyDays = everyDays;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The origins of a backtest ending on {@code to}. */
  public List<LocalDate> origins(LocalDate to) {
    return origins(from, to, everyDays);
  }

  /** Origins {@code from}, {@code from + everyDays}, … up to {@code to}; a bad range is an IllegalArgumentException. */
  public static List<LocalDate> origins(LocalDate from, LocalDate to, int everyDays) {
    if (everyDays < 1) {
      throw new IllegalArgumentException("--every must be at least 1 day");
    }
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    }
    List<LocalDate> origins = new ArrayList<>();
    for (LocalDate origin = from; !origin.isAfter(to); origin = origin.plusDays(everyDays)) {
      origins.add(origin);
    }
    if (origins.size() > MAX_ORIGINS) {
      throw new IllegalArgumentException(origins.size() + " origins from " + from + " to " + to + " every "
          + everyDays + " days; at most " + MAX_ORIGINS + ": use a longer --every");
    }
    return origins;
  }

  @Override
  public BacktestResult execute(RunContext context) {
    LocalDate to = context.runDate();
    List<LocalDate> origins = origins(to);
    RunHistory.Attempt latest = RunHistory.latest(tables, ConversionJob.NAME)
        .filter(RunHistory.Attempt::succeeded)
        .orElseThrow(() -> new IllegalStateException("backtest: no successful conversion run to score against;"
            + " run conversion first"));
    LocalDate dataEnd = latest.runDate();
    if (to.isAfter(dataEnd)) {
      throw new IllegalStateException("backtest: --to " + to + " is after the data: the latest conversion run is for "
          + dataEnd + "; backtest origins up to " + dataEnd);
    }
    Steps steps = new Steps(spark, context, 3 + origins.size());
    Forecaster forecaster = new Forecaster(forecast, calendar.timeZone(), calendar.weekStart());
    ForecastData data = steps.run("collect-inputs (" + origins.size() + " origins)", () -> forecaster.collect(spark,
        tables.read(StageConversionsTable.SPEC), () -> tables.read(UserStageHistoryTable.SPEC),
        () -> tables.read(EventsTable.SPEC), origins));
    List<Row> rows = new ArrayList<>();
    for (LocalDate origin : origins) {
      rows.addAll(steps.run("forecast and score " + origin, () -> Backtest.score(origin,
          forecaster.forecast(data, origin), data::daily, forecaster.calendar(origin), dataEnd, context.runId(),
          forecast.weeks())));
    }
    DateSlice slice = DateSlice.between(ForecastAccuracyTable.ORIGIN_DATE, from, to);
    steps.run("write-forecast-accuracy", () -> tables.replaceSlice(ForecastAccuracyTable.SPEC,
        spark.createDataFrame(rows, ForecastAccuracyTable.SPEC.schema()), slice, context.runId()));
    List<Row> summary = steps.run("write-forecast-accuracy-summary", () -> {
      tables.overwrite(ForecastAccuracySummaryTable.SPEC,
          AccuracySummary.compute(tables.read(ForecastAccuracyTable.SPEC), ForecastJob.MODEL_VERSION), context.runId());
      return tables.read(ForecastAccuracySummaryTable.SPEC)
          .filter(col("segment_name").equalTo("all").and(col("period_grain").equalTo(ForecastCalendar.WEEK))
              .and(col("horizon_band").equalTo(ForecastAccuracySummaryTable.ALL_HORIZONS)))
          .collectAsList();
    });
    return BacktestResult.of(origins, dataEnd, rows, summary);
  }
}
