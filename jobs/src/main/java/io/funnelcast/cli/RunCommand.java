package io.funnelcast.cli;

import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.conversion.ConversionJob;
import io.funnelcast.forecast.ForecastJob;
import io.funnelcast.ingest.IngestJob;
import io.funnelcast.lifecycle.LifecycleJob;
import io.funnelcast.report.ForecastReport;
import io.funnelcast.report.FunnelReport;
import io.funnelcast.run.Job;
import io.funnelcast.run.JobResult;
import io.funnelcast.tables.DeltaTables;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the whole pipeline for each date, in order: ingest, lifecycle, conversion, forecast.")
final class RunCommand extends LifecycleJobCommand {
  @Override
  List<Job<? extends JobResult>> jobs(SparkSession spark, FunnelcastConfig config, DeltaTables tables) {
    return List.of(new IngestJob(spark, config.source(), tables),
        new LifecycleJob(spark, config, tables, fullRefresh), new ConversionJob(spark, config, tables),
        new ForecastJob(spark, config, tables));
  }

  @Override
  void afterLastDate(PrintWriter out, SparkSession spark, FunnelcastConfig config, DeltaTables tables,
      LocalDate lastDate) {
    super.afterLastDate(out, spark, config, tables, lastDate);
    out.print(FunnelReport.render(tables, lastDate));
    out.print(ForecastReport.render(tables, lastDate));
  }
}
