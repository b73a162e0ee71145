package io.funnelcast.forecast;

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
import io.funnelcast.tables.ForecastConversionsTable;
import io.funnelcast.tables.StageConversionsTable;
import io.funnelcast.tables.UserStageHistoryTable;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * forecast: stage_conversions (as of the run date, or a later one read as known at the run date's end) →
 * forecast_conversions for the weeks and months after it, one slice per run date (a rerun replaces its own slice;
 * other dates' forecasts stay, to compare with later).
 * The model is in {@link SeriesSimulation}; docs/forecast.md explains it to a finance reader.
 */
public final class ForecastJob implements Job<ForecastResult> {
  public static final String NAME = "forecast";
  /** Changes whenever the method changes what it forecasts; stored with every forecast and backtest row. */
  public static final String MODEL_VERSION = "1";

  private final SparkSession spark;
  private final ForecastConfig forecast;
  private final BusinessCalendar calendar;
  private final DeltaTables tables;

  public ForecastJob(SparkSession spark, ForecastConfig forecast, BusinessCalendar calendar, DeltaTables tables) {
    this.spark = spark;
    this.forecast = forecast;
    this.calendar = calendar;
    this.tables = tables;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ForecastResult execute(RunContext context) {
    LocalDate runDate = context.runDate();
    // stage_conversions as of this date or a later one, read as known at this date's end: a past date's forecast
    // can be made again, from what had happened by then.
    RunHistory.requireSucceededOnOrAfter(tables, ConversionJob.NAME, runDate, NAME, "stage_conversions");
    Steps steps = new Steps(spark, context, 3);
    Forecaster forecaster = new Forecaster(forecast, calendar.timeZone(), calendar.weekStart());
    ForecastData data = steps.run("collect-inputs", () -> forecaster.collect(spark,
        tables.read(StageConversionsTable.SPEC), () -> tables.read(UserStageHistoryTable.SPEC),
        () -> tables.read(EventsTable.SPEC), List.of(runDate)));
    List<SeriesSimulation.Forecast> forecasts = steps.run("simulate", () -> forecaster.forecast(data, runDate));
    List<Row> rows = ForecastRows.of(runDate, context.runId(), forecasts, forecast.simulations());
    steps.run("write-forecast-conversions", () -> tables.replaceSlice(ForecastConversionsTable.SPEC,
        spark.createDataFrame(rows, ForecastConversionsTable.SPEC.schema()),
        DateSlice.on(ForecastConversionsTable.AS_OF_DATE, runDate), context.runId()));
    return ForecastResult.of(runDate, data, forecasts, rows.size(), forecast.weeks());
  }
}
