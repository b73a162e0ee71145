package io.funnelcast.cli;

import io.funnelcast.pipeline.Jobs;
import io.funnelcast.pipeline.Pipeline;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Read a day's raw logs into the events table; bad records go to events_quarantine.")
final class IngestCommand extends JobCommand {
  @Override
  List<Pipeline.Step> plan(Jobs jobs, List<LocalDate> runDates) {
    return eachDate(runDates, jobs.ingest());
  }
}
