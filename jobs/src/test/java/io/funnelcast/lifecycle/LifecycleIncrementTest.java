package io.funnelcast.lifecycle;

import static io.funnelcast.lifecycle.LifecycleIncrement.ACTIVITY_STATUS;
import static io.funnelcast.lifecycle.LifecycleIncrement.DELETE;
import static io.funnelcast.lifecycle.LifecycleIncrement.STATUS_ONLY;
import static io.funnelcast.lifecycle.LifecycleIncrement.USER_KEY;
import static io.funnelcast.lifecycle.LifecycleIncrement.VISIT_KEY;
import static io.funnelcast.lifecycle.LifecycleTablesTest.D0;
import static io.funnelcast.lifecycle.LifecycleTablesTest.EVENTS;
import static io.funnelcast.lifecycle.LifecycleTablesTest.FREEMIUM;
import static io.funnelcast.lifecycle.LifecycleTablesTest.at;
import static io.funnelcast.lifecycle.LifecycleTablesTest.event;
import static io.funnelcast.testing.Frames.assertSameRows;
import static io.funnelcast.testing.Frames.rows;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.assertj.core.api.Assertions.assertThat;

import io.funnelcast.tables.DeltaTables;
import io.funnelcast.tables.InternalLifecycleDailyChangesTable;
import io.funnelcast.testing.SparkExtension;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The nightly increment on hand-built users, against a full refresh: the night before's tables, with this
 * night's upserts and deletes applied the way the MERGEs apply them, equal the tables recomputed from all events.
 * The state's change feed is built the way Delta writes it (pre-images, post-images, inserts, deletes).
 */
@ExtendWith(SparkExtension.class)
class LifecycleIncrementTest {
  private static final LocalDate NIGHT_BEFORE = D0.plusDays(15);
  private static final LocalDate NIGHT = D0.plusDays(16);
  private static final long SUMMED_VERSION = 4;
  private static final StructType USERS = new StructType().add("user_id", DataTypes.StringType);

  /** a, b, c as in LifecycleTablesTest, up to the end of the night; a goes dormant on NIGHT with no event. */
  private static Dataset<Row> deliveredByTheNightBefore() {
    return LifecycleTablesTest.events().filter(col("event_time").lt(at(16, 0)));
  }

  /** NIGHT delivers a late event of c's (day 10: c comes back after its cancel) and a new user d. */
  private static Dataset<Row> deliveredByTheNight() {
    return deliveredByTheNightBefore().unionByName(rows(EVENTS,
        event("c3", "c", "page_view", at(10, 9), Map.of()),
        event("d1", "d", "signup", at(16, 7), Map.of("country", "SE"))));
  }

  /** Checkpointed, as the frames below are: each is read by several assertions. */
  private static Dataset<Row> compute(Dataset<Row> events, LocalDate runDate) {
    return LifecycleState.compute(events, FREEMIUM, ZoneOffset.UTC, runDate).localCheckpoint();
  }

  private static LifecycleIncrement increment() {
    return new LifecycleIncrement(NIGHT, FREEMIUM.model().stageNames(), ActivityRules.of(FREEMIUM.activity()));
  }

  @Test
  void theChangedUsersHaveEventsDeliveredOnOrFallingOnTheNightOrWereComputedForItBefore() {
    StructType delivered = new StructType().add("user_id", DataTypes.StringType)
        .add("event_date", DataTypes.DateType).add("run_date", DataTypes.DateType);
    Dataset<Row> events = rows(delivered,
        new Object[] {"late", D0, NIGHT},                   // delivered tonight for an earlier day
        new Object[] {"today", NIGHT, NIGHT},
        new Object[] {"today", NIGHT, NIGHT},
        new Object[] {"ahead", NIGHT, NIGHT_BEFORE},        // delivered the night before, falling on tonight
        new Object[] {"unchanged", NIGHT_BEFORE, NIGHT_BEFORE});
    Dataset<Row> state = rows(new StructType().add("user_id", DataTypes.StringType)
            .add("computed_for_date", DataTypes.DateType),
        new Object[] {"rerun", NIGHT},                      // a rerun of the night recomputes it again
        new Object[] {"unchanged", NIGHT_BEFORE});

    assertSameRows(rows(USERS, new Object[] {"late"}, new Object[] {"today"}, new Object[] {"ahead"},
        new Object[] {"rerun"}), LifecycleIncrement.changedUsers(events, state, NIGHT));
  }

