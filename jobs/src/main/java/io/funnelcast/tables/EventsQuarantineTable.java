package io.funnelcast.tables;

import static io.funnelcast.tables.TableSpec.column;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;

/** events_quarantine: one rejected raw record per row, with why. Written by ingest. */
public final class EventsQuarantineTable {
  public static final String RUN_ID = "run_id";
  public static final String RUN_DATE = "run_date";
  public static final String SOURCE_FILE = "source_file";
  public static final String RAW_RECORD = "raw_record";
  public static final String REASON = "reason";
  public static final String REASON_DETAIL = "reason_detail";

  public static final TableSpec SPEC = new TableSpec("events_quarantine",
      "Raw records ingest rejected, kept verbatim with a reason code; rerunning a date replaces that date's rows.",
      TableSpec.columns(
          column(RUN_ID, DataTypes.StringType, false, "Ingest run that last wrote this run date's rows (see pipeline_runs)"),
          column(RUN_DATE, DataTypes.DateType, false, "Run date whose raw files held the record"),
          column(SOURCE_FILE, DataTypes.StringType, false, "Raw file the record was read from"),
          column(RAW_RECORD, DataTypes.StringType, false,
              "The record as it was: the raw line for json and csv, the row rendered as JSON for parquet"),
          column(REASON, DataTypes.StringType, false,
              "Reason code: invalid_encoding, malformed_record, missing_user_id, missing_event_type, missing_event_time, unparseable_event_time, malformed_properties, event_time_in_future, event_time_too_old"),
          column(REASON_DETAIL, DataTypes.StringType, false, "What exactly was wrong, in words")),
      List.of());

  private EventsQuarantineTable() {}
}
