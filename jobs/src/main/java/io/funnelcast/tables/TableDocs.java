package io.funnelcast.tables;

import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Renders docs/tables.md from the table specs, the same source the Delta column comments come from. */
public final class TableDocs {
  private TableDocs() {}

  public static String render(List<TableSpec> tables) {
    StringBuilder md = new StringBuilder();
    md.append("# Tables\n\n")
        .append("Generated from the table definitions in `io.funnelcast.tables` (the same text is stored as\n")
        .append("Delta table and column comments); a test fails when this file and the code differ.\n")
        .append("Tables live at `<warehouse>/<database>.db/<table>`.\n");
    for (TableSpec table : tables) {
      md.append("\n## ").append(table.name()).append("\n\n").append(table.comment()).append('\n');
      if (!table.partitionColumns().isEmpty()) {
        md.append("\nPartitioned by `").append(String.join("`, `", table.partitionColumns())).append("`.\n");
      }
      if (!table.sortColumns().isEmpty()) {
        md.append("\nA full write orders the rows by `").append(String.join("`, `", table.sortColumns()))
            .append("` within each partition, in files of at most ").append(DeltaTables.ROWS_PER_FILE)
            .append(" rows.\n");
      }
      md.append("\n| column | type | nullable | description |\n|---|---|---|---|\n");
      for (StructField field : table.schema().fields()) {
        row(md, field.name(), field);
        // Arrays of structs list their elements' documented fields as name[].field (internal state's are not).
        if (field.dataType() instanceof ArrayType array && array.elementType() instanceof StructType element) {
          for (StructField nested : element.fields()) {
            if (nested.getComment().isDefined()) {
              row(md, field.name() + "[]." + nested.name(), nested);
            }
          }
        }
      }
    }
    return md.toString();
  }

  private static void row(StringBuilder md, String name, StructField field) {
    String type = field.dataType() instanceof ArrayType array && array.elementType() instanceof StructType
        ? "array<struct>" : field.dataType().simpleString();
    md.append("| `").append(name).append("` | ").append(type)
        .append(" | ").append(field.nullable() ? "yes" : "no").append(" | ")
        .append(field.getComment().get().replace("|", "\\|")).append(" |\n");
  }
}
