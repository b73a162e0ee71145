package io.funnelcast.conversion;

import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trunc;

import io.funnelcast.config.CohortGrain;
import java.time.DayOfWeek;
import java.time.ZoneId;
import org.apache.spark.sql.Column;

/** Reporting periods of an instant in the business time zone, as Spark columns (the session runs in UTC). */
public final class CohortPeriods {
  private CohortPeriods() {}

  public static Column businessDay(Column instant, ZoneId zone) {
    return to_date(from_utc_timestamp(instant, zone.getId()));
  }

  /** First day of the week holding {@code day}, weeks starting on {@code weekStart}. */
  public static Column weekStart(Column day, DayOfWeek weekStart) {
    // Spark numbers Sunday 1 .. Saturday 7; java.time Monday 1 .. Sunday 7.
    Column isoDay = pmod(dayofweek(day).plus(5), lit(7)).plus(1);
    return date_sub(day, pmod(isoDay.minus(weekStart.getValue()), lit(7)));
  }

  public static Column monthStart(Column day) {
    return trunc(day, "month");
  }

  /** Column name of the period start in stage_conversions. */
  static String column(CohortGrain grain) {
    return "cohort_" + grain.key();
  }
}
