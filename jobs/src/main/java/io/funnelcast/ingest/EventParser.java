package io.funnelcast.ingest;

import static io.funnelcast.ingest.ParsedColumns.REASON;
import static io.funnelcast.ingest.ParsedColumns.REASON_DETAIL;
import static io.funnelcast.ingest.RawColumns.DECODE_ERROR;
import static io.funnelcast.ingest.RawColumns.FIELDS;
import static io.funnelcast.ingest.RawColumns.RAW_RECORD;
import static io.funnelcast.tables.EventsTable.EVENT_DATE;
import static io.funnelcast.tables.EventsTable.EVENT_ID;
import static io.funnelcast.tables.EventsTable.EVENT_TIME;
import static io.funnelcast.tables.EventsTable.EVENT_TYPE;
import static io.funnelcast.tables.EventsTable.PROPERTIES;
import static io.funnelcast.tables.EventsTable.RUN_DATE;
import static io.funnelcast.tables.EventsTable.USER_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.funnelcast.config.FieldMapping;
import io.funnelcast.config.PropertiesMapping;
import io.funnelcast.config.SourceConfig;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Turns decoded raw records into canonical events. Every record comes out: valid ones with the events
 * columns and a null reason, invalid ones with a reason code and detail (see {@link QuarantineReason}).
 */
public final class EventParser {
  private static final int DETAIL_VALUE_CHARS = 200;
  /** What the UTF-8 text reader puts where a byte sequence is not UTF-8. */
  private static final String REPLACEMENT_CHARACTER = "\uFFFD";

  private EventParser() {}

  /**
   * Rows of (source_file, raw_record, fields, decode_error) in; rows of (source_file, raw_record, user_id,
   * event_type, event_time, properties, reason, reason_detail, event_id, event_date, run_date) out.
   * raw_record is kept for rejected records only; event_id and event_date are null for them.
   */
  public static Dataset<Row> classify(Dataset<Row> decoded, SourceConfig source, LocalDate runDate) {
    return classify(decoded.withColumn(RUN_DATE, lit(runDate)), source);
  }

  /** As {@link #classify(Dataset, SourceConfig, LocalDate)}, for decoded rows that carry their run_date. */
  public static Dataset<Row> classify(Dataset<Row> decoded, SourceConfig source) {
    FieldMapping mapping = source.fields();
    Column fields = col(FIELDS);
    Column timeText = nonBlank(fields.getItem(mapping.eventTime()));
    Column eventTime = EventTimes.parse(timeText, source.eventTimeFormat());
    PropertiesMapping propertiesMapping = source.properties();
    Column propertiesText = propertiesMapping.objectField().map(fields::getItem).orElse(lit(null));

    Dataset<Row> parsed = decoded
        .withColumn(USER_ID, nonBlank(fields.getItem(mapping.userId())))
        .withColumn(EVENT_TYPE, nonBlank(fields.getItem(mapping.eventType())))
        .withColumn(EVENT_TIME, eventTime)
        .withColumn(PROPERTIES, properties(fields, propertiesMapping, mapping));

    Column runDate = col(RUN_DATE);
    Column earliest = EventTimeWindow.earliest(runDate, source);
    Column latestExclusive = EventTimeWindow.latestExclusive(runDate, source);
    Column time = col(EVENT_TIME);
    // Text is read as bytes; invalid UTF-8 comes back from a round trip through Java strings changed, with
    // U+FFFD in place of each bad sequence. Such a record would be misread, and Parquet strings must be UTF-8.
    Column repaired = functions.encode(col(RAW_RECORD), "UTF-8");
    Column notUtf8 = when(repaired.notEqual(col(RAW_RECORD).cast("binary")),
        functions.instr(functions.decode(repaired, "UTF-8"), REPLACEMENT_CHARACTER)).otherwise(lit(0));
    Column reason = when(notUtf8.gt(0), code(QuarantineReason.INVALID_ENCODING))
        .when(fields.isNull(), code(QuarantineReason.MALFORMED_RECORD))
        .when(col(USER_ID).isNull(), code(QuarantineReason.MISSING_USER_ID))
        .when(col(EVENT_TYPE).isNull(), code(QuarantineReason.MISSING_EVENT_TYPE))
        .when(timeText.isNull(), code(QuarantineReason.MISSING_EVENT_TIME))
        .when(time.isNull(), code(QuarantineReason.UNPARSEABLE_EVENT_TIME))
        .when(col(PROPERTIES).isNull(), code(QuarantineReason.MALFORMED_PROPERTIES))
        .when(time.geq(latestExclusive), code(QuarantineReason.EVENT_TIME_IN_FUTURE))
        .when(time.lt(earliest), code(QuarantineReason.EVENT_TIME_TOO_OLD));
    Column detail = when(notUtf8.gt(0), concat(lit("not UTF-8: the byte sequence at character "),
            notUtf8.cast("string"), lit(" and any after it are stored as U+FFFD")))
        .when(fields.isNull(), col(DECODE_ERROR))
        .when(col(USER_ID).isNull(), lit("no value in field '" + mapping.userId() + "'"))
        .when(col(EVENT_TYPE).isNull(), lit("no value in field '" + mapping.eventType() + "'"))
        .when(timeText.isNull(), lit("no value in field '" + mapping.eventTime() + "'"))
        .when(time.isNull(), concat(lit("'"), clip(timeText), lit("' in field '" + mapping.eventTime()
            + "' is not " + EventTimes.describe(source.eventTimeFormat()))))
        .when(col(PROPERTIES).isNull(), concat(lit("field '" + propertiesMapping.objectField().orElse("")
            + "' is not a JSON object: "), clip(propertiesText)))
        .when(time.geq(latestExclusive), concat(lit("event_time "), iso(time), lit(" is not before "),
            isoSeconds(latestExclusive), lit(" (end of run date "), runDate.cast("string"), lit(" + max-future-skew)")))
        .when(time.lt(earliest), concat(lit("event_time "), iso(time), lit(" is before "), isoSeconds(earliest),
            lit(" (start of run date "), runDate.cast("string"), lit(" - max-lateness)")));

    Column valid = reason.isNull();
    return parsed
        .withColumn(REASON, reason)
        .withColumn(REASON_DETAIL, detail)
        .withColumn(EVENT_ID, when(valid, EventIds.eventId(nonBlank(fields.getItem(mapping.eventId())),
            col(USER_ID), col(EVENT_TYPE), time, col(PROPERTIES))))
        .withColumn(EVENT_DATE, when(valid, EventTimes.utcDate(time)))
        // Only rejected records need their raw text; the decoded fields are no longer needed.
        .withColumn(RAW_RECORD, when(notUtf8.gt(0), functions.decode(repaired, "UTF-8"))
            .when(reason.isNotNull(), col(RAW_RECORD)))
        .drop(FIELDS, DECODE_ERROR);
  }

