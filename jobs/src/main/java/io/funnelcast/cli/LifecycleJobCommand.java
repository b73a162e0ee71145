package io.funnelcast.cli;

import io.funnelcast.pipeline.Jobs;
import io.funnelcast.report.StageCounts;
import java.io.PrintWriter;
import java.time.LocalDate;
import picocli.CommandLine.Option;

/** A command whose jobs end with lifecycle: takes --full-refresh and prints the users per stage at the end. */
abstract class LifecycleJobCommand extends JobCommand {
  @Option(names = "--full-refresh", description = "Recompute lifecycle for every user instead of only those with new events.")
  boolean fullRefresh;

  @Override
  void afterLastDate(PrintWriter out, Jobs jobs, LocalDate lastDate) {
    out.print(StageCounts.render(jobs.tables(), jobs.config().lifecycle().model().stageNames(), lastDate));
  }
}
