package io.funnelcast.cli;

import io.funnelcast.generate.GenerateOptions;
import io.funnelcast.generate.GenerateResult;
import io.funnelcast.generate.PlantedBehaviour;
import io.funnelcast.generate.SyntheticLogs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write synthetic raw logs (canonical JSON Lines, one folder per day) with planted behaviour for"
        + " the five-level model, and the truth beside them (docs/generate.md). No Spark; the same seed gives the"
        + " same bytes.")
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for raw/ and truth/.")
  Path out;

  @Option(names = "--users", defaultValue = "10000", description = "New users over the days (default ${DEFAULT-VALUE}).")
  long users;

  @Option(names = "--from", defaultValue = "2026-01-01", paramLabel = "YYYY-MM-DD",
      description = "First day (default ${DEFAULT-VALUE}).")
  LocalDate from;

  @Option(names = "--days", defaultValue = "120", description = "Number of days (default ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--bad-fraction", defaultValue = "0.001",
      description = "Chance per event of an extra malformed line (default ${DEFAULT-VALUE}).")
  double bad;

  @Option(names = "--duplicate-fraction", defaultValue = "0.01",
      description = "Chance per event of being written twice (default ${DEFAULT-VALUE}).")
  double duplicate;

  @Option(names = "--late-fraction", defaultValue = "0.005",
      description = "Chance per event of arriving 1-3 days late (default ${DEFAULT-VALUE}).")
  double late;

  @Option(names = "--horizon-weeks", defaultValue = "13",
      description = "Weeks after the last day covered by the future-conversion truth (default ${DEFAULT-VALUE}).")
  int horizonWeeks;

  @Option(names = "--no-cancels", description = "Plant no cancellations (one attempt per user and pair).")
  boolean noCancels;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PlantedBehaviour behaviour = noCancels ? PlantedBehaviour.defaults().withoutCancels() : PlantedBehaviour.defaults();
    GenerateOptions options = new GenerateOptions(out, users, from, days, seed, bad, duplicate, late, horizonWeeks,
        behaviour);
    long start = System.nanoTime();
    GenerateResult result = SyntheticLogs.generate(options);
    PrintWriter printer = spec.commandLine().getOut();
    printer.println(String.format(Locale.ROOT, "generate %s..%s succeeded in %.1f s: %d users, %d events (%d late),"
            + " %d duplicate lines, %d bad lines, %d lines; %d planted stage entries -> %s", from, options.lastDay(),
        (System.nanoTime() - start) / 1e9, result.users(), result.events(),
        result.lateEvents(), result.duplicateLines(), result.badLines(), result.lines(), result.stageEntries(), out));
    printer.flush();
    return FunnelcastCli.EXIT_OK;
  }
}
