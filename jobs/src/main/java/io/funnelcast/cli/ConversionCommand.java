package io.funnelcast.cli;

import io.funnelcast.pipeline.Jobs;
import io.funnelcast.pipeline.Pipeline;
import io.funnelcast.report.FunnelReport;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "conversion", mixinStandardHelpOptions = true,
    description = "Measure conversion between stages as of the date (needs lifecycle for that date):"
        + " stage_conversions, cohort_conversion, funnel_summary.")
final class ConversionCommand extends JobCommand {
  @Override
  List<Pipeline.Step> plan(Jobs jobs, List<LocalDate> runDates) {
    return eachDate(runDates, jobs.conversion());
  }

  @Override
  void afterLastDate(PrintWriter out, Jobs jobs, LocalDate lastDate) {
    out.print(FunnelReport.render(jobs.tables(), lastDate));
  }
}
