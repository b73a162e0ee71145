package io.funnelcast.bench;

import io.funnelcast.forecast.BacktestQuality;
import io.funnelcast.generate.GenerateResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The printed table and the JSON file of one bench run, with the ratios the targets are stated in.
 *
 * @param agreement empty when the peer and conversion were not run ({@code --lifecycle-only}); likewise the
 *     backtest's quality and the in-flight check
 */
record BenchReport(long requestedEvents, int days, GenerateResult generated, List<Phase> phases,
    Optional<Agreement> agreement, Optional<BacktestQuality> quality, Optional<InFlightCheck> inFlight) {

  double total(String prefix) {
    return phases.stream().filter(p -> p.name().startsWith(prefix)).mapToDouble(Phase::seconds).sum();
  }

  double seconds(String name) {
    return phases.stream().filter(p -> p.name().equals(name)).mapToDouble(Phase::seconds).sum();
  }

  List<String[]> ratios() {
    double full = total("full:");
    double nightly = total("nightly:");
    double empty = total("empty day:");
    double floor = total("floor");
    double fromEvents = seconds("full: lifecycle --full-refresh") + seconds("full: conversion");
    double peer = total("peer:");
    List<String[]> ratios = new ArrayList<>();
    if (floor > 0) {
      ratios.add(ratio("pipeline_over_floor", full / floor, "full pipeline / floor (target <= 2.5 at 10M)"));
    }
    ratios.add(ratio("incremental_over_full", nightly / full, "nightly / full refresh (target <= 0.03 at 100M)"));
    ratios.add(ratio("nightly_over_empty_day", nightly / empty, "nightly / empty day (target <= 2)"));
    if (peer > 0) {
      ratios.add(ratio("funnelcast_over_duckdb", fromEvents / peer,
          "lifecycle + conversion / DuckDB, same cohort figures from events (target <= 8 at 10M)"));
    }
    double forecast = seconds("full: forecast");
    if (forecast > 0) {
      ratios.add(ratio("forecast_over_conversion", forecast / seconds("full: conversion"),
          "forecast / conversion, full (target <= 1.5 at 10M)"));
      double backtest = total("full: backtest");
      ratios.add(ratio("backtest_over_forecast", backtest / forecast,
          "backtest over 13 origins / one forecast (target <= 13)"));
    }
    ratios.add(ratio("events_per_second_full", generated.events() / full, "events / full pipeline seconds"));
    return ratios;
  }

  private static String quoted(List<String> lines) {
    return String.join(", ", lines.stream().map(l -> "\"" + l.replace("\"", "'") + "\"").toList());
  }

  private static String[] ratio(String key, double value, String meaning) {
    return new String[] {key, String.format(Locale.ROOT, "%.4f", value), meaning};
  }

  String table() {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "%nbench: %d events over %d days (%d users, %d lines incl. %d duplicate and %d bad), %d cores, max heap %d MB%n",
        generated.events(), days, generated.users(), generated.lines(), generated.duplicateLines(), generated.badLines(),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));
    out.append(String.format(Locale.ROOT, "  %-36s %9s %12s %11s %9s %8s %10s %6s %7s%n", "phase", "seconds", "rows",
        "rows/s", "heap MB", "RSS MB", "scratch MB", "jobs", "commits"));
    for (Phase p : phases) {
      out.append(String.format(Locale.ROOT, "  %-36s %9.1f %12d %11.0f %9d %8d %10d %6s %7s%n", p.name(), p.seconds(),
          p.rows(), p.rows() / Math.max(p.seconds(), 1e-9), p.heapPeakMb(), p.rssPeakMb(), p.scratchPeakMb(),
          Phase.count(p.sparkJobs()), Phase.count(p.deltaCommits())));
    }
    for (String[] ratio : ratios()) {
      out.append(String.format(Locale.ROOT, "  %-24s %10s  %s%n", ratio[0], ratio[1], ratio[2]));
    }
    quality.ifPresent(q -> {
      out.append("  forecast backtest (all users, scored periods):\n");
      q.lines().forEach(line -> out.append("    ").append(line).append('\n'));
      List<String> missed = q.shortfalls();
      out.append("    targets: ").append(missed.isEmpty() ? "all met" : String.join("; ", missed)).append('\n');
    });
    inFlight.ifPresent(check -> {
      out.append("  forecast in flight at the nightly date against the planted future (13 whole weeks):\n");
      check.lines().forEach(line -> out.append("    ").append(line).append('\n'));
    });
    if (agreement.isEmpty()) {
      out.append("  DuckDB agreement: not run (lifecycle only)\n");
      return out.toString();
    }
    Agreement checked = agreement.get();
    out.append(String.format(Locale.ROOT, "  DuckDB agreement: %s over %d cohort rows (max difference %.2e)%n",
        checked.agrees() ? "yes" : "NO", checked.rows(), checked.maxDifference()));
    checked.problems().stream().limit(10).forEach(problem -> out.append("    ").append(problem).append('\n'));
    return out.toString();
  }

  String json() {
    StringBuilder json = new StringBuilder("{\n");
    json.append(String.format(Locale.ROOT, "  \"events\": %d,%n  \"days\": %d,%n  \"users\": %d,%n  \"lines\": %d,%n"
            + "  \"cores\": %d,%n  \"max_heap_mb\": %d,%n  \"phases\": [%n", generated.events(), days, generated.users(), generated.lines(),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));
    List<String> rows = new ArrayList<>();
    for (Phase p : phases) {
      rows.add(String.format(Locale.ROOT, "    {\"name\": \"%s\", \"seconds\": %.3f, \"rows\": %d, \"heap_peak_mb\": %d,"
          + " \"rss_peak_mb\": %d, \"scratch_peak_mb\": %d, \"spark_jobs\": %d, \"delta_commits\": %d,"
          + " \"detail\": \"%s\"}", p.name(), p.seconds(), p.rows(), p.heapPeakMb(), p.rssPeakMb(), p.scratchPeakMb(),
          p.sparkJobs(), p.deltaCommits(), p.detail().replace("\"", "'")));
    }
    json.append(String.join(",\n", rows)).append("\n  ],\n  \"ratios\": {\n");
    List<String> ratios = new ArrayList<>();
    for (String[] ratio : ratios()) {
      ratios.add(String.format(Locale.ROOT, "    \"%s\": %s", ratio[0], ratio[1]));
    }
    json.append(String.join(",\n", ratios)).append("\n  },\n");
    quality.ifPresent(q -> json.append(String.format(Locale.ROOT, "  \"forecast_quality\": {\"weekly_wape\": %s,"
            + " \"weekly_coverage_80\": %.4f, \"shortfalls\": %d, \"lines\": [%s]},%n",
        q.pooledWeeklyWape().entrySet().stream().map(e -> String.format(Locale.ROOT, "\"%s\": %.5f", e.getKey(),
            e.getValue())).collect(java.util.stream.Collectors.joining(", ", "{", "}")), q.pooledWeeklyCoverage(),
        q.shortfalls().size(), quoted(q.lines()))));
    inFlight.ifPresent(check -> json.append(String.format(Locale.ROOT, "  \"forecast_in_flight\": {\"pooled_error\":"
        + " %.5f, \"passes\": %s, \"lines\": [%s]},%n", check.pooledError(), check.passes(), quoted(check.lines()))));
    json.append(agreement.map(a -> String.format(Locale.ROOT, "  \"duckdb_agreement\": {\"agrees\": %s, \"rows\": %d,"
            + " \"max_difference\": %s, \"problems\": %d}%n}%n", a.agrees(), a.rows(), a.maxDifference(),
        a.problems().size())).orElse("  \"duckdb_agreement\": null\n}\n"));
    return json.toString();
  }
}
