package io.funnelcast.cli;

import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.report.StageCounts;
import io.funnelcast.tables.DeltaTables;
import java.io.PrintWriter;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** A command whose jobs end with lifecycle: takes --full-refresh and prints the users per stage at the end. */
abstract class LifecycleJobCommand extends JobCommand {
  @Option(names = "--full-refresh", description = "Recompute lifecycle for every user instead of only those with new events.")
  boolean fullRefresh;

  @Override
  void afterLastDate(PrintWriter out, SparkSession spark, FunnelcastConfig config, DeltaTables tables,
      LocalDate lastDate) {
    out.print(StageCounts.render(tables, config.lifecycle().model().stageNames(), lastDate));
  }
}
