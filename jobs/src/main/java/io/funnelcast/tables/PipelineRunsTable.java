package io.funnelcast.tables;

import static io.funnelcast.tables.TableSpec.column;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;

/** pipeline_runs: one row per job attempt, successful or not; append-only. Written by every job. */
public final class PipelineRunsTable {
  public static final String RUN_ID = "run_id";
  public static final String JOB = "job";
  public static final String RUN_DATE = "run_date";
  public static final String STARTED_AT = "started_at";
  public static final String ENDED_AT = "ended_at";
  public static final String DURATION_SECONDS = "duration_seconds";
  public static final String STATUS = "status";
  public static final String ROWS_READ_COUNT = "rows_read_count";
  public static final String ROWS_WRITTEN_COUNT = "rows_written_count";
  public static final String DUPLICATES_DROPPED_COUNT = "duplicates_dropped_count";
  public static final String QUARANTINED_COUNT = "quarantined_count";
  public static final String CONFIG_HASH = "config_hash";
  public static final String VERSION = "version";
  public static final String ERROR_MESSAGE = "error_message";

  public static final String STATUS_SUCCEEDED = "succeeded";
  public static final String STATUS_FAILED = "failed";
  /** The attempt's process ended without recording an outcome; recorded by the next attempt that found it. */
  public static final String STATUS_DIED = "died";

  public static final TableSpec SPEC = new TableSpec("pipeline_runs",
      "Audit log: one row per job attempt with its outcome and row counts; append-only.",
      TableSpec.columns(
          column(RUN_ID, DataTypes.StringType, false, "Id of this attempt (a backfill's ingest has one row per run"
              + " date, all with its id)"),
          column(JOB, DataTypes.StringType, false, "Job name, e.g. ingest"),
          column(RUN_DATE, DataTypes.DateType, false, "Date the job ran for (UTC calendar day)"),
          column(STARTED_AT, DataTypes.TimestampType, false, "Wall-clock start of the attempt"),
          column(ENDED_AT, DataTypes.TimestampType, false, "Wall-clock end of the attempt"),
          column(DURATION_SECONDS, DataTypes.DoubleType, false, "ended_at minus started_at, in seconds"),
          column(STATUS, DataTypes.StringType, false, "succeeded, failed, or died (the process ended without"
              + " recording an outcome, e.g. killed; recorded by the next attempt, with ended_at when it was found)"),
          column(ROWS_READ_COUNT, DataTypes.LongType, true, "Input records read (ingest: raw records); null when the attempt failed"),
          column(ROWS_WRITTEN_COUNT, DataTypes.LongType, true, "Rows written to the job's main table; null when the attempt failed"),
          column(DUPLICATES_DROPPED_COUNT, DataTypes.LongType, true, "Records dropped as duplicates; null when the attempt failed"),
          column(QUARANTINED_COUNT, DataTypes.LongType, true, "Records sent to quarantine; null when the attempt failed"),
          column(CONFIG_HASH, DataTypes.StringType, false, "sha-256 of the resolved configuration"),
          column(VERSION, DataTypes.StringType, false, "Funnelcast version that ran"),
          column(ERROR_MESSAGE, DataTypes.StringType, true, "Why the attempt failed; null when it succeeded")),
      List.of());

  private PipelineRunsTable() {}
}
