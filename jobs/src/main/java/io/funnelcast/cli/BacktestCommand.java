package io.funnelcast.cli;

import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.forecast.BacktestJob;
import io.funnelcast.pipeline.Jobs;
import io.funnelcast.run.JobRun;
import io.funnelcast.run.JobRunner;
import io.funnelcast.run.SparkSessions;
import io.funnelcast.tables.DeltaTables;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.apache.spark.sql.SparkSession;

@Command(name = "backtest", mixinStandardHelpOptions = true,
    description = "Replay forecasts at past origins with only what was known then, score them and two baselines"
        + " against what happened: forecast_accuracy, forecast_accuracy_summary (docs/forecast.md).")
final class BacktestCommand implements Callable<Integer> {
  private static final Pattern DAYS = Pattern.compile("(\\d+)\\s*(d|day|days)?");

  @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First forecast origin.")
  LocalDate from;

  @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD",
      description = "Last possible origin; at most the date of the latest conversion run.")
  LocalDate to;

  @Option(names = "--every", arity = "1..2", paramLabel = "N days", defaultValue = "7",
      description = "Days between origins (default ${DEFAULT-VALUE}): --every 7, --every 7d or --every 7 days.")
  List<String> every;

  @Mixin
  ConfigOption configOption;

  @Spec
  CommandSpec spec;

  static int days(List<String> words) {
    Matcher m = DAYS.matcher(String.join(" ", words).trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("--every " + String.join(" ", words) + ": expected a number of days, e.g."
          + " --every 7 days");
    }
    return Integer.parseInt(m.group(1));
  }

  @Override
  public Integer call() {
    int everyDays = days(every);
    BacktestJob.origins(from, to, everyDays);
    FunnelcastConfig config = configOption.load();
    PrintWriter out = spec.commandLine().getOut();
    SparkSession spark = SparkSessions.create(config);
    try {
      DeltaTables tables = new DeltaTables(spark, config.warehouse(), config.database());
      BacktestJob job = new Jobs(spark, config, tables).backtest(from, everyDays);
      JobRun<?> run = new JobRunner(spark, tables, config.hashes(), Clock.systemUTC()).run(job, to);
      out.println(run.summaryLine());
      out.flush();
      return FunnelcastCli.EXIT_OK;
    } finally {
      spark.stop();
    }
  }
}
