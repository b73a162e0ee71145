package io.funnelcast.cli;

import io.funnelcast.pipeline.Jobs;
import io.funnelcast.pipeline.Pipeline;
import io.funnelcast.report.ForecastReport;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "forecast", mixinStandardHelpOptions = true,
    description = "Forecast conversions and revenue for the weeks and months after the date (needs conversion for"
        + " that date): forecast_conversions.")
final class ForecastCommand extends JobCommand {
  @Override
  List<Pipeline.Step> plan(Jobs jobs, List<LocalDate> runDates) {
    return eachDate(runDates, jobs.forecast());
  }

  @Override
  void afterLastDate(PrintWriter out, Jobs jobs, LocalDate lastDate) {
    out.print(ForecastReport.render(jobs.tables(), lastDate));
  }
}
