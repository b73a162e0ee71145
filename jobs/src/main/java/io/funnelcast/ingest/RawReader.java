package io.funnelcast.ingest;

import static io.funnelcast.ingest.RawColumns.RAW_RECORD;
import static io.funnelcast.ingest.RawColumns.SOURCE_FILE;
import static io.funnelcast.tables.EventsTable.RUN_DATE;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;

import io.funnelcast.config.SourceConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads run dates' raw files, as {@link RawFiles} listed them, into (source_file, raw_record, fields, decode_error,
 * run_date) rows, all the dates' files in one scan. Text formats are read line by line so a broken line is kept verbatim for
 * quarantine rather than dropped by a parser. Blank lines are not records and are skipped.
 */
public final class RawReader {
  private static final String FILE_URI = "_funnelcast_file_uri";

  private RawReader() {}

  /** One run date's rows. */
  public static Dataset<Row> read(SparkSession spark, SourceConfig source, LocalDate runDate) {
    return read(spark, source, RawFiles.list(spark, source, List.of(runDate)));
  }

  /** The listed days' rows, each carrying the run date whose folder held its file. */
  public static Dataset<Row> read(SparkSession spark, SourceConfig source, List<RawFiles.RawDay> days) {
    List<RawFiles.RawDay> withFiles = days.stream().filter(day -> !day.files().isEmpty()).toList();
    if (withFiles.isEmpty()) {
      Dataset<Row> none = spark.createDataFrame(List.of(), new StructType()
          .add(SOURCE_FILE, DataTypes.StringType).add(RAW_RECORD, DataTypes.StringType));
      return FieldMapper.decodeJson(none).withColumn(RUN_DATE, lit(null).cast(DataTypes.DateType));
    }
    // recursiveFileLookup also stops date=... folder names from becoming columns.
    var reader = spark.read().option("recursiveFileLookup", "true");
    switch (source.format()) {
      case JSON:
        return FieldMapper.decodeJson(withRunDate(spark, lines(reader.text(paths(withFiles))), withFiles));
      case CSV:
        // Each day's header is the first line of its first file; days that share a header are read together.
        Map<String, List<RawFiles.RawDay>> byHeader = new LinkedHashMap<>();
        for (RawFiles.RawDay day : withFiles) {
          byHeader.computeIfAbsent(firstLine(spark, day.files().get(0)), header -> new ArrayList<>()).add(day);
        }
        return byHeader.entrySet().stream().map(group -> {
          Dataset<Row> records = lines(reader.text(paths(group.getValue())))
              .filter(col(RAW_RECORD).notEqual(group.getKey()));
          return FieldMapper.decodeCsv(withRunDate(spark, records, group.getValue()),
              csvHeader(group.getKey(), source.csvDelimiter()), source.csvDelimiter());
        }).reduce(Dataset::union).orElseThrow();
      case PARQUET:
        // Days may add columns; merged, a row renders to the same JSON as when its day is read alone.
        Dataset<Row> rows = reader.option("mergeSchema", "true").parquet(paths(withFiles));
        return FieldMapper.decodeJson(withRunDate(spark, rows.select(
            input_file_name().as(SOURCE_FILE), to_json(struct(col("*"))).as(RAW_RECORD)), withFiles));
      default:
        throw new IllegalArgumentException("unknown source format " + source.format());
    }
  }

  private static String[] paths(List<RawFiles.RawDay> days) {
    return days.stream().flatMap(day -> day.files().stream()).map(Path::toString).toArray(String[]::new);
  }

  /** Each row's run date, from the file it came from; one date needs no lookup. */
  private static Dataset<Row> withRunDate(SparkSession spark, Dataset<Row> rows, List<RawFiles.RawDay> days) {
    if (days.size() == 1) {
      return rows.withColumn(RUN_DATE, lit(days.get(0).runDate()));
    }
    List<Row> fileDates = new ArrayList<>();
    for (RawFiles.RawDay day : days) {
      for (Path file : day.files()) {
        // input_file_name() is the file's URI, as here.
        fileDates.add(RowFactory.create(file.toUri().toString(), day.runDate()));
      }
    }
    Dataset<Row> lookup = spark.createDataFrame(fileDates, new StructType()
        .add(FILE_URI, DataTypes.StringType, false).add(RUN_DATE, DataTypes.DateType, false));
    return rows.join(broadcast(lookup), rows.col(SOURCE_FILE).equalTo(lookup.col(FILE_URI)), "left")
        .drop(FILE_URI);
  }

  private static Dataset<Row> lines(Dataset<Row> text) {
    return text.select(input_file_name().as(SOURCE_FILE), col("value").as(RAW_RECORD))
        .filter(trim(col(RAW_RECORD)).notEqual(""));
  }

  private static List<String> csvHeader(String line, String delimiter) {
    return Arrays.stream(line.split(java.util.regex.Pattern.quote(delimiter), -1))
        .map(name -> name.trim().replaceAll("^\"|\"$", ""))
        .toList();
  }

  private static String firstLine(SparkSession spark, Path file) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(RawFiles.open(spark, file), StandardCharsets.UTF_8))) {
      String line = reader.readLine();
      if (line == null) {
        throw new IllegalStateException("CSV file has no header line: " + file);
      }
      return line;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read header of " + file, e);
    }
  }

}
