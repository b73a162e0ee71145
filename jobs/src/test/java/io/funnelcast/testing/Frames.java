package io.funnelcast.testing;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.to_json;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** DataFrame assertions and builders for tiny in-code datasets. */
public final class Frames {
  private Frames() {}

  /**
   * Same rows, any order, same column names: both sides are collected and compared as sorted lists of rows
   * (the tables under test hold at most a few thousand rows; two collects cost a fraction of a second, a
   * distributed multiset comparison several Spark jobs with shuffles). Map columns are compared as JSON with
   * sorted keys, binary columns as hex.
   */
  public static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
    assertSameRows(expected, actual, -1);
  }

  /** As {@link #assertSameRows(Dataset, Dataset)}, with doubles rounded to {@code decimals} places first. */
  public static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual, int decimals) {
    Dataset<Row> e = comparable(expected, decimals);
    Dataset<Row> a = comparable(actual.select(Arrays.stream(expected.columns()).map(c -> col(c)).toArray(Column[]::new)),
        decimals);
    org.assertj.core.api.Assertions.assertThat(actual.columns()).containsExactlyInAnyOrder(expected.columns());
    List<String> expectedRows = sortedRows(e);
    List<String> actualRows = sortedRows(a);
    org.assertj.core.api.Assertions.assertThat(actualRows.size()).as("row count").isEqualTo(expectedRows.size());
    org.assertj.core.api.Assertions.assertThat(actualRows).as("rows, in any order").isEqualTo(expectedRows);
  }

  /** Each row as text (Row.toString renders nested arrays and structs, doubles to the last digit), sorted. */
  private static List<String> sortedRows(Dataset<Row> frame) {
    return frame.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private static Dataset<Row> comparable(Dataset<Row> frame, int decimals) {
    Column[] columns = Arrays.stream(frame.schema().fields())
        .map(field -> field.dataType() instanceof MapType
            ? to_json(map_from_entries(array_sort(map_entries(col(field.name()))))).as(field.name())
            : field.dataType() instanceof BinaryType ? hex(col(field.name())).as(field.name())
            : decimals >= 0 && field.dataType() instanceof DoubleType
                ? round(col(field.name()), decimals).as(field.name())
                : col(field.name()))
        .toArray(Column[]::new);
    return frame.select(columns);
  }

  /** A dataset from rows given in code. */
  public static Dataset<Row> rows(StructType schema, Object[]... values) {
    List<Row> rows = Arrays.stream(values).map(RowFactory::create).toList();
    return SparkExtension.spark().createDataFrame(rows, schema);
  }

  public static StructType schema(StructField... fields) {
    return new StructType(fields);
  }
}
