package io.funnelcast.cli;

import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.report.HtmlReport;
import io.funnelcast.run.ExpressionMode;
import io.funnelcast.run.SparkSessions;
import io.funnelcast.tables.EventsTable;
import io.funnelcast.tables.DeltaTables;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write the HTML report of the tables as of a date: one folder that opens from disk, with the"
        + " funnel, stage population, cohorts, Kaplan–Meier curves, forecast, backtest and data health.")
final class ReportCommand implements Callable<Integer> {
  @Option(names = "--date", paramLabel = "YYYY-MM-DD", required = true,
      description = "The date the report is as of (the end of that UTC day).")
  LocalDate date;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Folder the report's folder <DIR>/<date>/ goes in (default: funnelcast.report.dir,"
          + " <warehouse>/reports).")
  String out;

  @Mixin
  ConfigOption configOption;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    FunnelcastConfig config = configOption.load();
    PrintWriter printer = spec.commandLine().getOut();
    var spark = SparkSessions.create(config);
    try {
      DeltaTables tables = new DeltaTables(spark, config.warehouse(), config.database());
      // As a job would: a small warehouse's queries run faster interpreted than compiled.
      ExpressionMode.forInput(spark, tables.log().sizeInBytes(EventsTable.SPEC));
      printer.println(summary(HtmlReport.write(spark, tables, config, date, out == null ? config.report().dir() : out)));
      printer.flush();
      return FunnelcastCli.EXIT_OK;
    } finally {
      spark.stop();
    }
  }

  /** The line that tells where the report is. */
  static String summary(String index) {
    return "report written: " + index;
  }
}
