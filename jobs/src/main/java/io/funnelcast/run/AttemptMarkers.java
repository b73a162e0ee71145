package io.funnelcast.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small file per attempt under way, in the warehouse: an attempt whose process died without recording an
 * outcome (kill -9, an out-of-memory kill, a lost machine) leaves its file behind, and the next attempt finds
 * it, so pipeline_runs shows the dead attempt too. No Delta commit is spent on it.
 */
final class AttemptMarkers {
  private static final Logger LOG = LoggerFactory.getLogger(AttemptMarkers.class);

  /** An attempt that left its marker: what it was, and who ran it. */
  record Marker(String runId, String job, List<LocalDate> runDates, Instant startedAt, String configHash,
      String version, String host, long pid) {

    /** Whether the process that wrote the marker is gone; an attempt of another host is never judged. */
    boolean processGone() {
      return host.equals(thisHost()) && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }
  }

  private final SparkSession spark;
  private final Path folder;

  AttemptMarkers(SparkSession spark, String folder) {
    this.spark = spark;
    this.folder = new Path(folder);
  }

  void begin(RunContext context, List<LocalDate> runDates, Instant started) {
    String text = String.join("\n", context.runId(), context.job(),
        String.join(",", runDates.stream().map(LocalDate::toString).toList()), started.toString(),
        context.configHash(), context.version(), thisHost(), String.valueOf(ProcessHandle.current().pid()));
    try (FSDataOutputStream out = fs().create(new Path(folder, context.runId()), true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the attempt marker under " + folder, e);
    }
  }

  void end(String runId) {
    try {
      fs().delete(new Path(folder, runId), false);
    } catch (IOException e) {
      LOG.warn("cannot remove the attempt marker {}: {}", runId, e.getMessage());
    }
  }

  /** Markers whose process is gone: attempts that died without recording an outcome. */
  List<Marker> died() {
    List<Marker> died = new ArrayList<>();
    try {
      if (!fs().exists(folder)) {
        return died;
      }
      for (FileStatus file : fs().listStatus(folder)) {
        Marker marker = read(file.getPath());
        if (marker != null && marker.processGone()) {
          died.add(marker);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the attempt markers under " + folder, e);
    }
    return died;
  }

  private Marker read(Path file) throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(fs().open(file), StandardCharsets.UTF_8))) {
      List<String> lines = in.lines().toList();
      if (lines.size() != 8) {
        LOG.warn("ignoring the unreadable attempt marker {}", file);
        return null;
      }
      return new Marker(lines.get(0), lines.get(1),
          Arrays.stream(lines.get(2).split(",")).map(LocalDate::parse).toList(), Instant.parse(lines.get(3)),
          lines.get(4), lines.get(5), lines.get(6), Long.parseLong(lines.get(7)));
    }
  }

  private FileSystem fs() throws IOException {
    return folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
  }

  private static String thisHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
