package io.funnelcast.cli;

import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.pipeline.Jobs;
import io.funnelcast.pipeline.Pipeline;
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
 * A command that runs its jobs for each requested date: validates the config first, then starts Spark, then
 * runs the dates in order, printing one summary line per run. Stops at the first failed run (exit 1).
 */
abstract class JobCommand implements Callable<Integer> {

  @Mixin
  CommonOptions options;

  @Mixin
  ConfigOption configOption;

  @Spec
  CommandSpec spec;

  /** The job attempts to make, in order, built by {@code jobs} from the validated config. */
  abstract List<Pipeline.Step> plan(Jobs jobs, List<LocalDate> runDates);

  /** One job for each date in turn. */
  static List<Pipeline.Step> eachDate(List<LocalDate> runDates, Job<? extends JobResult> job) {
    return runDates.stream().map(runDate -> new Pipeline.Step(job, runDate)).toList();
  }

  /** Printed once after the last date; nothing by default. */
  void afterLastDate(PrintWriter out, Jobs jobs, LocalDate lastDate) {}

  @Override
  public Integer call() {
    List<LocalDate> runDates = options.runDates();
    FunnelcastConfig config = configOption.load();
    PrintWriter out = spec.commandLine().getOut();
    SparkSession spark = SparkSessions.create(config);
    try {
      DeltaTables tables = new DeltaTables(spark, config.warehouse(), config.database());
      JobRunner runner = new JobRunner(spark, tables, config.hashes(), Clock.systemUTC());
      Jobs jobs = new Jobs(spark, config, tables);
      for (Pipeline.Step step : plan(jobs, runDates)) {
        JobRun<? extends JobResult> run = runner.run(step.job(), step.runDate());
        out.println(run.summaryLine());
        out.flush();
      }
      afterLastDate(out, jobs, runDates.get(runDates.size() - 1));
      out.flush();
      return FunnelcastCli.EXIT_OK;
    } finally {
      spark.stop();
    }
  }
}
