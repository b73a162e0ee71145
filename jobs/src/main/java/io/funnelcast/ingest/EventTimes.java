package io.funnelcast.ingest;

import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.funnelcast.config.EventTimeFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/** Column expressions that turn raw event-time text into instants, and instants into UTC days. */
public final class EventTimes {
  public static final double SECONDS_PER_DAY = 86_400D;
  static final long MICROS_PER_DAY = 86_400_000_000L;
  /** ISO-8601 date-time with a Z or ±hh:mm offset; a time without a zone names no instant. */
  static final String ISO_WITH_ZONE =
      "^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]{1,9})?)?(Z|z|[+-][0-9]{2}:[0-9]{2})$";
  /** Up to 15 digits: beyond that epoch millis overflow microsecond timestamps. */
  private static final String EPOCH_MILLIS = "^-?[0-9]{1,15}$";
  /** Seconds with an optional fraction; JSON numbers with fractions may arrive as 1.7937E9. */
  private static final String EPOCH_SECONDS = "^-?[0-9]{1,12}([.][0-9]{1,6})?$|^-?[0-9][.][0-9]{1,16}[eE][+]?[0-9]{1,2}$";

  private EventTimes() {}

  /** The instant the text names, or null when it is not in the format. Patterns are read in UTC. */
  public static Column parse(Column text, EventTimeFormat format) {
    Column millis = when(text.rlike(EPOCH_MILLIS), timestamp_millis(text.cast("long")));
    switch (format.kind()) {
      case ISO:
        return millis.when(text.rlike(ISO_WITH_ZONE),
            functions.regexp_replace(text, ",", ".").cast("timestamp"));
      case EPOCH_MILLIS:
        return millis;
      case EPOCH_SECONDS:
        return when(text.rlike(EPOCH_SECONDS), timestamp_seconds(text.cast("decimal(18,6)")));
      case PATTERN:
        return to_timestamp(text, format.pattern().orElseThrow());
      default:
        throw new IllegalArgumentException("unknown event time format " + format);
    }
  }

  /** What the format expects, for quarantine details. */
  public static String describe(EventTimeFormat format) {
    switch (format.kind()) {
      case ISO: return "ISO-8601 with a zone (e.g. 2024-03-01T10:15:00Z) or epoch milliseconds";
      case EPOCH_MILLIS: return "epoch milliseconds";
      case EPOCH_SECONDS: return "epoch seconds";
      default: return "in the pattern " + format.pattern().orElseThrow();
    }
  }

  /** UTC calendar day of an instant, independent of the session time zone. */
  public static Column utcDate(Column instant) {
    return functions.date_from_unix_date(floor(unix_micros(instant).divide(lit(MICROS_PER_DAY))).cast("int"));
  }

  /** The end of a UTC calendar day (the start of the next): everything a run for that date may know is before it. */
  public static Instant endOfDay(LocalDate day) {
    return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Seconds from one instant to another, to the microsecond. */
  public static Column secondsBetween(Column from, Column to) {
    return unix_micros(to).minus(unix_micros(from)).divide(lit(1_000_000D));
  }

  /** A date column's value: LocalDate with the java8 datetime API on (as Funnelcast sessions set it), else Date. */
  public static LocalDate localDate(Object value) {
    return value == null ? null : value instanceof java.sql.Date ? ((java.sql.Date) value).toLocalDate() : (LocalDate) value;
  }

  /** An instant as a timestamp literal, independent of the session time zone. */
  public static Column literal(Instant instant) {
    return timestamp_micros(lit(ChronoUnit.MICROS.between(Instant.EPOCH, instant)));
  }
}
