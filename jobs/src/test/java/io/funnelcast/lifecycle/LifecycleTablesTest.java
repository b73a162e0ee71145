package io.funnelcast.lifecycle;

import static io.funnelcast.testing.Frames.assertSameRows;
import static io.funnelcast.testing.Frames.rows;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.funnelcast.config.LifecycleConfig;
import io.funnelcast.testing.SparkExtension;
import io.funnelcast.testing.TestConfigs;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Hand-built users through the Spark side: flags, predicates, segments, snapshot and daily counts. */
@ExtendWith(SparkExtension.class)
class LifecycleTablesTest {
  static final StructType EVENTS = new StructType()
      .add("event_id", DataTypes.StringType)
      .add("user_id", DataTypes.StringType)
      .add("event_type", DataTypes.StringType)
      .add("event_time", DataTypes.TimestampType)
      .add("properties", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
  static final LocalDate D0 = LocalDate.of(2026, 11, 1);

  static Instant at(int day, int hour) {
    return D0.plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(hour * 3600L);
  }

  static Object[] event(String id, String user, String type, Instant time, Map<String, String> properties) {
    return new Object[] {id, user, type, time, properties};
  }

  static final LifecycleConfig FREEMIUM = TestConfigs.with("lifecycle.model", "freemium",
      "lifecycle.segments.0", "properties['country']").lifecycle();

  /** Events given out of order on purpose. */
  static Dataset<Row> events() {
    return rows(EVENTS,
        // a: signs up, subscribes to the free plan (no paid by the where predicate), then to pro.
        event("a3", "a", "subscribe", at(2, 10), Map.of("plan", "pro")),
        event("a1", "a", "signup", at(0, 9), Map.of("country", "DE")),
        event("a2", "a", "subscribe", at(1, 10), Map.of("plan", "free")),
        event("a0", "a", "page_view", at(0, 8), Map.of("country", "US")),
        // b: one visit, then back after 20 days.
        event("b1", "b", "page_view", at(0, 12), Map.of()),
        event("b2", "b", "page_view", at(20, 12), Map.of("country", "FR")),
        // c: pays, then cancels (a churn event and an exit).
        event("c1", "c", "subscribe", at(1, 8), Map.of("plan", "team", "country", "DE")),
        event("c2", "c", "cancel", at(3, 8), Map.of()));
  }

  static Dataset<Row> state(LocalDate asOf) {
    return LifecycleState.compute(events(), FREEMIUM, ZoneOffset.UTC, asOf);
  }

  @Test
  void snapshotPlacesEachUserWithStatusAsOfTheDate() {
    LocalDate asOf = D0.plusDays(21);
    Dataset<Row> snapshot = LifecycleTables.snapshot(state(asOf), asOf, FREEMIUM.model().stageNames(),
        ActivityRules.of(FREEMIUM.activity()));
    StructType expected = new StructType()
        .add("user_id", DataTypes.StringType).add("current_stage", DataTypes.StringType)
        .add("current_attempt", DataTypes.IntegerType).add("highest_stage", DataTypes.StringType)
        .add("activity_status", DataTypes.StringType)
        .add("segments", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
    assertSameRows(rows(expected,
            // The free-plan subscribe does not meet paid's predicate; pro does. Segment from the first event.
            new Object[] {"a", "paid", 1, "paid", "dormant", Map.of("country", "US")},
            // b's first event has no country.
            new Object[] {"b", "visitor", 1, "visitor", "resurrected", mapWithNull("country")},
            // c's cancel moves it back to engaged (attempt 1: engaged was skipped on the way up, then
            // entered again) and churns it.
            new Object[] {"c", "engaged", 2, "paid", "churned", Map.of("country", "DE")}),
        snapshot.select("user_id", "current_stage", "current_attempt", "highest_stage", "activity_status",
            "segments"));
  }

  static Map<String, String> mapWithNull(String key) {
    Map<String, String> map = new java.util.HashMap<>();
    map.put(key, null);
    return map;
  }

  @Test
  void historyHasOneRowPerVisitWithSkipsAndExits() {
    Dataset<Row> history = LifecycleTables.history(state(D0.plusDays(21)))
        .filter(col("user_id").equalTo("c"));
    assertThat(history.orderBy("entered_at", "stage_index").collectAsList().stream()
        .map(r -> r.getAs("stage") + "#" + r.getAs("attempt") + (r.<Boolean>getAs("is_skipped") ? " skipped" : "")
            + " " + r.getAs("exit_reason")))
        .containsExactly("visitor#1 advanced", "signed_up#1 skipped advanced", "engaged#1 skipped advanced",
            "paid#1 exit:cancel", "engaged#2 null");
  }

  @Test
  void dailyCountsUsersPerStageAndStatusBySegment() {
    LocalDate asOf = D0.plusDays(21);
    Dataset<Row> daily = LifecycleTables.daily(LifecycleTables.dailyChanges(state(asOf)), asOf,
        FREEMIUM.model().stageNames());
    // 5 stages x (all, US, DE, (none)) x 22 days.
    assertThat(daily.count()).isEqualTo(5 * 4 * 22);
    Row visitorsDay0 = daily.filter(col("day").equalTo(java.sql.Date.valueOf(D0))
        .and(col("stage").equalTo("visitor")).and(col("segment_name").equalTo("all"))).first();
    assertThat(visitorsDay0.<Long>getAs("users_in_stage")).isEqualTo(1);   // b; a moved on to signed_up
    assertThat(visitorsDay0.<Long>getAs("users_new")).isEqualTo(1);
    assertThat(visitorsDay0.<Long>getAs("entered_count")).isEqualTo(2);    // a and b
    assertThat(visitorsDay0.<Long>getAs("exited_count")).isEqualTo(1);     // a
    Row engagedDay3 = daily.filter(col("day").equalTo(java.sql.Date.valueOf(D0.plusDays(3)))
        .and(col("stage").equalTo("engaged")).and(col("segment_value").equalTo("DE"))).first();
    assertThat(engagedDay3.<Long>getAs("users_in_stage")).isEqualTo(1);
    assertThat(engagedDay3.<Long>getAs("users_churned")).isEqualTo(1);
    Row visitorsDay20 = daily.filter(col("day").equalTo(java.sql.Date.valueOf(D0.plusDays(20)))
        .and(col("stage").equalTo("visitor")).and(col("segment_value").equalTo("(none)"))).first();
    assertThat(visitorsDay20.<Long>getAs("users_resurrected")).isEqualTo(1);
    Row visitorsDay19 = daily.filter(col("day").equalTo(java.sql.Date.valueOf(D0.plusDays(19)))
        .and(col("stage").equalTo("visitor")).and(col("segment_value").equalTo("(none)"))).first();
    assertThat(visitorsDay19.<Long>getAs("users_dormant")).isEqualTo(1);
  }

  @Test
  void dailyChangesUpdatedForSomeUsersEqualTheChangesSummedAgain() {
    Dataset<Row> state = state(D0.plusDays(21)).cache();
    Dataset<Row> withoutC = state.filter(col("user_id").notEqual("c"));
    Dataset<Row> onlyC = state.filter(col("user_id").equalTo("c"));
    Dataset<Row> none = state.limit(0);
    Dataset<Row> all = LifecycleTables.dailyChanges(state);

    assertSameRows(all, LifecycleTables.updateChanges(LifecycleTables.dailyChanges(withoutC),
        LifecycleTables.dailyChanges(onlyC), LifecycleTables.dailyChanges(none)));
    // Taking c away leaves no user in the DE rows: they go, as a sum over a and b would not have them.
    Dataset<Row> removed = LifecycleTables.updateChanges(all, LifecycleTables.dailyChanges(none),
        LifecycleTables.dailyChanges(onlyC));
    assertSameRows(LifecycleTables.dailyChanges(withoutC), removed);
    assertThat(removed.filter(col("segment_value").equalTo("DE")).count()).isZero();
    assertThat(all.filter(col("segment_value").equalTo("DE")).count()).isPositive();
  }

  @Test
  void aPredicateOnAColumnEventsDoNotHaveFailsNamingTheStage() {
    LifecycleConfig bad = TestConfigs.with("lifecycle.stages.0.name", "x", "lifecycle.stages.0.enter.events.0", "*",
        "lifecycle.stages.0.enter.where", "plan = 'pro'").lifecycle();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ObjectiveCompiler.validate(events(), bad.model()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("funnelcast.lifecycle stage x.enter.where: 'plan = 'pro'' does not work on events: ");
  }
}
