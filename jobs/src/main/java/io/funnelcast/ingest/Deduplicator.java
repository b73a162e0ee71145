package io.funnelcast.ingest;

import static io.funnelcast.ingest.RawColumns.RAW_RECORD;
import static io.funnelcast.ingest.RawColumns.SOURCE_FILE;
import static io.funnelcast.tables.EventsTable.EVENT_DATE;
import static io.funnelcast.tables.EventsTable.EVENT_ID;
import static io.funnelcast.tables.EventsTable.EVENT_TIME;
import static io.funnelcast.tables.EventsTable.EVENT_TYPE;
import static io.funnelcast.tables.EventsTable.PROPERTIES;
import static io.funnelcast.tables.EventsTable.RUN_DATE;
import static io.funnelcast.tables.EventsTable.USER_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Marks duplicate events: a second copy of an event_id within the batch (the first in a total order,
 * earliest run date first, is kept, so reruns keep the same copy), and any event whose id is already stored
 * for that day by a run date outside the batch. Rows without an event_id (rejected records) are never duplicates.
 */
public final class Deduplicator {
  public static final String IS_DUPLICATE = "is_duplicate";
  private static final String STORED = "_funnelcast_stored";
  private static final String STORED_DATE = "_funnelcast_stored_date";
  private static final String STORED_ID = "_funnelcast_stored_id";
  private static final String COPY_NUMBER = "_funnelcast_copy_number";

  private Deduplicator() {}

  /**
   * @param batch rows with event_id, event_date and the events columns
   * @param storedKeys (event_date, event_id) of events other run dates already wrote
   */
  public static Dataset<Row> withDuplicateFlag(Dataset<Row> batch, Dataset<Row> storedKeys) {
    Dataset<Row> stored = storedKeys.select(col(EVENT_DATE).as(STORED_DATE), col(EVENT_ID).as(STORED_ID))
        .distinct()
        .withColumn(STORED, lit(true));
    // The earliest run date's copy first, as when the dates are ingested one by one in order.
    var copies = Window.partitionBy(col(EVENT_DATE), col(EVENT_ID)).orderBy(col(RUN_DATE), col(EVENT_TIME), col(USER_ID),
        col(EVENT_TYPE), EventIds.canonicalProperties(col(PROPERTIES)), col(SOURCE_FILE), col(RAW_RECORD));
    Column duplicate = col(EVENT_ID).isNotNull()
        .and(col(COPY_NUMBER).gt(1).or(col(STORED).eqNullSafe(lit(true))));
    return batch
        .withColumn(COPY_NUMBER, row_number().over(copies))
        .join(stored, col(EVENT_DATE).equalTo(col(STORED_DATE)).and(col(EVENT_ID).equalTo(col(STORED_ID))),
            "left")
        .withColumn(IS_DUPLICATE, duplicate)
        .drop(COPY_NUMBER, STORED, STORED_DATE, STORED_ID);
  }
}