  @Test
  void theNightBeforesTablesWithTheIncrementAppliedEqualAFullRefresh() {
    Dataset<Row> stateBefore = compute(deliveredByTheNightBefore(), NIGHT_BEFORE);
    Dataset<Row> historyBefore = LifecycleTables.history(stateBefore);
    Dataset<Row> usersBefore = LifecycleTables.snapshot(stateBefore, NIGHT_BEFORE, FREEMIUM.model().stageNames(),
        ActivityRules.of(FREEMIUM.activity()));
    Dataset<Row> changesBefore = LifecycleTables.dailyChanges(stateBefore)
        .withColumn(InternalLifecycleDailyChangesTable.STATE_VERSION, lit(SUMMED_VERSION));

    Dataset<Row> changed = rows(USERS, new Object[] {"c"}, new Object[] {"d"});
    Dataset<Row> computed = compute(deliveredByTheNight().join(changed, seq(USER_KEY), "left_semi"), NIGHT);
    Dataset<Row> stateUpserts = LifecycleIncrement.stateUpserts(changed, computed);
    Dataset<Row> state = merged(stateBefore, stateUpserts, USER_KEY).localCheckpoint();
    Dataset<Row> feed = changeFeed(stateBefore, stateUpserts, SUMMED_VERSION + 1).localCheckpoint();

    Dataset<Row> full = compute(deliveredByTheNight(), NIGHT);
    // Only computed_for_date tells the unchanged users' rows from a full refresh's.
    assertSameRows(full.drop("computed_for_date"), state.drop("computed_for_date"));
    assertThat(LifecycleIncrement.otherCommits(feed, SUMMED_VERSION + 1).isEmpty()).isTrue();
    assertSameRows(LifecycleTables.history(full),
        merged(historyBefore, increment().historyUpserts(computed, feed, true), VISIT_KEY));
    assertSameRows(LifecycleTables.history(full), merged(historyBefore, increment().historyUpserts(computed, feed,
        false), VISIT_KEY)); // as after a failed attempt: every visit written

    Dataset<Row> userUpserts = increment().userUpserts(computed, feed, changed, state).localCheckpoint();
    assertThat(userUpserts.filter(col(STATUS_ONLY)).select("user_id", ACTIVITY_STATUS).collectAsList())
        .as("a is unchanged, and dormant from this night on").extracting(Row::toString)
        .containsExactly("[a,dormant]");
    assertSameRows(LifecycleTables.snapshot(full, NIGHT, FREEMIUM.model().stageNames(),
            ActivityRules.of(FREEMIUM.activity())),
        mergedWithStatusOnly(usersBefore, userUpserts));

    assertSameRows(LifecycleTables.dailyChanges(full),
        LifecycleIncrement.dailyChanges(changesBefore, computed, feed));
  }

  @Test
  void aChangedUserWithoutEventsAnyMoreIsDeletedFromEveryTable() {
    Dataset<Row> stateBefore = compute(deliveredByTheNightBefore(), NIGHT_BEFORE);
    // c's events were restated away (an upstream re-delivery without them): c is changed and has none.
    Dataset<Row> changed = rows(USERS, new Object[] {"c"});
    Dataset<Row> computed = compute(deliveredByTheNightBefore().filter(col("user_id").notEqual("c"))
        .join(changed, seq(USER_KEY), "left_semi"), NIGHT);
    Dataset<Row> stateUpserts = LifecycleIncrement.stateUpserts(changed, computed);
    assertThat(stateUpserts.filter(col(DELETE)).select("user_id").collectAsList()).extracting(Row::toString)
        .containsExactly("[c]");
    Dataset<Row> feed = changeFeed(stateBefore, stateUpserts, SUMMED_VERSION + 1).localCheckpoint();

    Dataset<Row> history = merged(LifecycleTables.history(stateBefore),
        increment().historyUpserts(computed, feed, true), VISIT_KEY);
    assertThat(history.filter(col("user_id").equalTo("c")).count()).isZero();
    assertThat(history.count()).isEqualTo(LifecycleTables.history(stateBefore).count()
        - LifecycleTables.history(stateBefore).filter(col("user_id").equalTo("c")).count());
    Dataset<Row> users = increment().userUpserts(computed, feed, changed, merged(stateBefore, stateUpserts,
        USER_KEY));
    assertThat(users.filter(col(DELETE)).select("user_id").collectAsList()).extracting(Row::toString)
        .containsExactly("[c]");
    assertThat(LifecycleIncrement.dailyChanges(LifecycleTables.dailyChanges(stateBefore), computed, feed)
        .agg(org.apache.spark.sql.functions.sum(InternalLifecycleDailyChangesTable.DELTA_ROWS)).first().getLong(0))
        .as("c's changes are taken out")
        .isEqualTo(LifecycleTables.dailyChanges(stateBefore.filter(col("user_id").notEqual("c")))
            .agg(org.apache.spark.sql.functions.sum(InternalLifecycleDailyChangesTable.DELTA_ROWS)).first()
            .getLong(0));
  }

