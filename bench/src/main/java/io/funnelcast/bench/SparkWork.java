package io.funnelcast.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

/**
 * Counts the work a phase gives Spark and Delta: the Spark jobs started (Delta's own log and state jobs
 * included) and the Delta commits made, as the commit files that appeared in any table's {@code _delta_log}
 * under the given folders. On small data these counts, not the rows, set a run's time.
 */
final class SparkWork implements AutoCloseable {
  private final SparkSession spark;
  private final List<Path> roots;
  private final AtomicLong jobs = new AtomicLong();
  private final SparkListener listener = new SparkListener() {
    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
      jobs.incrementAndGet();
    }
  };
  private long jobsAtReset;
  private long commitsAtReset;

  SparkWork(SparkSession spark, List<Path> roots) {
    this.spark = spark;
    this.roots = roots;
    spark.sparkContext().addSparkListener(listener);
  }

  void reset() {
    jobsAtReset = startedJobs();
    commitsAtReset = commitFiles(roots);
  }

  /** Spark jobs started since {@link #reset}. */
  long jobs() {
    return startedJobs() - jobsAtReset;
  }

  /** Delta commits since {@link #reset}. */
  long commits() {
    return commitFiles(roots) - commitsAtReset;
  }

  /** Jobs whose start the listener bus has delivered: it runs behind the jobs, so let it catch up first. */
  private long startedJobs() {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } catch (TimeoutException e) {
      throw new IllegalStateException("Spark's listener bus did not catch up", e);
    }
    return jobs.get();
  }

  /** Commit files ({@code 00000000000000000012.json}) in every {@code _delta_log} under the roots. */
  static long commitFiles(List<Path> roots) {
    long count = 0;
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        count += files.filter(file -> file.getParent() != null
            && file.getParent().getFileName().toString().equals("_delta_log")
            && file.getFileName().toString().matches("\\d{20}\\.json")).count();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return count;
  }

  @Override
  public void close() {
    spark.sparkContext().removeSparkListener(listener);
  }
}
