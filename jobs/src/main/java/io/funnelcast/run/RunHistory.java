package io.funnelcast.run;

import static org.apache.spark.sql.functions.col;

import io.funnelcast.ingest.EventTimes;
import io.funnelcast.tables.DeltaTables;
import io.funnelcast.tables.PipelineRunsTable;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** What pipeline_runs says about earlier runs, for jobs that build on another job's tables. */
public final class RunHistory {
  /** One recorded attempt of a job: the date it ran for, the config hash and version it ran under, how it ended. */
  public record Attempt(LocalDate runDate, String configHash, String version, String status) {
    public boolean succeeded() {
      return PipelineRunsTable.STATUS_SUCCEEDED.equals(status);
    }
  }

  private RunHistory() {}

  /** Every recorded attempt of {@code job}, the latest (by end time) first. */
  public static List<Attempt> attempts(DeltaTables tables, String job) {
    return tables.read(PipelineRunsTable.SPEC)
        .filter(col(PipelineRunsTable.JOB).equalTo(job))
        .orderBy(col(PipelineRunsTable.ENDED_AT).desc())
        .select(PipelineRunsTable.RUN_DATE, PipelineRunsTable.CONFIG_HASH, PipelineRunsTable.VERSION,
            PipelineRunsTable.STATUS)
        .collectAsList().stream()
        .map(row -> new Attempt(EventTimes.localDate(row.get(0)), row.getString(1), row.getString(2),
            row.getString(3)))
        .toList();
  }

  /** The latest attempt of {@code job} (by end time), if it ever ran. */
  public static Optional<Attempt> latest(DeltaTables tables, String job) {
    return attempts(tables, job).stream().findFirst();
  }

  /**
   * Fails unless the latest attempt of {@code needed} succeeded for {@code runDate}, so the tables it writes
   * ({@code what}) are as of that date.
   *
   * @param job the job that builds on them, for the message
   */
  public static void requireSucceededFor(DeltaTables tables, String needed, LocalDate runDate, String job,
      String what) {
    require(tables, needed, runDate, job, what, false);
  }

  /**
   * Fails unless the latest attempt of {@code needed} succeeded for {@code runDate} or a later date: tables that
   * hold everything up to the run date (a job reading them as known at the run date).
   *
   * @return the date the tables are as of
   */
  public static LocalDate requireSucceededOnOrAfter(DeltaTables tables, String needed, LocalDate runDate, String job,
      String what) {
    return require(tables, needed, runDate, job, what, true);
  }

  private static LocalDate require(DeltaTables tables, String needed, LocalDate runDate, String job, String what,
      boolean laterWill) {
    Attempt latest = latest(tables, needed).orElseThrow(() -> new IllegalStateException(job + " " + runDate + ": "
        + needed + " has never run; run " + needed + " for " + runDate + " first"));
    boolean dateFits = laterWill ? !latest.runDate().isBefore(runDate) : latest.runDate().equals(runDate);
    if (!dateFits || !latest.succeeded()) {
      throw new IllegalStateException(job + " " + runDate + ": the latest " + needed + " run is for "
          + latest.runDate() + " (" + latest.status() + "), so " + what + " is not as of " + runDate + "; run "
          + needed + " for " + runDate + " first");
    }
    return latest.runDate();
  }
}
