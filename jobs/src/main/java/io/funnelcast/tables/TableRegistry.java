package io.funnelcast.tables;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.NoSuchDatabaseException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import scala.Option;

/**
 * Creates the warehouse's Delta tables and names them in the catalog (the metastore, or the session's own) as
 * {@code <database>.<table>}, so analysts can query them by name. Names are external: dropping one never deletes
 * data, so a name that points elsewhere (another warehouse) is dropped and made again.
 */
public final class TableRegistry {
  /**
   * Off for analyst tables: older delta-rs and Polars readers cannot read tables that use them. On for
   * internal tables, so a nightly MERGE marks the replaced rows instead of rewriting every file they sit in.
   */
  static final String DELETION_VECTORS = "delta.enableDeletionVectors";
  /** On for internal tables: a nightly run reads the rows a MERGE replaced from the change feed. */
  static final String CHANGE_FEED = "delta.enableChangeDataFeed";

  private final SparkSession spark;
  private final String database;
  private final String databaseLocation;
  private final Set<String> registered = new HashSet<>();

  TableRegistry(SparkSession spark, String database, String databaseLocation) {
    this.spark = spark;
    this.database = database;
    this.databaseLocation = databaseLocation;
  }

  String location(TableSpec table) {
    return databaseLocation + "/" + table.name();
  }

  boolean exists(TableSpec table) {
    return DeltaTable.isDeltaTable(spark, location(table));
  }

  /** Creates the table with its schema, comments and partitioning if it is not there yet, and names it. */
  public void ensureExists(TableSpec table) {
    if (!exists(table)) {
      create(table);
    }
    register(table);
  }

  /** Names every table that exists in the warehouse; returns their names. */
  public List<String> registerExisting(List<TableSpec> specs) {
    List<String> found = new ArrayList<>();
    for (TableSpec table : specs) {
      if (exists(table)) {
        register(table);
        found.add(table.name());
      }
    }
    return found;
  }

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
}
