package io.funnelcast.ingest;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.unix_date;

import io.funnelcast.config.SourceConfig;
import java.time.Duration;
import org.apache.spark.sql.Column;

/**
 * The event times a run date accepts: from the start of the run date minus max-lateness (inclusive) to the
 * end of the run date plus max-future-skew (exclusive). Outside it a record is quarantined. As columns of a
 * row's run date, so one batch may hold the files of many run dates.
 */
public final class EventTimeWindow {
  private EventTimeWindow() {}

  public static Column earliest(Column runDate, SourceConfig source) {
    return dayStartPlus(runDate, 0, source.maxLateness().negated());
  }

  public static Column latestExclusive(Column runDate, SourceConfig source) {
    return dayStartPlus(runDate, 1, source.maxFutureSkew());
  }

  private static Column dayStartPlus(Column runDate, int days, Duration offset) {
    return timestamp_micros(unix_date(runDate).plus(lit(days)).cast("long").multiply(lit(EventTimes.MICROS_PER_DAY))
        .plus(lit(offset.toNanos() / 1000)));
  }
}
