package io.funnelcast.ingest;

import static io.funnelcast.ingest.RawColumns.RAW_RECORD;
import static io.funnelcast.ingest.RawColumns.SOURCE_FILE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;

import io.funnelcast.config.SourceConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads one run date's raw files into (source_file, raw_record, fields, decode_error) rows. Text formats
 * are read line by line so a broken line is kept verbatim for quarantine rather than dropped by a parser.
 * Blank lines are not records and are skipped.
 */
public final class RawReader {
  private RawReader() {}

  public static Dataset<Row> read(SparkSession spark, SourceConfig source, LocalDate runDate) {
    String path = source.pathFor(runDate);
    List<Path> files = dataFiles(spark, path);
    // recursiveFileLookup also stops date=... folder names from becoming columns.
    var reader = spark.read().option("recursiveFileLookup", "true");
    switch (source.format()) {
      case JSON:
        return FieldMapper.decodeJson(lines(reader.text(path)));
      case CSV:
        String headerLine = firstLine(spark, files.get(0));
        List<String> header = csvHeader(headerLine, source.csvDelimiter());
        Dataset<Row> records = lines(reader.text(path)).filter(col(RAW_RECORD).notEqual(headerLine));
        return FieldMapper.decodeCsv(records, header, source.csvDelimiter());
      case PARQUET:
        Dataset<Row> rows = reader.parquet(path);
        return FieldMapper.decodeJson(rows.select(
            input_file_name().as(SOURCE_FILE), to_json(struct(col("*"))).as(RAW_RECORD)));
      default:
        throw new IllegalArgumentException("unknown source format " + source.format());
    }
  }

  private static Dataset<Row> lines(Dataset<Row> text) {
    return text.select(input_file_name().as(SOURCE_FILE), col("value").as(RAW_RECORD))
        .filter(trim(col(RAW_RECORD)).notEqual(""));
  }

  /** The day's data files, sorted; fails with the configured key when there are none. */
  static List<Path> dataFiles(SparkSession spark, String location) {
    try {
      Path path = new Path(location);
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      FileStatus[] matches = fs.globStatus(path);
      List<Path> files = new ArrayList<>();
      for (FileStatus match : matches == null ? new FileStatus[0] : matches) {
        if (match.isFile()) {
          files.add(match.getPath());
          continue;
        }
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(match.getPath(), true);
        while (it.hasNext()) {
          Path file = it.next().getPath();
          if (!isHidden(file, match.getPath())) {
            files.add(file);
          }
        }
      }
      if (files.isEmpty()) {
        throw new IllegalStateException("funnelcast.source.path: no raw files at " + location
            + (matches == null || matches.length == 0 ? " (path does not exist)" : " (folder is empty)"));
      }
      files.sort(Comparator.comparing(Path::toString));
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list raw files at " + location, e);
    }
  }

  /** Spark skips files and folders whose name starts with _ or . (e.g. _SUCCESS, .crc); so do we. */
  private static boolean isHidden(Path file, Path root) {
    for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
      if (p.getName().startsWith("_") || p.getName().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static List<String> csvHeader(String line, String delimiter) {
    return Arrays.stream(line.split(java.util.regex.Pattern.quote(delimiter), -1))
        .map(name -> name.trim().replaceAll("^\"|\"$", ""))
        .toList();
  }

  private static String firstLine(SparkSession spark, Path file) {
    try {
      FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
      CompressionCodec codec = new CompressionCodecFactory(spark.sparkContext().hadoopConfiguration())
          .getCodec(file);
      InputStream in = codec == null ? fs.open(file) : codec.createInputStream(fs.open(file));
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line = reader.readLine();
        if (line == null) {
          throw new IllegalStateException("CSV file has no header line: " + file);
        }
        return line;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read header of " + file, e);
    }
  }
}
