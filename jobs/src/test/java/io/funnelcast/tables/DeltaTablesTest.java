package io.funnelcast.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.tables.DeltaTable;
import io.funnelcast.testing.SparkExtension;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class DeltaTablesTest {
  @TempDir
  Path temp;

  @Test
  void tablesAreCreatedWithCommentsPartitionsAndWithoutDeletionVectors(SparkSession spark) {
    DeltaTables tables = new DeltaTables(spark, temp.toString(), "analytics");
    tables.registry().ensureExists(EventsTable.SPEC);

    assertThat(tables.location(EventsTable.SPEC)).isEqualTo(temp + "/analytics.db/events");
    Row detail = DeltaTable.forPath(spark, tables.location(EventsTable.SPEC)).detail().first();
    assertThat(detail.<String>getAs("description")).isEqualTo(EventsTable.SPEC.comment());
    assertThat(scala.collection.JavaConverters.seqAsJavaList(detail.getSeq(detail.fieldIndex("partitionColumns"))))
        .containsExactly("event_date");
    assertThat(scala.collection.JavaConverters.mapAsJavaMap(detail.getMap(detail.fieldIndex("properties"))))
        .containsEntry("delta.enableDeletionVectors", "false");
    assertThat(tables.read(EventsTable.SPEC).schema().apply("event_id").getComment().get())
        .startsWith("Event identifier from the log");
  }

  @Test
  void anOverwriteKeepsTheCommentsAndTheTableIsRegisteredByName(SparkSession spark) {
    DeltaTables first = new DeltaTables(spark, temp.resolve("one").toString(), "analytics");
    Dataset<Row> rows = spark.sql("SELECT 'u1' AS user_id, '3.2.1' AS version");
    first.overwrite(TestTable.SPEC, rows, "run-1");
    assertThat(first.read(TestTable.SPEC).schema().apply("user_id").getComment().get()).isEqualTo("The user");
    assertThat(spark.table("analytics.test_table").schema().apply("version").getComment().get())
        .isEqualTo("Which version");
    assertThat(spark.table("analytics.test_table").count()).isEqualTo(1);

    // Another warehouse with the same database: the name now points there, and the first table's data stays.
    DeltaTables second = new DeltaTables(spark, temp.resolve("two").toString(), "analytics");
    second.overwrite(TestTable.SPEC, rows.union(rows), "run-2");
    assertThat(spark.table("analytics.test_table").count()).isEqualTo(2);
    assertThat(first.read(TestTable.SPEC).count()).isEqualTo(1);
  }

  @Test
  void aTableWithSortColumnsIsWrittenInFilesOfNarrowNonOverlappingRanges(SparkSession spark) {
    DeltaTables tables = new DeltaTables(spark, temp.toString(), "funnelcast");
    TableSpec spec = new TableSpec("sorted_table", "For tests", TableSpec.columns(
        TableSpec.column("bucket", DataTypes.IntegerType, false, "Partition"),
        TableSpec.column("rank", DataTypes.LongType, false, "Sorted within the partition")),
        List.of("bucket")).sortedBy("rank");
    long rows = 230_000;
    // Ranks in scrambled order (7919 is prime, so every rank appears once).
    tables.overwrite(spec, spark.range(rows).selectExpr("CAST(id % 2 AS INT) AS bucket",
        "(id * 7919) % " + rows + " AS rank"), "run-1");

    List<Row> files = spark.read().json(tables.location(spec) + "/_delta_log/*.json").where("add IS NOT NULL")
        .select(functions.col("add.partitionValues.bucket").as("bucket"), functions.from_json(
            functions.col("add.stats"), DataType.fromDDL(
                "numRecords LONG, minValues STRUCT<rank: LONG>, maxValues STRUCT<rank: LONG>")).as("s"))
        .selectExpr("bucket", "s.numRecords AS n", "s.minValues.rank AS low", "s.maxValues.rank AS high")
        .orderBy("bucket", "low").collectAsList();
    assertThat(files.stream().mapToLong(f -> f.getLong(1)).sum()).isEqualTo(rows);
    assertThat(files).allSatisfy(f -> assertThat(f.getLong(1)).isLessThanOrEqualTo(DeltaTables.ROWS_PER_FILE));
    assertThat(files.stream().filter(f -> f.getString(0).equals("0")).count()).as("115,000 rows need two files")
        .isGreaterThanOrEqualTo(2);
    for (int i = 1; i < files.size(); i++) {
      if (files.get(i).getString(0).equals(files.get(i - 1).getString(0))) {
        assertThat(files.get(i).getLong(2)).as("files of a partition do not overlap")
            .isGreaterThan(files.get(i - 1).getLong(3));
      }
    }
  }

  @Test
  void aMissingTableReadsAsNoRowsAndIsNotCreatedAStoredOneMatchesItsSpecOnlyWithTheSameShapeAndKnowsItsSize(SparkSession spark)
      throws java.io.IOException {
    DeltaTables tables = new DeltaTables(spark, temp.toString(), "funnelcast");
    assertThat(tables.log().matchesSpec(TestTable.SPEC)).as("not written yet").isFalse();
    assertThat(tables.log().sizeInBytes(TestTable.SPEC)).as("not written yet").isZero();
    assertThat(tables.log().version(TestTable.SPEC)).as("not written yet").isEqualTo(-1);
    Dataset<Row> missing = tables.read(TestTable.SPEC);
    assertThat(missing.schema()).isEqualTo(TestTable.SPEC.schema());
    assertThat(missing.collectAsList()).isEmpty();
    assertThat(tables.readIfExists(TestTable.SPEC)).isEmpty();
    assertThat(Path.of(tables.location(TestTable.SPEC))).as("reading creates nothing").doesNotExist();
    tables.overwrite(TestTable.SPEC, spark.sql("SELECT 'u1' AS user_id, '3.2.1' AS version"), "run-1");
    try (var files = java.nio.file.Files.walk(Path.of(tables.location(TestTable.SPEC)))) {
      long parquet = files.filter(f -> f.toString().endsWith(".parquet") && !f.toString().contains("_delta_log"))
          .mapToLong(f -> f.toFile().length()).sum();
      assertThat(tables.log().sizeInBytes(TestTable.SPEC)).as("the data files' bytes").isPositive().isEqualTo(parquet);
    }
    TableSpec partitioned = new TableSpec(TestTable.SPEC.name(), "For tests", TestTable.SPEC.schema(),
        List.of("version"));
    TableSpec wider = new TableSpec(TestTable.SPEC.name(), "For tests", TestTable.SPEC.schema().add(
        TableSpec.column("extra", DataTypes.DateType, true, "Added later")), List.of());

    assertThat(tables.log().matchesSpec(TestTable.SPEC)).isTrue();
    assertThat(tables.log().matchesSpec(partitioned)).isFalse();
    assertThat(tables.log().matchesSpec(wider)).isFalse();
  }

  @Test
  void rowsWrittenCountsTheRunsSliceOrOverwriteAndNotTheRowsDeltaCopied(SparkSession spark) {
    DeltaTables tables = new DeltaTables(spark, temp.toString(), "funnelcast");
    TableSpec spec = new TableSpec("test_table", "For tests", TableSpec.columns(
        TableSpec.column("user_id", DataTypes.StringType, false, "The user"),
        TableSpec.column("day", DataTypes.DateType, false, "The slice")), List.of());
    // Two slices in one file: replacing 11-01's rewrites the file, copying 11-02's row into a new one.
    tables.overwrite(spec, spark.sql("SELECT * FROM VALUES ('u1', DATE'2026-11-01'), ('u2', DATE'2026-11-02')"
        + " AS t(user_id, day)").coalesce(1), "run-1");
    assertThat(tables.log().rowsWritten(spec, "run-1")).isEqualTo(2);
    DateSlice first = DateSlice.on("day", LocalDate.of(2026, 11, 1));
    tables.replaceSlice(spec, spark.sql("SELECT * FROM VALUES ('u3', DATE'2026-11-01'), ('u4', DATE'2026-11-01'),"
        + " ('u5', DATE'2026-11-01') AS t(user_id, day)"), first, "run-2");

    assertThat(tables.log().rowsWritten(spec, "run-2")).isEqualTo(3)
        .isEqualTo(tables.read(spec).filter(first.predicate()).count());
    scala.collection.Map<String, String> metrics = DeltaTable.forPath(spark, tables.location(spec))
        .history(1).first().getAs("operationMetrics");
    assertThat(metrics.get("numCopiedRows").get()).as("11-02's row was copied").isEqualTo("1");
    assertThatThrownBy(() -> tables.log().rowsWritten(spec, "run-1"))
        .hasMessage("test_table: the latest commit is a WRITE by run run-2, not run run-1's write: another process"
            + " wrote the table meanwhile");
  }

  @Test
  void aMergeByKeyDeletesUpdatesInsertsAndSetsOnlyThePartialColumnsInOneCommitTaggedWithTheRun(SparkSession spark) {
    DeltaTables tables = new DeltaTables(spark, temp.toString(), "funnelcast");
    TableSpec spec = new TableSpec("merged_table", "For tests", TableSpec.columns(
        TableSpec.column("user_id", DataTypes.StringType, false, "Key"),
        TableSpec.column("plan", DataTypes.StringType, true, "Set by full rows only"),
        TableSpec.column("status", DataTypes.StringType, true, "Also set by partial rows")), List.of());
    tables.overwrite(spec, spark.sql("SELECT * FROM VALUES ('u1', 'free', 'active'), ('u2', 'pro', 'active'),"
        + " ('u3', 'pro', 'dormant') AS t(user_id, plan, status)"), "run-1");
    long before = tables.log().version(spec);

    tables.mergeByKey(spec, spark.sql("SELECT * FROM VALUES"
        + " ('u1', NULL, NULL, true, false),"           // deletes u1
        + " ('u2', 'team', 'churned', false, false),"   // replaces u2
        + " ('u3', 'ignored', 'active', false, true),"  // sets u3's status only
        + " ('u4', 'free', 'new', false, false),"       // inserts u4
        + " ('u5', 'free', 'new', false, true),"        // a partial row inserts nothing
        + " ('u6', NULL, NULL, true, false)"            // deleting a missing key does nothing
        + " AS t(user_id, plan, status, gone, partial)"), List.of("user_id"), "gone", "partial", List.of("status"),
        "run-2");

    assertThat(tables.read(spec).orderBy("user_id").collectAsList().stream().map(Row::toString))
        .containsExactly("[u2,team,churned]", "[u3,pro,active]", "[u4,free,new]");
    Row commit = DeltaTable.forPath(spark, tables.location(spec)).history(1).first();
    assertThat(List.<Object>of(commit.<Long>getAs("version"), commit.getAs("operation"), commit.getAs("userMetadata")))
        .containsExactly(before + 1, "MERGE", "run-2");
    assertThat(spark.conf().contains("spark.databricks.delta.commitInfo.userMetadata"))
        .as("the session's setting is restored").isFalse();
  }

  /** A small table for writes. */
  static final class TestTable {
    static final TableSpec SPEC = new TableSpec("test_table", "For tests", TableSpec.columns(
        TableSpec.column("user_id", DataTypes.StringType, false, "The user"),
        TableSpec.column("version", DataTypes.StringType, true, "Which version")), List.of());
  }

  @Test
  void aSliceWriteReplacesOnlyItsSliceAndRejectsRowsOutsideIt(SparkSession spark) {
    DeltaTables tables = new DeltaTables(spark, temp.toString(), "funnelcast");
    TableSpec spec = EventsQuarantineTable.SPEC;
    var schema = spec.schema();
    LocalDate d1 = LocalDate.of(2026, 11, 1);
    LocalDate d2 = LocalDate.of(2026, 11, 2);
    tables.replaceSlice(spec, spark.createDataFrame(List.of(
        RowFactory.create("r1", d1, "f", "raw-a", "malformed_record", "x")), schema), DateSlice.on("run_date", d1), "r1");
    tables.replaceSlice(spec, spark.createDataFrame(List.of(
        RowFactory.create("r2", d2, "f", "raw-b", "malformed_record", "x")), schema), DateSlice.on("run_date", d2), "r2");
    tables.replaceSlice(spec, spark.createDataFrame(List.of(
        RowFactory.create("r3", d1, "f", "raw-c", "malformed_record", "x")), schema), DateSlice.on("run_date", d1), "r3");

    assertThat(tables.read(spec).select("run_id", "raw_record").collectAsList().stream().map(Row::toString))
        .containsExactlyInAnyOrder("[r2,raw-b]", "[r3,raw-c]");
    assertThatThrownBy(() -> tables.replaceSlice(spec, spark.createDataFrame(List.of(
        RowFactory.create("r4", d2, "f", "raw-d", "malformed_record", "x")), schema), DateSlice.on("run_date", d1), "r4"))
        .hasMessageContaining("DELTA_REPLACE_WHERE_MISMATCH");
    assertThat(DeltaTable.forPath(spark, tables.location(spec)).history(1).first().<String>getAs("userMetadata"))
        .isEqualTo("r3");
  }
}
