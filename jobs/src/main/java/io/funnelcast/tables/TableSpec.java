package io.funnelcast.tables;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What a table is: name, comment, columns (each with its comment) and partition columns. The Delta table
 * is created from it and docs are generated from it, so the two cannot drift.
 *
 * @param internal Funnelcast's own working state, not for analysts: it may use Delta features that older
 *     readers lack (deletion vectors), and may change between versions
 * @param sortColumns a whole-table write orders each partition's rows by these and splits them into files of
 *     at most {@link DeltaTables#ROWS_PER_FILE} rows, so each file covers a narrow range of them; empty for no
 *     order
 */
public record TableSpec(String name, String comment, StructType schema, List<String> partitionColumns,
    boolean internal, List<String> sortColumns) {

  /** An analyst table. */
  public TableSpec(String name, String comment, StructType schema, List<String> partitionColumns) {
    this(name, comment, schema, partitionColumns, false);
  }

  public TableSpec(String name, String comment, StructType schema, List<String> partitionColumns,
      boolean internal) {
    this(name, comment, schema, partitionColumns, internal, List.of());
  }

  public TableSpec {
    partitionColumns = List.copyOf(partitionColumns);
    sortColumns = List.copyOf(sortColumns);
    List<String> names = Arrays.asList(schema.fieldNames());
    for (StructField field : schema.fields()) {
      if (!field.getComment().isDefined() || field.getComment().get().isBlank()) {
        throw new IllegalArgumentException(name + "." + field.name() + " has no comment");
      }
    }
    if (!names.containsAll(partitionColumns)) {
      throw new IllegalArgumentException(name + ": partition columns " + partitionColumns + " not in schema");
    }
    if (!names.containsAll(sortColumns)) {
      throw new IllegalArgumentException(name + ": sort columns " + sortColumns + " not in schema");
    }
  }

  /** This table with its whole-table writes ordered by {@code columns} within each partition. */
  public TableSpec sortedBy(String... columns) {
    return new TableSpec(name, comment, schema, partitionColumns, internal, List.of(columns));
  }

  /** A column with its comment; nullable says whether the column may hold nulls. */
  public static StructField column(String name, DataType type, boolean nullable, String comment) {
    Metadata metadata = new MetadataBuilder().putString("comment", comment).build();
    return new StructField(name, type, nullable, metadata);
  }

  public static StructType columns(StructField... fields) {
    return new StructType(fields);
  }

  public List<String> columnNames() {
    return Arrays.asList(schema.fieldNames());
  }
}
