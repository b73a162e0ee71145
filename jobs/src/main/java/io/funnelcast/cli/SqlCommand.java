package io.funnelcast.cli;

import static org.apache.spark.sql.functions.col;

import io.funnelcast.config.FunnelcastConfig;
import io.funnelcast.report.ResultTable;
import io.funnelcast.run.SparkSessions;
import io.funnelcast.tables.DeltaTables;
import io.funnelcast.tables.TableCatalog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Run a Spark SQL query against the Funnelcast tables and print the result. Tables are named"
        + " <database>.<table>, and the configured database is the current one, so plain table names work.")
final class SqlCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "QUERY", description = "e.g. \"SELECT * FROM funnel_summary\"")
  String query;

  @Mixin
  ConfigOption configOption;

  @Option(names = "--csv", description = "Print CSV (RFC 4180, header line) instead of a table.")
  boolean csv;

  @Option(names = "--max-rows", paramLabel = "N", defaultValue = "1000",
      description = "Print at most this many rows (default ${DEFAULT-VALUE}); says so when there are more.")
  int maxRows;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (maxRows < 1) {
      throw new IllegalArgumentException("--max-rows must be at least 1");
    }
    FunnelcastConfig config = configOption.load();
    PrintWriter out = spec.commandLine().getOut();
    SparkSession spark = SparkSessions.create(config);
    try {
      DeltaTables tables = new DeltaTables(spark, config.warehouse(), config.database());
      if (tables.registry().registerExisting(TableCatalog.ALL).isEmpty()) {
        spark.sql("CREATE DATABASE IF NOT EXISTS " + config.database());
      }
      spark.catalog().setCurrentDatabase(config.database());
      Dataset<Row> result = spark.sql(query);
      // Spark renders every type (arrays, maps, structs, timestamps in UTC) as text the same way.
      Column[] asText = Arrays.stream(result.columns()).map(c -> col("`" + c.replace("`", "``") + "`").cast("string"))
          .toArray(Column[]::new);
      List<Row> rows = result.select(asText).limit(maxRows + 1).collectAsList();
      List<List<String>> values = new ArrayList<>();
      for (Row row : rows.subList(0, Math.min(rows.size(), maxRows))) {
        List<String> line = new ArrayList<>();
        for (int i = 0; i < row.length(); i++) {
          line.add(row.isNullAt(i) ? null : row.getString(i));
        }
        values.add(line);
      }
      List<String> columns = Arrays.asList(result.columns());
      out.print(csv ? ResultTable.csv(columns, values) : ResultTable.aligned(columns, values));
      if (rows.size() > maxRows) {
        spec.commandLine().getErr().println("funnelcast: printed the first " + maxRows + " rows; there are more"
            + " (--max-rows)");
      } else if (!csv) {
        out.println("(" + values.size() + (values.size() == 1 ? " row)" : " rows)"));
      }
      out.flush();
      return FunnelcastCli.EXIT_OK;
    } finally {
      spark.stop();
    }
  }
}
