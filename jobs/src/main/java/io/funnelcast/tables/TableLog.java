package io.funnelcast.tables;

import io.delta.tables.DeltaTable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** What a table's Delta log says without reading its rows: its version, latest commit, size and shape. */
public final class TableLog {
  private final SparkSession spark;
  private final TableRegistry registry;

  TableLog(SparkSession spark, TableRegistry registry) {
    this.spark = spark;
    this.registry = registry;
  }

  /** The table's latest committed version; -1 when there is no table yet. */
  public long version(TableSpec table) {
    return registry.exists(table) ? latestCommit(table).<Long>getAs("version") : -1;
  }

  /**
   * How many rows the run's slice or whole-table write put in the table, from the metrics of the table's latest
   * commit, which must be that write: saves reading the table again to count what was just written. Delta's
   * numOutputRows also counts the rows of other slices it copied out of a file it rewrote; those are taken off.
   */
  public long rowsWritten(TableSpec table, String runId) {
    Row commit = latestCommit(table);
    String writtenBy = commit.getAs("userMetadata");
    if (!runId.equals(writtenBy) || !"WRITE".equals(commit.getAs("operation"))) {
      throw new IllegalStateException(table.name() + ": the latest commit is a " + commit.getAs("operation")
          + " by run " + writtenBy + ", not run " + runId + "'s write: another process wrote the table meanwhile");
    }
    scala.collection.Map<String, String> metrics = commit.getAs("operationMetrics");
    return Long.parseLong(metrics.get("numOutputRows").get())
        - Long.parseLong(metrics.get("numCopiedRows").getOrElse(() -> "0"));
  }

  /** Bytes of the table's current data files, as its Delta log records them; 0 when there is no table yet. */
  public long sizeInBytes(TableSpec table) {
    return registry.exists(table) ? detail(table).<Long>getAs("sizeInBytes") : 0;
  }

  /**
   * Whether the table exists with the spec's columns (names and types, nested fields included) and partition
   * columns: a table written by an earlier version of Funnelcast may not, and must then be written whole.
   */
  public boolean matchesSpec(TableSpec table) {
    if (!registry.exists(table)) {
      return false;
    }
    DeltaTable delta = DeltaTable.forPath(spark, registry.location(table));
    Row detail = delta.detail().first();
    List<String> partitions = scala.collection.JavaConverters.seqAsJavaList(
        detail.<String>getSeq(detail.fieldIndex("partitionColumns")));
    return partitions.equals(table.partitionColumns()) && shape(delta.toDF().schema()).equals(shape(table.schema()));
  }

  /** Column names and types, without nullability and comments. */
  private static List<String> shape(StructType schema) {
    return Arrays.stream(schema.fields()).map(f -> f.name() + " " + f.dataType().catalogString()).toList();
  }

  private Row detail(TableSpec table) {
    return DeltaTable.forPath(spark, registry.location(table)).detail().first();
  }

  /** The table's latest commit as Delta's history gives it (version, operation, metrics, userMetadata). */
  private Row latestCommit(TableSpec table) {
    return DeltaTable.forPath(spark, registry.location(table)).history(1).first();
  }
}
