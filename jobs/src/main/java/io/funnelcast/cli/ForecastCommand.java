package io.funnelcast.cli;

import io.funnelcast.pipeline.Pipeline;
import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.forecast.ForecastJob;
import io.funnelcast.report.ForecastReport;
import io.funnelcast.tables.DeltaTables;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

@Command(name = "forecast", mixinStandardHelpOptions = true,
    description = "Forecast conversions and revenue for the weeks and months after the date (needs conversion for"
        + " that date): forecast_conversions.")
final class ForecastCommand extends JobCommand {
  @Override
  List<Pipeline.Step> plan(SparkSession spark, FunnelcastConfig config, DeltaTables tables,
      List<LocalDate> runDates) {
    return eachDate(runDates, new ForecastJob(spark, config, tables));
  }

  @Override
  void afterLastDate(PrintWriter out, SparkSession spark, FunnelcastConfig config, DeltaTables tables,
      LocalDate lastDate) {
    out.print(ForecastReport.render(tables, lastDate));
  }
}
