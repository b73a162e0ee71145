package io.funnelcast.cli;

import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.ingest.IngestJob;
import io.funnelcast.run.Job;
import io.funnelcast.run.JobResult;
import io.funnelcast.tables.DeltaTables;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Read a day's raw logs into the events table; bad records go to events_quarantine.")
final class IngestCommand extends JobCommand {
  @Override
  List<Job<? extends JobResult>> jobs(SparkSession spark, FunnelcastConfig config, DeltaTables tables) {
    return List.of(new IngestJob(spark, config.source(), tables));
  }
}
