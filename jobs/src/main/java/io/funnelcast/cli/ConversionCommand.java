package io.funnelcast.cli;

import io.funnelcast.pipeline.Pipeline;
import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.conversion.ConversionJob;
import io.funnelcast.report.FunnelReport;
import io.funnelcast.tables.DeltaTables;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

@Command(name = "conversion", mixinStandardHelpOptions = true,
    description = "Measure conversion between stages as of the date (needs lifecycle for that date):"
        + " stage_conversions, cohort_conversion, funnel_summary.")
final class ConversionCommand extends JobCommand {
  @Override
  List<Pipeline.Step> plan(SparkSession spark, FunnelcastConfig config, DeltaTables tables,
      List<LocalDate> runDates) {
    return eachDate(runDates, new ConversionJob(spark, config, tables));
  }

  @Override
  void afterLastDate(PrintWriter out, SparkSession spark, FunnelcastConfig config, DeltaTables tables,
      LocalDate lastDate) {
    out.print(FunnelReport.render(tables, lastDate));
  }
}
