package io.funnelcast.tables;

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
import scala.Option;

/**
 * The one place that reads and writes Funnelcast's Delta tables. Every write names the slice it owns and
 * is tagged with the run id (Delta commit userMetadata), so a table's history says which run wrote what.
 */
public final class DeltaTables {

  private static final String COMMIT_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

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
    }
    register(table);
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
      // The comment travels with the column: an overwrite that replaces the schema must keep the comments.
      columns.add(functions.col(field.name()).cast(field.dataType()).as(field.name(), field.metadata()));
    }
    for (String extra : extraColumns) {
      columns.add(functions.col(extra));
    }
    return rows.select(columns.toArray(Column[]::new));
  }
}
