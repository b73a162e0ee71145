package io.funnelcast.tables;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.net.URI;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;

/**
 * The one place that reads and writes Funnelcast's Delta tables. Every write names the slice it owns and
 * is tagged with the run id (Delta commit userMetadata), so a table's history says which run wrote what.
 */
public final class DeltaTables {

  private static final String COMMIT_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

  private final SparkSession spark;
  private final String databaseLocation;

  public DeltaTables(SparkSession spark, String warehouse, String database) {
    this.spark = spark;
    this.databaseLocation = absolute(warehouse) + "/" + database + ".db";
  }

  /** Local relative paths are made absolute so the tables do not move with Spark's working directory. */
  private static String absolute(String warehouse) {
    URI uri = URI.create(warehouse.replace('\\', '/'));
    String trimmed = warehouse.endsWith("/") ? warehouse.substring(0, warehouse.length() - 1) : warehouse;
    return uri.getScheme() == null ? Paths.get(trimmed).toAbsolutePath().normalize().toString() : trimmed;
  }

  public String location(TableSpec table) {
    return databaseLocation + "/" + table.name();
  }

  /** Creates the table with its schema, comments and partitioning if it is not there yet. */
  public void ensureExists(TableSpec table) {
    if (DeltaTable.isDeltaTable(spark, location(table))) {
      return;
    }
    DeltaTableBuilder builder = DeltaTable.createIfNotExists(spark)
        .location(location(table))
        .addColumns(table.schema())
        .comment(table.comment())
        // Deletion vectors stay off: older delta-rs and Polars readers cannot read tables that use them.
        .property("delta.enableDeletionVectors", "false");
    if (!table.partitionColumns().isEmpty()) {
      builder = builder.partitionedBy(table.partitionColumns().toArray(String[]::new));
    }
    builder.execute();
  }

  public Dataset<Row> read(TableSpec table) {
    ensureExists(table);
    return spark.read().format("delta").load(location(table));
  }

  /**
   * Atomically replaces the rows matching {@code sliceSql} with {@code rows}; rows outside the slice are
   * rejected by Delta, so a run can never touch another run's rows.
   */
  public void replaceSlice(TableSpec table, Dataset<Row> rows, String sliceSql, String runId) {
    writer(table, rows, SaveMode.Overwrite, runId).option("replaceWhere", sliceSql).save(location(table));
  }

  public void append(TableSpec table, Dataset<Row> rows, String runId) {
    writer(table, rows, SaveMode.Append, runId).save(location(table));
  }

  /**
   * Replaces the whole table's contents in one commit; the table takes the spec's current schema, so a
   * table written by an older version is upgraded.
   */
  public void overwrite(TableSpec table, Dataset<Row> rows, String runId) {
    writer(table, rows, SaveMode.Overwrite, runId).option("overwriteSchema", "true").save(location(table));
  }

  /** A Delta write of the rows in the table's shape, tagged with the run id. */
  private DataFrameWriter<Row> writer(TableSpec table, Dataset<Row> rows, SaveMode mode, String runId) {
    ensureExists(table);
    return conform(table, rows).write().format("delta").mode(mode).option("userMetadata", runId);
  }

  /**
   * One MERGE on {@code key}: a source row whose {@code deleteFlag} column is true deletes the target row
   * with its key; other source rows update or insert theirs. Target rows without a source row stay.
   */
  public void mergeByKey(TableSpec table, Dataset<Row> source, String key, String deleteFlag, String runId) {
    ensureExists(table);
    Map<String, String> assignments = new LinkedHashMap<>();
    for (String column : table.columnNames()) {
      assignments.put(column, "s." + column);
    }
    Dataset<Row> rows = conform(table, source, deleteFlag);
    String previous = spark.conf().getOption(COMMIT_METADATA).getOrElse(() -> null);
    spark.conf().set(COMMIT_METADATA, runId);
    try {
      DeltaTable.forPath(spark, location(table)).as("t")
          .merge(rows.as("s"), "t." + key + " = s." + key)
          .whenMatched("s." + deleteFlag).delete()
          .whenMatched().updateExpr(assignments)
          .whenNotMatched("NOT s." + deleteFlag).insertExpr(assignments)
          .execute();
    } finally {
      if (previous == null) {
        spark.conf().unset(COMMIT_METADATA);
      } else {
        spark.conf().set(COMMIT_METADATA, previous);
      }
    }
  }

  /** Selects the table's columns in its order and types; a missing column is a programming error. */
  private static Dataset<Row> conform(TableSpec table, Dataset<Row> rows, String... extraColumns) {
    List<Column> columns = new ArrayList<>();
    for (StructField field : table.schema().fields()) {
      columns.add(functions.col(field.name()).cast(field.dataType()).as(field.name()));
    }
    for (String extra : extraColumns) {
      columns.add(functions.col(extra));
    }
    return rows.select(columns.toArray(Column[]::new));
  }
}
