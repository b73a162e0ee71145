package io.funnelcast.cli;

import io.funnelcast.pipeline.Jobs;
import io.funnelcast.pipeline.Pipeline;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = "Load a range of dates in one pass: ingest every date's files at once, then lifecycle,"
        + " conversion and forecast for the last date (--snapshots daily: for every date).")
final class BackfillCommand extends RunCommand {
  @Option(names = "--snapshots", paramLabel = "last|daily", defaultValue = "last",
      description = "Write the as-of slices (cohort_conversion, funnel_summary, forecast_conversions) for the last"
          + " date only (default) or for every date of the range.")
  Pipeline.Snapshots snapshots;

  @Override
  List<Pipeline.Step> plan(Jobs jobs, List<LocalDate> runDates) {
    return new Pipeline(jobs).backfill(runDates, snapshots, fullRefresh);
  }
}
