package io.funnelcast.cli;

import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.pipeline.Pipeline;
import io.funnelcast.report.ForecastReport;
import io.funnelcast.report.FunnelReport;
import io.funnelcast.report.HtmlReport;
import io.funnelcast.tables.DeltaTables;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the whole pipeline for each date, in order: ingest, lifecycle, conversion, forecast.")
class RunCommand extends LifecycleJobCommand {
  @Override
  List<Pipeline.Step> plan(SparkSession spark, FunnelcastConfig config, DeltaTables tables, List<LocalDate> runDates) {
    return new Pipeline(spark, config, tables).run(runDates, fullRefresh);
  }

  @Override
  void afterLastDate(PrintWriter out, SparkSession spark, FunnelcastConfig config, DeltaTables tables,
      LocalDate lastDate) {
    super.afterLastDate(out, spark, config, tables, lastDate);
    out.print(FunnelReport.render(tables, lastDate));
    out.print(ForecastReport.render(tables, lastDate));
    if (config.report().afterRun()) {
      out.println(ReportCommand.summary(HtmlReport.write(spark, tables, config, lastDate, config.report().dir())));
    }
  }
}
