package io.funnelcast.cli;

import io.funnelcast.pipeline.Pipeline;
import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.lifecycle.LifecycleJob;
import io.funnelcast.tables.DeltaTables;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

@Command(name = "lifecycle", mixinStandardHelpOptions = true,
    description = "Place every user on the stage ladder as of the date: user_stage_history, user_lifecycle,"
        + " lifecycle_daily.")
final class LifecycleCommand extends LifecycleJobCommand {
  @Override
  List<Pipeline.Step> plan(SparkSession spark, FunnelcastConfig config, DeltaTables tables,
      List<LocalDate> runDates) {
    return eachDate(runDates, new LifecycleJob(spark, config, tables, fullRefresh));
  }
}
