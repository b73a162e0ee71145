package io.funnelcast.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Which date(s) a job command runs for. */
public final class CommonOptions {

  @ArgGroup(exclusive = true, multiplicity = "1")
  Dates dates;

  static final class Dates {
    @Option(names = "--date", paramLabel = "YYYY-MM-DD", required = true,
        description = "Run date: the UTC calendar day whose raw files are processed.")
    LocalDate date;

    @ArgGroup(exclusive = false)
    Range range;
  }

  static final class Range {
    @Option(names = "--from", paramLabel = "YYYY-MM-DD", required = true,
        description = "First run date of a range, processed day by day in order.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", required = true,
        description = "Last run date of the range (inclusive).")
    LocalDate to;
  }

  /** The run dates in order. */
  public List<LocalDate> runDates() {
    if (dates.date != null) {
      return List.of(dates.date);
    }
    if (dates.range.to.isBefore(dates.range.from)) {
      throw new IllegalArgumentException("--to " + dates.range.to + " is before --from " + dates.range.from);
    }
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate day = dates.range.from; !day.isAfter(dates.range.to); day = day.plusDays(1)) {
      days.add(day);
    }
    return days;
  }
}
