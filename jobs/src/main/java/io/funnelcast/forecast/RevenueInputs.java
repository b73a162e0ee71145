package io.funnelcast.forecast;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnelcast.config.ForecastTarget;
import io.funnelcast.config.Revenue;
import io.funnelcast.conversion.CohortPeriods;
import io.funnelcast.ingest.EventTimes;
import io.funnelcast.lifecycle.LifecycleTables;
import io.funnelcast.tables.EventsTable;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The revenue converting events brought, for targets whose revenue comes from the events: per series × business
 * day of the conversion × currency, the values' count, sum and sum of squares. The converting event is the one
 * that brought the user into B (user_stage_history's entry_event_id). A conversion whose value (or currency) is
 * missing or not a number lands in the row with a null currency: it brought no revenue, and is counted so.
 */
public final class RevenueInputs {
  static final String CURRENCY = "currency";
  static final String VALUED = "valued_count";
  static final String VALUE_SUM = "value_sum";
  static final String VALUE_SQUARES = "value_squares";

  private RevenueInputs() {}

  /**
   * @param conversions stage_conversions
   * @param history user_stage_history (user_id, stage, entered_at, entry_event_id)
   * @param events events
   */
  public static Dataset<Row> daily(Dataset<Row> conversions, Dataset<Row> history, Dataset<Row> events,
      List<ForecastTarget> targets, ZoneId businessZone) {
    Dataset<Row> all = null;
    for (ForecastTarget target : targets) {
      if (!(target.revenue().orElse(null) instanceof Revenue.FromEvent revenue)) {
        continue;
      }
      Dataset<Row> converted = conversions
          .filter(col("from_stage").equalTo(target.pair().from()).and(col("to_stage").equalTo(target.pair().to()))
              .and(col("is_converted")))
          .select(col("user_id"), col("from_stage"), col("to_stage"), col("to_at"), col("segments"));
      Dataset<Row> entries = history.select(col("user_id").as("h_user_id"), col("stage").as("h_stage"),
          col("entered_at").as("h_entered_at"), col("entry_event_id"));
      Dataset<Row> withEvent = converted.join(entries, col("user_id").equalTo(col("h_user_id"))
              .and(col("to_stage").equalTo(col("h_stage"))).and(col("to_at").equalTo(col("h_entered_at"))), "left")
          .withColumn("event_date", EventTimes.utcDate(col("to_at")));
      Dataset<Row> event = events.select(col(EventsTable.EVENT_ID).as("e_event_id"),
          col(EventsTable.USER_ID).as("e_user_id"), col(EventsTable.EVENT_DATE).as("e_event_date"),
          col(EventsTable.EVENT_TYPE), col(EventsTable.EVENT_TIME), col(EventsTable.PROPERTIES));
      Column value = expr(revenue.value()).cast("double");
      Column currency = revenue.currencyValue().map(e -> expr(e).cast("string"))
          .orElseGet(() -> lit(revenue.currency().orElseThrow()));
      Column valued = value.isNotNull().and(currency.isNotNull()).and(not(isnan(value)));
      Dataset<Row> values = withEvent.join(event, col("entry_event_id").equalTo(col("e_event_id"))
              .and(col("user_id").equalTo(col("e_user_id"))).and(col("event_date").equalTo(col("e_event_date"))), "left")
          .select(col("from_stage"), col("to_stage"), col("to_at"),
              explode(LifecycleTables.segmentRows(col("segments"))).as("s"),
              when(valued, currency).as(CURRENCY), when(valued, value).as("value"));
      all = all == null ? values : all.unionByName(values);
    }
    if (all == null) {
      return null;
    }
    return all.groupBy(col("from_stage"), col("to_stage"), col("s.segment_name").as("segment_name"),
            col("s.segment_value").as("segment_value"),
            CohortPeriods.businessDay(col("to_at"), businessZone).as(ForecastInputs.DAY), col(CURRENCY))
        .agg(count(col("value")).as(VALUED), count(lit(1)).as("conversions_count"),
            sum(col("value")).as(VALUE_SUM), sum(col("value").multiply(col("value"))).as(VALUE_SQUARES));
  }
}
