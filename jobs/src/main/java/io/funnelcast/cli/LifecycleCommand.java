package io.funnelcast.cli;

import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.lifecycle.LifecycleJob;
import io.funnelcast.run.Job;
import io.funnelcast.run.JobResult;
import io.funnelcast.tables.DeltaTables;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

@Command(name = "lifecycle", mixinStandardHelpOptions = true,
    description = "Place every user on the stage ladder as of the date: user_stage_history, user_lifecycle,"
        + " lifecycle_daily.")
final class LifecycleCommand extends LifecycleJobCommand {
  @Override
  List<Job<? extends JobResult>> jobs(SparkSession spark, FunnelcastConfig config, DeltaTables tables) {
    return List.of(new LifecycleJob(spark, config, tables, fullRefresh));
  }
}
