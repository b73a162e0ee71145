package io.funnelcast.tables;

import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.net.URI;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.NoSuchDatabaseException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * The one place that reads and writes Funnelcast's Delta tables. Every write names the slice it owns and
 * is tagged with the run id (Delta commit userMetadata), so a table's history says which run wrote what.
 */
public final class DeltaTables {

  private static final String COMMIT_METADATA = "spark.databricks.delta.commitInfo.userMetadata";
  public static final String CHANGE_TYPE = "_change_type";
  public static final String COMMIT_VERSION = "_commit_version";
  /**
   * Off for analyst tables: older delta-rs and Polars readers cannot read tables that use them. On for
   * internal tables, so a nightly MERGE marks the replaced rows instead of rewriting every file they sit in.
   */
  private static final String DELETION_VECTORS = "delta.enableDeletionVectors";
  /** On for internal tables: a nightly run reads the rows a MERGE replaced from the change feed. */
  private static final String CHANGE_FEED = "delta.enableChangeDataFeed";
  /**
   * Rows per file of a table with sort columns: small enough that a nightly MERGE's few changed rows in an
   * old range touch a small file, large enough to keep the file count low (about 4 MB of user_lifecycle).
   */
  public static final int ROWS_PER_FILE = 100_000;

  private final SparkSession spark;
  private final String databaseLocation;
  private final String database;
  private final Set<String> registered = new HashSet<>();

