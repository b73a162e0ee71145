package io.funnelcast.ingest;

import static io.funnelcast.tables.EventsTable.RUN_DATE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;

/** The rows an ingest owns in events and events_quarantine: its run dates, as a predicate and as replaceWhere text. */
record RunDateSlice(java.time.LocalDate first, java.time.LocalDate last) {
  Column predicate() {
    return first.equals(last) ? col(RUN_DATE).equalTo(lit(last)) : col(RUN_DATE).between(lit(first), lit(last));
  }

  String sql() {
    return first.equals(last) ? RUN_DATE + " = DATE'" + last + "'"
        : RUN_DATE + " BETWEEN DATE'" + first + "' AND DATE'" + last + "'";
  }
}
