package io.funnelcast.ingest;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/** Event identifiers: the log's own when it has one, else a stable hash of the event's content. */
public final class EventIds {
  private static final String SEPARATOR = "\u001f";

  private EventIds() {}

  /** Properties as JSON with keys sorted, so the same properties in any order give the same text. */
  public static Column canonicalProperties(Column properties) {
    return to_json(map_from_entries(array_sort(map_entries(properties))));
  }

  /**
   * The given id when it is not blank; else the sha-256 of user, type, instant (epoch micros) and canonical
   * properties, so re-delivered copies of the same event get the same id.
   */
  public static Column eventId(Column givenId, Column userId, Column eventType, Column eventTime,
      Column properties) {
    Column derived = sha2(concat_ws(SEPARATOR, userId, eventType, unix_micros(eventTime).cast("string"),
        canonicalProperties(properties)), 256);
    return when(givenId.isNotNull(), givenId).otherwise(derived);
  }
}
