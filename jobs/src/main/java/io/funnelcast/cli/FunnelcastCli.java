package io.funnelcast.cli;

import io.funnelcast.config.ConfigError;
import io.funnelcast.run.JobFailedException;
import io.funnelcast.run.MetastoreInUseException;
import io.funnelcast.run.Version;
import java.io.PrintWriter;
import org.apache.spark.sql.AnalysisException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one entry point: `funnelcast <command> --date D [--conf FILE]`. */
@Command(name = "funnelcast", mixinStandardHelpOptions = true,
    versionProvider = FunnelcastCli.VersionProvider.class,
    description = "Customer-lifecycle and funnel analytics as nightly Spark jobs writing Delta tables.",
    subcommands = {IngestCommand.class, LifecycleCommand.class, ConversionCommand.class, ForecastCommand.class,
        BacktestCommand.class, RunCommand.class, BackfillCommand.class, ReportCommand.class, SqlCommand.class, GenerateCommand.class})
public final class FunnelcastCli {
  public static final int EXIT_OK = 0;
  /** A job run failed (and is recorded in pipeline_runs). */
  public static final int EXIT_JOB_FAILED = 1;
  /** Bad command line or configuration; nothing ran. */
  public static final int EXIT_USAGE = 2;

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new FunnelcastCli())
        .setOut(out)
        .setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExitCodeExceptionMapper(FunnelcastCli::exitCode)
        .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
          commandLine.getErr().println("funnelcast: " + message(e));
          commandLine.getErr().flush();
          return exitCode(e);
        });
    return cli.execute(args);
  }

  private static int exitCode(Throwable e) {
    if (e instanceof ConfigError || e instanceof IllegalArgumentException
        || e instanceof CommandLine.ParameterException || e instanceof AnalysisException) {
      return EXIT_USAGE;
    }
    return EXIT_JOB_FAILED;
  }

  private static String message(Throwable e) {
    if (e instanceof ConfigError) {
      return "config error: " + e.getMessage();
    }
    if (e instanceof AnalysisException analysis) {
      return "query error: " + analysis.getSimpleMessage();
    }
    if (e instanceof JobFailedException || e instanceof IllegalArgumentException
        || e instanceof MetastoreInUseException) {
      return e.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"funnelcast " + Version.current()};
    }
  }
}
