package io.funnelcast.cli;

import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.ingest.IngestJob;
import io.funnelcast.lifecycle.LifecycleJob;
import io.funnelcast.report.StageCounts;
import io.funnelcast.run.Job;
import io.funnelcast.run.JobResult;
import io.funnelcast.tables.DeltaTables;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the whole pipeline for each date, in order: ingest, then lifecycle.")
final class RunCommand extends JobCommand {
  @Option(names = "--full-refresh", description = "Recompute lifecycle for every user.")
  boolean fullRefresh;

  @Override
  List<Job<? extends JobResult>> jobs(SparkSession spark, FunnelcastConfig config, DeltaTables tables) {
    return List.of(new IngestJob(spark, config.source(), tables),
        new LifecycleJob(spark, config, tables, fullRefresh));
  }

  @Override
  void afterLastDate(PrintWriter out, SparkSession spark, FunnelcastConfig config, DeltaTables tables,
      LocalDate lastDate) {
    out.print(StageCounts.render(tables, config.lifecycle().model().stageNames(), lastDate));
  }
}