  public DeltaTables(SparkSession spark, String warehouse, String database) {
    this.spark = spark;
    this.database = database;
    this.databaseLocation = absolute(warehouse) + "/" + database + ".db";
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

  /**
   * Creates the table with its schema, comments and partitioning if it is not there yet, and registers it in
   * the session's catalog as {@code <database>.<table>}.
   */
  public void ensureExists(TableSpec table) {
    if (!DeltaTable.isDeltaTable(spark, location(table))) {
      create(table);
    } else if (table.internal() && !registered.contains(table.name())) {
      enableInternalFeatures(table);
    }
    register(table);
  }

  /** An internal table made by an earlier version gets deletion vectors and the change feed. */
  private void enableInternalFeatures(TableSpec table) {
    scala.collection.Map<String, String> properties =
        DeltaTable.forPath(spark, location(table)).detail().first().getAs("properties");
    for (String property : List.of(DELETION_VECTORS, CHANGE_FEED)) {
      if (!Boolean.parseBoolean(properties.get(property).getOrElse(() -> "false"))) {
        spark.sql("ALTER TABLE delta.`" + location(table).replace("`", "``") + "` SET TBLPROPERTIES ('"
            + property + "' = 'true')");
      }
    }
  }

  /** Registers every table that exists in the warehouse; returns their names. */
  public List<String> registerExisting(List<TableSpec> specs) {
    List<String> found = new ArrayList<>();
    for (TableSpec table : specs) {
      if (DeltaTable.isDeltaTable(spark, location(table))) {
        register(table);
        found.add(table.name());
      }
    }
    return found;
  }

  /**
   * Makes {@code <database>.<table>} name this location in the catalog (the metastore, or the session's own
   * catalog). The table is external: dropping the name never deletes data, so a name that points elsewhere
   * (another warehouse) is dropped and made again.
   */
  private void register(TableSpec table) {
    if (registered.contains(table.name())) {
      return;
    }
    spark.sql("CREATE DATABASE IF NOT EXISTS " + database + " LOCATION " + quoted(databaseLocation));
    SessionCatalog catalog = spark.sessionState().catalog();
    TableIdentifier id = new TableIdentifier(table.name(), Option.apply(database));
    String qualified = database + "." + table.name();
    if (catalog.tableExists(id)) {
      if (samePlace(registeredLocation(catalog, id), location(table))) {
        registered.add(table.name());
        return;
      }
      spark.sql("DROP TABLE " + qualified);
    }
    spark.sql("CREATE TABLE " + qualified + " USING DELTA LOCATION " + quoted(location(table)));
    registered.add(table.name());
  }

  private static String registeredLocation(SessionCatalog catalog, TableIdentifier id) {
    try {
      return catalog.getTableMetadata(id).location().toString();
    } catch (NoSuchDatabaseException | NoSuchTableException e) {
      return "";
    }
  }

  private static boolean samePlace(String catalogLocation, String location) {
    return strip(catalogLocation).equals(strip(location));
  }

  private static String strip(String location) {
    String path = location.startsWith("file:") ? URI.create(location).getPath() : location;
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static String quoted(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private void create(TableSpec table) {
    DeltaTableBuilder builder = DeltaTable.createIfNotExists(spark)
        .location(location(table))
        .addColumns(table.schema())
        .comment(table.comment())
        .property(DELETION_VECTORS, Boolean.toString(table.internal()))
        .property(CHANGE_FEED, Boolean.toString(table.internal()));
    if (!table.partitionColumns().isEmpty()) {
      builder = builder.partitionedBy(table.partitionColumns().toArray(String[]::new));
    }
    builder.execute();
  }


  /** The table's rows, or empty when the warehouse does not hold it; unlike {@link #read}, creates nothing. */
  public java.util.Optional<Dataset<Row>> readIfExists(TableSpec table) {
    return DeltaTable.isDeltaTable(spark, location(table))
        ? java.util.Optional.of(spark.read().format("delta").load(location(table)))
        : java.util.Optional.empty();
  }

  public Dataset<Row> read(TableSpec table) {
    ensureExists(table);
    return spark.read().format("delta").load(location(table));
  }

  /**
   * The internal table's change feed after a version: every row a commit inserted, deleted or replaced,
   * with {@code _change_type} and {@code _commit_version}; empty when nothing was committed since.
   */
  public Dataset<Row> changesSince(TableSpec table, long version) {
    if (!table.internal()) {
      throw new IllegalArgumentException(table.name() + " keeps no change feed");
    }
    if (version(table) <= version) {
      return read(table).withColumn(CHANGE_TYPE, functions.lit("")).withColumn(COMMIT_VERSION, functions.lit(0L)).limit(0);
    }
    return spark.read().format("delta").option("readChangeFeed", "true").option("startingVersion", version + 1)
        .load(location(table));
  }

  /**
   * Whether the table exists with the spec's columns (names and types, nested fields included) and partition
   * columns: a table written by an earlier version of Funnelcast may not, and must then be written whole.
   */
  public boolean matchesSpec(TableSpec table) {
    if (!DeltaTable.isDeltaTable(spark, location(table))) {
      return false;
    }
    DeltaTable delta = DeltaTable.forPath(spark, location(table));
    Row detail = delta.detail().first();
    List<String> partitions = scala.collection.JavaConverters.seqAsJavaList(
        detail.<String>getSeq(detail.fieldIndex("partitionColumns")));
    return partitions.equals(table.partitionColumns()) && shape(delta.toDF().schema()).equals(shape(table.schema()));
  }

  /** Bytes of the table's current data files, as its Delta log records them; 0 when there is no table yet. */
  public long sizeInBytes(TableSpec table) {
    if (!DeltaTable.isDeltaTable(spark, location(table))) {
      return 0;
    }
    Row detail = DeltaTable.forPath(spark, location(table)).detail().first();
    return detail.<Long>getAs("sizeInBytes");
  }

  /** Column names and types, without nullability and comments. */
  private static List<String> shape(StructType schema) {
    return java.util.Arrays.stream(schema.fields()).map(f -> f.name() + " " + f.dataType().catalogString()).toList();
  }

  /** The table's latest committed version. */
  public long version(TableSpec table) {
    ensureExists(table);
    return latestCommit(table).<Long>getAs("version");
  }

  /** The table's latest commit as Delta's history gives it (version, operation, metrics, userMetadata). */
  private Row latestCommit(TableSpec table) {
    return DeltaTable.forPath(spark, location(table)).history(1).first();
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
    ensureExists(table);
    Map<String, String> assignments = new LinkedHashMap<>();
    for (String column : table.columnNames()) {
      assignments.put(column, "s." + column);
    }
    String condition = String.join(" AND ", keys.stream().map(key -> "t." + key + " = s." + key).toList());
    Dataset<Row> rows = partialFlag == null ? conform(table, source, deleteFlag)
        : conform(table, source, deleteFlag, partialFlag);
    String previous = spark.conf().getOption(COMMIT_METADATA).getOrElse(() -> null);
    spark.conf().set(COMMIT_METADATA, runId);
    try {
      DeltaMergeBuilder merge = DeltaTable.forPath(spark, location(table)).as("t")
          .merge(rows.as("s"), condition)
          .whenMatched("s." + deleteFlag).delete();
      String insertable = "NOT s." + deleteFlag;
      if (partialFlag != null) {
        Map<String, String> partial = new LinkedHashMap<>();
        partialColumns.forEach(column -> partial.put(column, "s." + column));
        merge = merge.whenMatched("s." + partialFlag).updateExpr(partial);
        insertable += " AND NOT s." + partialFlag;
      }
      merge.whenMatched().updateExpr(assignments)
          .whenNotMatched(insertable).insertExpr(assignments)
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
      columns.add(functions.col(field.name()).cast(field.dataType()).as(field.name(), field.metadata()));
    }
    for (String extra : extraColumns) {
      columns.add(functions.col(extra));
    }
    return rows.select(columns.toArray(Column[]::new));
  }
}