  /** The target as a MERGE by {@code key} leaves it: upserted rows replace or join, deleted keys go. */
  static Dataset<Row> merged(Dataset<Row> target, Dataset<Row> upserts, List<String> key) {
    Column[] columns = Arrays.stream(target.columns()).map(c -> col(c)).toArray(Column[]::new);
    Dataset<Row> kept = target.join(upserts.select(key.stream().map(c -> col(c)).toArray(Column[]::new)), seq(key),
        "left_anti");
    return kept.unionByName(upserts.filter(not(col(DELETE))).select(columns));
  }

  /** user_lifecycle's MERGE: as {@link #merged}, and status-only rows set activity_status of existing rows only. */
  static Dataset<Row> mergedWithStatusOnly(Dataset<Row> target, Dataset<Row> upserts) {
    Dataset<Row> full = merged(target, upserts.filter(not(col(STATUS_ONLY))), USER_KEY);
    Dataset<Row> statuses = upserts.filter(col(STATUS_ONLY)).select(col("user_id"), col(ACTIVITY_STATUS).as("_status"));
    return full.join(statuses, seq(USER_KEY), "left")
        .withColumn(ACTIVITY_STATUS, coalesce(col("_status"), col(ACTIVITY_STATUS))).drop("_status")
        .select(Arrays.stream(target.columns()).map(c -> col(c)).toArray(Column[]::new));
  }

  /** The change feed one MERGE of {@code upserts} into {@code before} writes at {@code version}. */
  static Dataset<Row> changeFeed(Dataset<Row> before, Dataset<Row> upserts, long version) {
    Column[] columns = Arrays.stream(before.columns()).map(c -> col(c)).toArray(Column[]::new);
    Dataset<Row> replaced = before.join(upserts.select("user_id", DELETE), seq(USER_KEY), "left_semi");
    Dataset<Row> deletedKeys = upserts.filter(col(DELETE)).select("user_id");
    Dataset<Row> preimages = replaced.join(deletedKeys, seq(USER_KEY), "left_anti").select(columns)
        .withColumn(DeltaTables.CHANGE_TYPE, lit("update_preimage"));
    Dataset<Row> deletes = replaced.join(deletedKeys, seq(USER_KEY), "left_semi").select(columns)
        .withColumn(DeltaTables.CHANGE_TYPE, lit("delete"));
    Dataset<Row> written = upserts.filter(not(col(DELETE))).select(columns);
    Dataset<Row> postimages = written.join(before.select("user_id"), seq(USER_KEY), "left_semi")
        .withColumn(DeltaTables.CHANGE_TYPE, lit("update_postimage"));
    Dataset<Row> inserts = written.join(before.select("user_id"), seq(USER_KEY), "left_anti")
        .withColumn(DeltaTables.CHANGE_TYPE, lit("insert"));
    return preimages.unionByName(deletes).unionByName(postimages).unionByName(inserts)
        .withColumn(DeltaTables.COMMIT_VERSION, lit(version));
  }

  private static scala.collection.Seq<String> seq(List<String> columns) {
    return scala.collection.JavaConverters.asScalaBuffer(columns).toSeq();
  }
}
