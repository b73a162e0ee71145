package io.funnelcast.run;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job's named steps in order: logs each one's start and duration, and labels its Spark jobs so the
 * Spark UI and logs say which step they belong to.
 */
public final class Steps {
  private static final Logger LOG = LoggerFactory.getLogger(Steps.class);

  private final SparkSession spark;
  private final RunContext context;
  private int total;
  private int done;

  /** {@code total} 0: not known until a first step decides it (see {@link #expectTotal}). */
  public Steps(SparkSession spark, RunContext context, int total) {
    this.spark = spark;
    this.context = context;
    this.total = total;
  }

  /** For a job whose first steps decide how many follow. */
  public void expectTotal(int total) {
    this.total = total;
  }

  public <T> T run(String step, Supplier<T> body) {
    String label = next(step);
    LOG.info("{} ...", label);
    Instant start = context.clock().instant();
    spark.sparkContext().setJobDescription(label);
    try {
      return body.get();
    } finally {
      spark.sparkContext().setJobDescription(null);
      LOG.info("{} done in {} s", label,
          String.format("%.1f", Duration.between(start, context.clock().instant()).toMillis() / 1000.0));
    }
  }

  /**
   * As {@link #run(String, Supplier)}, for a step that reads {@code expectedBytes} of files: while it runs, a
   * line every {@code every} says how much of that its Spark jobs have read so far.
   */
  public <T> T runReading(String step, long expectedBytes, String what, Duration every, Supplier<T> body) {
    String label = label(done + 1, step);
    try (ReadProgress progress = ReadProgress.watch(spark, label, expectedBytes, what, every)) {
      return run(step, body);
    }
  }

  private String next(String step) {
    done++;
    return label(done, step);
  }

  /** Also the Spark jobs' description, by which {@link ReadProgress} knows the step's jobs. */
  private String label(int index, String step) {
    return context.job() + " " + context.runDate() + " [" + index + "/" + (total > 0 ? total : "?") + "] " + step;
  }

  public void run(String step, Runnable body) {
    run(step, () -> {
      body.run();
      return null;
    });
  }
}
