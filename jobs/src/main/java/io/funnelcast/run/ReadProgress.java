package io.funnelcast.run;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While a long read runs (a backfill's ingest scans months of files in one Spark job), logs at an interval how
 * many of the expected bytes the finished tasks have read. It watches the first Spark job that scans files
 * under the step's label (its description): Delta's own jobs (described "Delta: ...") and other steps do not
 * count, nor do the step's later jobs, which read the scan's rows from Spark's cache (and Spark counts such
 * reads as input bytes too). Bytes, not files: Spark packs many small files into one task and reports no
 * per-file progress.
 */
public final class ReadProgress implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReadProgress.class);
  private static final String JOB_DESCRIPTION = "spark.job.description";
  private static final String FILE_SCAN = "FileScanRDD";

  private final SparkContext spark;
  private final String label;
  private final long expectedBytes;
  private final String what;
  private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
  private final AtomicLong bytesRead = new AtomicLong();
  private final AtomicLong linesRead = new AtomicLong();
  private final Listener listener = new Listener();
  private final ScheduledExecutorService timer;

  private ReadProgress(SparkContext spark, String label, long expectedBytes, String what, Duration every) {
    this.spark = spark;
    this.label = label;
    this.expectedBytes = expectedBytes;
    this.what = what;
    spark.addSparkListener(listener);
    timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "funnelcast-read-progress");
      thread.setDaemon(true);
      return thread;
    });
    long millis = Math.max(1, every.toMillis());
    timer.scheduleAtFixedRate(() -> LOG.info("{}", line()), millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Watches the Spark jobs described {@code label} until closed; {@code what} names what is read. */
  public static ReadProgress watch(SparkSession spark, String label, long expectedBytes, String what,
      Duration every) {
    return new ReadProgress(spark.sparkContext(), label, expectedBytes, what, every);
  }

  /** "LABEL: 35.2 MB of 70.1 MB read (50%), 412345 lines; WHAT". */
  public String line() {
    long read = bytesRead.get();
    String share = expectedBytes > 0
        ? String.format(Locale.ROOT, " (%d%%)", Math.min(100, Math.round(100.0 * read / expectedBytes))) : "";
    return String.format(Locale.ROOT, "%s: %s of %s read%s, %d lines; %s", label, size(read),
        size(expectedBytes), share, linesRead.get(), what);
  }

  public long bytesRead() {
    return bytesRead.get();
  }

  public long linesRead() {
    return linesRead.get();
  }

  static String size(long bytes) {
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
    if (bytes < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
  }

  @Override
  public void close() {
    timer.shutdownNow();
    spark.removeSparkListener(listener);
  }

  private final class Listener extends SparkListener {
    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
      if (!stages.isEmpty() || jobStart.properties() == null
          || !label.equals(jobStart.properties().getProperty(JOB_DESCRIPTION))) {
        return;
      }
      List<StageInfo> stageInfos = scala.collection.JavaConverters.seqAsJavaList(jobStart.stageInfos());
      boolean scansFiles = stageInfos.stream().anyMatch(stage -> scala.collection.JavaConverters
          .seqAsJavaList(stage.rddInfos()).stream().anyMatch(rdd -> FILE_SCAN.equals(rdd.name())));
      if (scansFiles) {
        stageInfos.forEach(stage -> stages.add(stage.stageId()));
      }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
      if (!stages.contains(taskEnd.stageId()) || taskEnd.taskMetrics() == null) {
        return;
      }
      bytesRead.addAndGet(taskEnd.taskMetrics().inputMetrics().bytesRead());
      linesRead.addAndGet(taskEnd.taskMetrics().inputMetrics().recordsRead());
    }
  }
}
