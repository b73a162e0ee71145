package io.funnelcast.ingest;

import io.funnelcast.config.MissingDay;
import io.funnelcast.config.SourceConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The raw files of run dates, listed before anything is read (so a missing day fails before any work, and the
 * listing gives the bytes to expect), and opened as Spark's text reader opens them.
 */
public final class RawFiles {

  private RawFiles() {}

  /** One run date's raw files, as listed before anything is read; none for an empty or missing folder. */
  public record RawDay(LocalDate runDate, String location, boolean missing, List<Path> files, long bytes) {}

  /**
   * Lists each run date's files. A missing folder is an empty day under missing-day = empty; under fail,
   * the listing fails naming every missing date, before anything is read.
   */
  public static List<RawDay> list(SparkSession spark, SourceConfig source, List<LocalDate> runDates) {
    List<RawDay> days = new ArrayList<>();
    for (LocalDate runDate : runDates) {
      days.add(dataFiles(spark, runDate, source.pathFor(runDate)));
    }
    List<RawDay> missing = days.stream().filter(RawDay::missing).toList();
    if (!missing.isEmpty() && source.missingDay() == MissingDay.FAIL) {
      String dates = missing.stream().limit(10).map(day -> day.runDate().toString())
          .collect(Collectors.joining(", ")) + (missing.size() > 10 ? ", ..." : "");
      throw new IllegalStateException("funnelcast.source.path: no raw files "
          + (missing.size() == 1 ? "at " + missing.get(0).location() + " (path does not exist;"
              : "for " + missing.size() + " run dates (" + dates + ") at " + source.pathPattern()
                  + " (paths do not exist;")
          + " set funnelcast.source.missing-day = empty to read a missing day as a day with no events)");
    }
    return days;
  }

  /**
   * When reading failed on a broken compressed stream, the files that are broken (each decompressed to the
   * end), so the error can name them; only called after a failure.
   */
  public static List<String> brokenCompressedFiles(SparkSession spark, List<RawDay> days) {
    CompressionCodecFactory codecs = new CompressionCodecFactory(spark.sparkContext().hadoopConfiguration());
    List<String> broken = new ArrayList<>();
    for (Path file : days.stream().flatMap(day -> day.files().stream()).toList()) {
      if (codecs.getCodec(file) == null) {
        continue;
      }
      try (InputStream in = open(spark, file)) {
        in.transferTo(OutputStream.nullOutputStream());
      } catch (IOException e) {
        broken.add(file + " (" + e.getMessage() + ")");
      }
    }
    return broken;
  }

  /** The day's data files, sorted; none when the folder is empty or missing. */
  static RawDay dataFiles(SparkSession spark, LocalDate runDate, String location) {
    try {
      Path path = new Path(location);
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      FileStatus[] matches = fs.globStatus(path);
      List<Path> files = new ArrayList<>();
      long bytes = 0;
      for (FileStatus match : matches == null ? new FileStatus[0] : matches) {
        if (match.isFile()) {
          files.add(match.getPath());
          bytes += match.getLen();
          continue;
        }
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(match.getPath(), true);
        while (it.hasNext()) {
          LocatedFileStatus file = it.next();
          if (!isHidden(file.getPath(), match.getPath())) {
            files.add(file.getPath());
            bytes += file.getLen();
          }
        }
      }
      files.sort(Comparator.comparing(Path::toString));
      return new RawDay(runDate, location, matches == null || matches.length == 0, files, bytes);
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

  /** A raw file's bytes as Spark's text reader sees them: decompressed when its name says so (.gz, ...). */
  static InputStream open(SparkSession spark, Path file) throws IOException {
    var hadoop = spark.sparkContext().hadoopConfiguration();
    CompressionCodec codec = new CompressionCodecFactory(hadoop).getCodec(file);
    InputStream in = file.getFileSystem(hadoop).open(file);
    return codec == null ? in : codec.createInputStream(in);
  }
}
