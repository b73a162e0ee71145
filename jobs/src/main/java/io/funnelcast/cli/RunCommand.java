package io.funnelcast.cli;

import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.ingest.IngestJob;
import io.funnelcast.lifecycle.LifecycleJob;
import io.funnelcast.run.Job;
import io.funnelcast.run.JobResult;
import io.funnelcast.tables.DeltaTables;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the whole pipeline for each date, in order: ingest, then lifecycle.")
final class RunCommand extends LifecycleJobCommand {
  @Override
  List<Job<? extends JobResult>> jobs(SparkSession spark, FunnelcastConfig config, DeltaTables tables) {
    return List.of(new IngestJob(spark, config.source(), tables),
        new LifecycleJob(spark, config, tables, fullRefresh));
  }
}
