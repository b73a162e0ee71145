package io.funnelcast.lifecycle;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.tables.EventsTable;
import io.funnelcast.testing.PipelineHarness;
import io.funnelcast.testing.SparkExtension;
import io.funnelcast.testing.TestConfigs;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every built-in stage model on two sample days: the lifecycle transforms place users and count them per
 * stage. The samples are ingested once; the lifecycle job's writes are the same for every model and are
 * covered by LifecycleJobTest.
 */
@ExtendWith(SparkExtension.class)
class PresetSamplesTest {
  static final LocalDate FIRST = LocalDate.of(2026, 11, 2);
  static final LocalDate LAST = FIRST.plusDays(1);

  @TempDir
  static Path temp;
  static List<Row> events;
  static org.apache.spark.sql.types.StructType schema;

  @BeforeAll
  static void ingestTwoSampleDays() {
    PipelineHarness harness = new PipelineHarness(PipelineHarness.dataSamples(), temp.resolve("warehouse"));
    harness.ingest(FIRST);
    harness.ingest(LAST);
    Dataset<Row> stored = harness.tables().read(EventsTable.SPEC);
    events = stored.collectAsList();
    schema = stored.schema();
  }

  @ParameterizedTest
  @ValueSource(strings = {"five-level", "freemium", "ecommerce", "b2b"})
  void everyPresetPlacesAndCountsTheSampleUsers(String preset) {
    FunnelcastConfig config = TestConfigs.with("lifecycle.model", preset);
    List<String> stageNames = config.lifecycle().model().stageNames();
    Dataset<Row> state = LifecycleState.compute(SparkExtension.spark().createDataFrame(events, schema),
        config.lifecycle(), config.businessTimeZone(), LAST).cache();
    Dataset<Row> users = LifecycleTables.snapshot(state, LAST, stageNames, ActivityRules.of(config.lifecycle().activity()));
    Dataset<Row> lastDay = LifecycleTables.daily(LifecycleTables.dailyChanges(state), LAST, stageNames)
        .filter(col("day").equalTo(Date.valueOf(LAST)));

    assertThat(users.count()).as("every user with events").isEqualTo(events.stream()
        .map(row -> row.getAs(EventsTable.USER_ID)).distinct().count()).isPositive();
    assertThat(lastDay.count()).as("a row per stage for the day (segment all)").isEqualTo(stageNames.size());
    long placed = users.filter(col("current_stage").isNotNull()).count();
    assertThat(placed).as("someone reached a stage").isPositive();
    assertThat(lastDay.agg(sum("users_in_stage")).first().getLong(0)).as("everyone placed is counted").isEqualTo(placed);
    assertThat(lastDay.select("stage").as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactlyInAnyOrderElementsOf(stageNames);
    state.unpersist();
  }
}
