package io.funnelcast.tables;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import org.apache.spark.sql.Column;

/**
 * The rows a run owns in a table: a day or a range of days of one date column, as a Column predicate for reads
 * and as the replaceWhere text Delta takes for the write ({@link DeltaTables#replaceSlice}), from one value.
 */
public record DateSlice(String column, LocalDate first, LocalDate last) {

  public DateSlice {
    if (last.isBefore(first)) {
      throw new IllegalArgumentException(column + ": a slice from " + first + " to " + last + " is empty");
    }
  }

  public static DateSlice on(String column, LocalDate day) {
    return new DateSlice(column, day, day);
  }

  public static DateSlice between(String column, LocalDate first, LocalDate last) {
    return new DateSlice(column, first, last);
  }

  public Column predicate() {
    return first.equals(last) ? col(column).equalTo(lit(first)) : col(column).between(lit(first), lit(last));
  }

  public String sql() {
    String name = "`" + column.replace("`", "``") + "`";
    return first.equals(last) ? name + " = DATE'" + first + "'"
        : name + " BETWEEN DATE'" + first + "' AND DATE'" + last + "'";
  }
}
