package io.funnelcast.cli;

import io.funnelcast.config.ConfigLoader;
import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.run.Job;
import io.funnelcast.run.JobResult;
import io.funnelcast.run.JobRun;
import io.funnelcast.run.JobRunner;
import io.funnelcast.run.SparkSessions;
import io.funnelcast.tables.DeltaTables;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that runs one job for each requested date: validates the config first, then starts Spark, then
 * runs the dates in order, printing one summary line per run. Stops at the first failed run (exit 1).
 */
abstract class JobCommand implements Callable<Integer> {

  @Mixin
  CommonOptions options;

  @Spec
  CommandSpec spec;

  /** The job to run, built from the validated config. */
  abstract Job<? extends JobResult> job(SparkSession spark, FunnelcastConfig config, DeltaTables tables);

  @Override
  public Integer call() {
    List<LocalDate> runDates = options.runDates();
    FunnelcastConfig config = ConfigLoader.load(options.confFile(), System.getProperties());
    PrintWriter out = spec.commandLine().getOut();
    SparkSession spark = SparkSessions.create(config.spark());
    try {
      DeltaTables tables = new DeltaTables(spark, config.warehouse(), config.database());
      JobRunner runner = new JobRunner(spark, tables, config.hash(), Clock.systemUTC());
      Job<? extends JobResult> job = job(spark, config, tables);
      for (LocalDate runDate : runDates) {
        JobRun<? extends JobResult> run = runner.run(job, runDate);
        out.println(run.summaryLine());
        out.flush();
      }
      return FunnelcastCli.EXIT_OK;
    } finally {
      spark.stop();
    }
  }
}
