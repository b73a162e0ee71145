package io.funnelcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command-line errors caught before Spark starts; the end-to-end runs are in FunnelcastCliIT. */
class FunnelcastCliTest {
  @TempDir
  Path temp;

  record Outcome(int exitCode, String out, String err) {}

  static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = FunnelcastCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void aConfigErrorPrintsOneLineNamingTheKeyAndExitsWith2() throws Exception {
    Path conf = temp.resolve("bad.conf");
    Files.writeString(conf, "funnelcast.source.format = xml\n");
    Outcome outcome = run("ingest", "--date", "2026-11-03", "--conf", conf.toString());
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).isEqualTo("funnelcast: config error: funnelcast.source.format: 'xml' is invalid:"
        + " expected one of json, csv, parquet (" + conf + ": 1)" + System.lineSeparator());
    assertThat(outcome.out()).isEmpty();
  }

  @Test
  void aMissingConfFileExitsWith2() {
    Outcome outcome = run("ingest", "--date", "2026-11-03", "--conf", temp.resolve("none.conf").toString());
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).startsWith("funnelcast: config error: --conf file not found: ");
  }

  @Test
  void usageErrorsExitWith2() {
    assertThat(run("ingest").exitCode()).isEqualTo(2);
    assertThat(run("ingest").err()).contains("Missing required argument");
    assertThat(run("ingest", "--date", "2026-13-01").exitCode()).isEqualTo(2);
    assertThat(run("ingest", "--date", "2026-11-03", "--from", "2026-11-01", "--to", "2026-11-02").exitCode())
        .isEqualTo(2);
    assertThat(run("frobnicate").exitCode()).isEqualTo(2);
    Outcome backwards = run("ingest", "--from", "2026-11-05", "--to", "2026-11-01");
    assertThat(backwards.exitCode()).isEqualTo(2);
    assertThat(backwards.err()).isEqualTo("funnelcast: --to 2026-11-01 is before --from 2026-11-05"
        + System.lineSeparator());
  }

  @Test
  void backtestRangesAreCheckedBeforeSparkStarts() {
    Outcome backwards = run("backtest", "--from", "2026-11-05", "--to", "2026-11-01");
    assertThat(backwards.exitCode()).isEqualTo(2);
    assertThat(backwards.err()).isEqualTo("funnelcast: --to 2026-11-01 is before --from 2026-11-05"
        + System.lineSeparator());
    Outcome every = run("backtest", "--from", "2026-11-01", "--to", "2026-11-05", "--every", "weekly");
    assertThat(every.exitCode()).isEqualTo(2);
    assertThat(every.err()).contains("--every weekly: expected a number of days, e.g. --every 7 days");
    assertThat(run("backtest", "--from", "2020-01-01", "--to", "2026-11-05", "--every", "1", "day").err())
        .contains("at most 400: use a longer --every");
    assertThat(BacktestCommand.days(java.util.List.of("7", "days"))).isEqualTo(7);
    assertThat(BacktestCommand.days(java.util.List.of("14d"))).isEqualTo(14);
    assertThat(run("backtest", "--from", "2026-11-01", "--to", "2026-11-05", "--every", "0").err())
        .contains("--every must be at least 1 day");
  }

  @Test
  void helpListsTheCommands() {
    Outcome help = run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("ingest").contains("forecast").contains("backtest");
  }
}
