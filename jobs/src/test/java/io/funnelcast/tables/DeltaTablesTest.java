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
    tables.ensureExists(EventsTable.SPEC);

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
        RowFactory.create("r1", d1, "f", "raw-a", "malformed_record", "x")), schema), "run_date = DATE'2026-11-01'", "r1");
    tables.replaceSlice(spec, spark.createDataFrame(List.of(
        RowFactory.create("r2", d2, "f", "raw-b", "malformed_record", "x")), schema), "run_date = DATE'2026-11-02'", "r2");
    tables.replaceSlice(spec, spark.createDataFrame(List.of(
        RowFactory.create("r3", d1, "f", "raw-c", "malformed_record", "x")), schema), "run_date = DATE'2026-11-01'", "r3");

    assertThat(tables.read(spec).select("run_id", "raw_record").collectAsList().stream().map(Row::toString))
        .containsExactlyInAnyOrder("[r2,raw-b]", "[r3,raw-c]");
    assertThatThrownBy(() -> tables.replaceSlice(spec, spark.createDataFrame(List.of(
        RowFactory.create("r4", d2, "f", "raw-d", "malformed_record", "x")), schema), "run_date = DATE'2026-11-01'", "r4"))
        .hasMessageContaining("DELTA_REPLACE_WHERE_MISMATCH");
    assertThat(DeltaTable.forPath(spark, tables.location(spec)).history(1).first().<String>getAs("userMetadata"))
        .isEqualTo("r3");
  }
}
