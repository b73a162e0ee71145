package io.funnelcast.report;

import java.util.List;
import java.util.stream.Collectors;

/** A query result as text: an aligned table for people, or CSV (RFC 4180) for tools. Null prints as NULL. */
public final class ResultTable {
  static final String NULL = "NULL";

  private ResultTable() {}

  /** @param rows each row's values already rendered as strings (null for SQL NULL) */
  public static String aligned(List<String> columns, List<List<String>> rows) {
    int[] widths = new int[columns.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = columns.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], show(row.get(c)).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, columns, widths);
    for (int c = 0; c < widths.length; c++) {
      out.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
    }
    out.append('\n');
    for (List<String> row : rows) {
      line(out, row.stream().map(ResultTable::show).toList(), widths);
    }
    return out.toString();
  }

  public static String csv(List<String> columns, List<List<String>> rows) {
    StringBuilder out = new StringBuilder(columns.stream().map(ResultTable::csvField).collect(Collectors.joining(",")));
    out.append("\r\n");
    for (List<String> row : rows) {
      // An empty field is NULL in CSV; an empty string is quoted so the two stay apart.
      out.append(row.stream().map(v -> v == null ? "" : v.isEmpty() ? "\"\"" : csvField(v))
          .collect(Collectors.joining(","))).append("\r\n");
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> values, int[] widths) {
    for (int c = 0; c < widths.length; c++) {
      out.append(c == 0 ? "" : " | ").append(String.format("%-" + widths[c] + "s", values.get(c)));
    }
    out.setLength(out.toString().stripTrailing().length());
    out.append('\n');
  }

  private static String show(String value) {
    return value == null ? NULL : value;
  }

  private static String csvField(String value) {
    boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
    return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }
}
