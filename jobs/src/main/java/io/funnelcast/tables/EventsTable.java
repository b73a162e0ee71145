package io.funnelcast.tables;

import static io.funnelcast.tables.TableSpec.column;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;

/** events: one clean event per row, partitioned by its UTC day. Written by ingest. */
public final class EventsTable {
  public static final String EVENT_ID = "event_id";
  public static final String USER_ID = "user_id";
  public static final String EVENT_TYPE = "event_type";
  public static final String EVENT_TIME = "event_time";
  public static final String PROPERTIES = "properties";
  public static final String EVENT_DATE = "event_date";
  public static final String RUN_DATE = "run_date";
  public static final String SOURCE_FILE = "source_file";

  public static final TableSpec SPEC = new TableSpec("events",
      "One clean, deduplicated interaction event per row; partitioned by event_date (UTC). Written by ingest.",
      TableSpec.columns(
          column(EVENT_ID, DataTypes.StringType, false,
              "Event identifier from the log, or a sha-256 of user_id, event_type, event_time and properties when the log has none; unique per event_date"),
          column(USER_ID, DataTypes.StringType, false, "User the event belongs to, trimmed"),
          column(EVENT_TYPE, DataTypes.StringType, false, "What happened, e.g. signup, session_start, subscribe; trimmed"),
          column(EVENT_TIME, DataTypes.TimestampType, false, "When it happened, as an instant (shown in the session time zone; Funnelcast sessions use UTC)"),
          column(PROPERTIES, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true), false,
              "Event attributes (plan, revenue, country, ...) as text; nested values are JSON text; empty when none"),
          column(EVENT_DATE, DataTypes.DateType, false, "UTC calendar day of event_time; the partition column"),
          column(RUN_DATE, DataTypes.DateType, false,
              "Run date whose raw files delivered the event; later than event_date for late events"),
          column(SOURCE_FILE, DataTypes.StringType, false, "Raw file the event was read from")),
      List.of(EVENT_DATE));

  private EventsTable() {}
}
