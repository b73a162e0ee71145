package io.funnelcast.pipeline;

import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.conversion.ConversionJob;
import io.funnelcast.forecast.BacktestJob;
import io.funnelcast.forecast.ForecastJob;
import io.funnelcast.ingest.IngestJob;
import io.funnelcast.lifecycle.LifecycleJob;
import io.funnelcast.tables.DeltaTables;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;

/**
 * Builds every job, each with only the parts of the configuration it reads: the one place the commands, the
 * pipeline, the tests' harness and the bench get their jobs from.
 */
public record Jobs(SparkSession spark, FunnelcastConfig config, DeltaTables tables) {

  public IngestJob ingest() {
    return new IngestJob(spark, config.source(), tables);
  }

  /** One ingest pass over the run dates from {@code firstRunDate} up to the date it is run for. */
  public IngestJob ingestFrom(LocalDate firstRunDate) {
    return new IngestJob(spark, config.source(), tables, firstRunDate);
  }

  public LifecycleJob lifecycle(boolean fullRefresh) {
    return lifecycle(fullRefresh, null);
  }

  /** For a backfill: see {@link LifecycleJob#LifecycleJob(SparkSession, io.funnelcast.config.LifecycleConfig,
   * java.time.ZoneId, DeltaTables, boolean, LocalDate)}. */
  public LifecycleJob lifecycle(boolean fullRefresh, LocalDate deliveredAheadUntil) {
    return new LifecycleJob(spark, config.lifecycle(), config.businessTimeZone(), tables, fullRefresh,
        deliveredAheadUntil);
  }

  public ConversionJob conversion() {
    return new ConversionJob(spark, config.conversion(), config.lifecycle().model().stageNames(),
        config.businessCalendar(), tables);
  }

  public ForecastJob forecast() {
    return new ForecastJob(spark, config.forecast(), config.businessCalendar(), tables);
  }

  public BacktestJob backtest(LocalDate from, int everyDays) {
    return new BacktestJob(spark, config.forecast(), config.businessCalendar(), tables, from, everyDays);
  }
}
