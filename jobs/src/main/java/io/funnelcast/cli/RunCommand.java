package io.funnelcast.cli;

import io.funnelcast.pipeline.Jobs;
import io.funnelcast.pipeline.Pipeline;
import io.funnelcast.report.ForecastReport;
import io.funnelcast.report.FunnelReport;
import io.funnelcast.report.HtmlReport;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the whole pipeline for each date, in order: ingest, lifecycle, conversion, forecast.")
class RunCommand extends LifecycleJobCommand {
  @Override
  List<Pipeline.Step> plan(Jobs jobs, List<LocalDate> runDates) {
    return new Pipeline(jobs).run(runDates, fullRefresh);
  }

  @Override
  void afterLastDate(PrintWriter out, Jobs jobs, LocalDate lastDate) {
    super.afterLastDate(out, jobs, lastDate);
    out.print(FunnelReport.render(jobs.tables(), lastDate));
    out.print(ForecastReport.render(jobs.tables(), lastDate));
    if (jobs.config().report().afterRun()) {
      out.println(ReportCommand.summary(HtmlReport.write(jobs.spark(), jobs.tables(), jobs.config(), lastDate,
          jobs.config().report().dir())));
    }
  }
}