  /** Valid events only, in the events table's columns (plus source_file). */
  public static Dataset<Row> valid(Dataset<Row> classified) {
    return classified.filter(col(REASON).isNull());
  }

  /** Rejected records only. */
  public static Dataset<Row> rejected(Dataset<Row> classified) {
    return classified.filter(col(REASON).isNotNull());
  }

  private static Column properties(Column fields, PropertiesMapping mapping, FieldMapping canonical) {
    Column withoutNulls;
    if (mapping.objectField().isPresent()) {
      Column text = fields.getItem(mapping.objectField().get());
      Column parsed = from_json(text, FieldMapper.TEXT_MAP);
      // Absent or JSON null: no properties. Present but not an object: null, which quarantines the record.
      withoutNulls = when(text.isNull(), emptyProperties()).otherwise(map_filter(parsed, (k, v) -> v.isNotNull()));
    } else if (mapping.packsAllOtherFields()) {
      List<String> excluded = canonical.all();
      withoutNulls = map_filter(fields, (k, v) -> v.isNotNull().and(k.isin(excluded.toArray()).unary_$bang()));
    } else {
      withoutNulls = map_filter(fields, (k, v) -> v.isNotNull().and(k.isin(mapping.packedFields().toArray())));
    }
    return when(fields.isNotNull(), withoutNulls);
  }

  private static Column emptyProperties() {
    return map().cast(FieldMapper.TEXT_MAP);
  }

  /** Trimmed text, or null when absent or blank. */
  private static Column nonBlank(Column text) {
    Column trimmed = trim(text);
    return when(trimmed.notEqual(""), trimmed);
  }

  private static Column code(QuarantineReason reason) {
    return lit(reason.code());
  }

  private static Column clip(Column text) {
    return substring(text, 1, DETAIL_VALUE_CHARS);
  }

  private static Column iso(Column instant) {
    return date_format(instant, "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");
  }

  /** As java.time prints a whole-second instant, e.g. 2026-11-05T00:00:00Z. */
  private static Column isoSeconds(Column instant) {
    return date_format(instant, "yyyy-MM-dd'T'HH:mm:ss'Z'");
  }
}
