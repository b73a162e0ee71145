package io.funnelcast.cli;

import io.funnelcast.pipeline.Jobs;
import io.funnelcast.pipeline.Pipeline;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "lifecycle", mixinStandardHelpOptions = true,
    description = "Place every user on the stage ladder as of the date: user_stage_history, user_lifecycle,"
        + " lifecycle_daily.")
final class LifecycleCommand extends LifecycleJobCommand {
  @Override
  List<Pipeline.Step> plan(Jobs jobs, List<LocalDate> runDates) {
    return eachDate(runDates, jobs.lifecycle(fullRefresh));
  }
}
