package io.funnelcast.tables;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaTable;
import java.net.URI;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;

/**
 * The one place that reads and writes the rows of Funnelcast's Delta tables. Every write names the slice it owns
 * and is tagged with the run id (Delta commit userMetadata), so a table's history says which run wrote what. A
 * write creates its table and names it in the catalog first ({@link TableRegistry}); what a table's log says
 * without reading rows is {@link TableLog}.
 */
public final class DeltaTables {

  private static final String COMMIT_METADATA = "spark.databricks.delta.commitInfo.userMetadata";
  public static final String CHANGE_TYPE = "_change_type";
  public static final String COMMIT_VERSION = "_commit_version";
  /**
   * Rows per file of a table with sort columns: small enough that a nightly MERGE's few changed rows in an
   * old range touch a small file, large enough to keep the file count low (about 4 MB of user_lifecycle).
   */
  public static final int ROWS_PER_FILE = 100_000;

  private final SparkSession spark;
  private final String databaseLocation;
  private final TableRegistry registry;
  private final TableLog log;

  public DeltaTables(SparkSession spark, String warehouse, String database) {
    this.spark = spark;
    this.databaseLocation = absolute(warehouse) + "/" + database + ".db";
    this.registry = new TableRegistry(spark, database, databaseLocation);
    this.log = new TableLog(spark, registry);
  }

  /** Table creation and catalog names. */
  public TableRegistry registry() {
    return registry;
  }

  /** Versions, commits, sizes and shapes, from the tables' Delta logs. */
  public TableLog log() {
    return log;
  }

  /** Local relative paths are made absolute so the tables do not move with Spark's working directory. */
  public static String absolute(String warehouse) {
    URI uri = URI.create(warehouse.replace('\\', '/'));
    String trimmed = warehouse.endsWith("/") ? warehouse.substring(0, warehouse.length() - 1) : warehouse;
    return uri.getScheme() == null ? Paths.get(trimmed).toAbsolutePath().normalize().toString() : trimmed;
  }

  /** Where the files marking attempts under way are kept (not a table). */
  public String attemptsLocation() {
    return databaseLocation + "/_attempts";
  }

  public String location(TableSpec table) {
    return databaseLocation + "/" + table.name();
  }

  /** The table's rows, or empty when the warehouse does not hold it. */
  public Optional<Dataset<Row>> readIfExists(TableSpec table) {
    return registry.exists(table) ? Optional.of(spark.read().format("delta").load(location(table))) : Optional.empty();
  }

  /** The table's rows; no rows, in the spec's schema, when there is no table yet (reading creates nothing). */
  public Dataset<Row> read(TableSpec table) {
    return readIfExists(table).orElseGet(() -> spark.createDataFrame(List.of(), table.schema()));
  }

  /**
   * The internal table's change feed after a version: every row a commit inserted, deleted or replaced,
   * with {@code _change_type} and {@code _commit_version}; empty when nothing was committed since.
   */
  public Dataset<Row> changesSince(TableSpec table, long version) {
    if (!table.internal()) {
      throw new IllegalArgumentException(table.name() + " keeps no change feed");
    }
    if (log.version(table) <= version) {
      return read(table).withColumn(CHANGE_TYPE, lit("")).withColumn(COMMIT_VERSION, lit(0L)).limit(0);
    }
    return spark.read().format("delta").option("readChangeFeed", "true").option("startingVersion", version + 1)
        .load(location(table));
  }

  /**
   * Atomically replaces the rows of {@code slice} with {@code rows}; rows outside the slice are rejected by Delta,
   * so a run can never touch another run's rows.
   */
  public void replaceSlice(TableSpec table, Dataset<Row> rows, DateSlice slice, String runId) {
    writer(table, rows, SaveMode.Overwrite, runId).option("replaceWhere", slice.sql()).save(location(table));
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
    registry.ensureExists(table);
    DataFrameWriter<Row> writer = laidOut(table, conform(table, rows)).write().format("delta").mode(mode)
        .option("userMetadata", runId).partitionBy(table.partitionColumns().toArray(String[]::new));
    return table.sortColumns().isEmpty() ? writer : writer.option("maxRecordsPerFile", ROWS_PER_FILE);
  }

  /**
   * Rows in contiguous ranges of the partition and sort columns per task, ordered within: each written file
   * then holds one narrow range, and a later MERGE rewrites only the files whose range holds a changed row.
   */
  private static Dataset<Row> laidOut(TableSpec table, Dataset<Row> rows) {
    if (table.sortColumns().isEmpty()) {
      return rows;
    }
    Column[] order = java.util.stream.Stream.concat(table.partitionColumns().stream(), table.sortColumns().stream())
        .map(functions::col).toArray(Column[]::new);
    return rows.repartitionByRange(order).sortWithinPartitions(order);
  }

  /**
   * One MERGE on the key columns: a source row whose {@code deleteFlag} column is true deletes the target
   * row with its key; other source rows update or insert theirs. Target rows without a source row stay, and
   * only files holding a source row's key are rewritten (or, with deletion vectors, marked).
   */
  public void mergeByKey(TableSpec table, Dataset<Row> source, List<String> keys, String deleteFlag, String runId) {
    mergeByKey(table, source, keys, deleteFlag, null, List.of(), runId);
  }

  /**
   * As {@link #mergeByKey(TableSpec, Dataset, List, String, String)}; in the same MERGE, a source row whose
   * {@code partialFlag} column is true sets only {@code partialColumns} of the target row with its key (its
   * other columns are not read) and inserts nothing.
   */
  public void mergeByKey(TableSpec table, Dataset<Row> source, List<String> keys, String deleteFlag,
      String partialFlag, List<String> partialColumns, String runId) {
    registry.ensureExists(table);
    Map<String, Column> assignments = new LinkedHashMap<>();
    for (String column : table.columnNames()) {
      assignments.put(column, col("s." + column));
    }
    Column condition = keys.stream().map(key -> col("t." + key).equalTo(col("s." + key))).reduce(Column::and)
        .orElseThrow(() -> new IllegalArgumentException("a MERGE needs at least one key column"));
    Dataset<Row> rows = partialFlag == null ? conform(table, source, deleteFlag)
        : conform(table, source, deleteFlag, partialFlag);
    // A MERGE takes no write options: Delta tags its commit with this session setting, set for the MERGE only.
    String previous = spark.conf().getOption(COMMIT_METADATA).getOrElse(() -> null);
    spark.conf().set(COMMIT_METADATA, runId);
    try {
      DeltaMergeBuilder merge = DeltaTable.forPath(spark, location(table)).as("t")
          .merge(rows.as("s"), condition)
          .whenMatched(col("s." + deleteFlag)).delete();
      Column insertable = not(col("s." + deleteFlag));
      if (partialFlag != null) {
        Map<String, Column> partial = new LinkedHashMap<>();
        partialColumns.forEach(column -> partial.put(column, col("s." + column)));
        merge = merge.whenMatched(col("s." + partialFlag)).update(partial);
        insertable = insertable.and(not(col("s." + partialFlag)));
      }
      merge.whenMatched().update(assignments)
          .whenNotMatched(insertable).insert(assignments)
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
      // The comment travels with the column: an overwrite that replaces the schema must keep the comments.
      columns.add(col(field.name()).cast(field.dataType()).as(field.name(), field.metadata()));
    }
    for (String extra : extraColumns) {
      columns.add(col(extra));
    }
    return rows.select(columns.toArray(Column[]::new));
  }
}
