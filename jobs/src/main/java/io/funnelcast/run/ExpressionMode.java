package io.funnelcast.run;

import io.funnelcast.config.SparkConfig;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a run's Spark queries compile their expressions to Java code (Spark's default) or interpret them,
 * chosen per run from the size of its input. Spark generates and compiles code for every query plan, which
 * costs the same on ten rows as on ten million and pays off only per row: on the README's sample days it was
 * about a fifth of the CPU (docs/performance.md). Results are the same either way.
 */
public final class ExpressionMode {
  private static final Logger LOG = LoggerFactory.getLogger(ExpressionMode.class);

  /** The session setting that carries funnelcast.spark.interpret-below in bytes; absent, the mode is left as is. */
  static final String INTERPRET_BELOW = "spark.funnelcast.interpretBelowBytes";
  static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
  static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";
  /** No whole-stage code and no generated code per expression (Spark's own test suites run every expression so). */
  static final Map<String, String> INTERPRETED = Map.of(WHOLE_STAGE, "false", FACTORY_MODE, "NO_CODEGEN");

  private ExpressionMode() {}

  /**
   * The session settings for a session built from {@code config}: the threshold, unless it is 0 or the user's
   * Spark settings choose code generation themselves.
   */
  public static Map<String, String> sessionSettings(SparkConfig config) {
    if (config.interpretBelowBytes() == 0 || config.settings().containsKey(WHOLE_STAGE)
        || config.settings().containsKey(FACTORY_MODE)) {
      return Map.of();
    }
    return Map.of(INTERPRET_BELOW, String.valueOf(config.interpretBelowBytes()));
  }

  /** Whether a run reading {@code inputBytes} interprets, for a threshold of {@code interpretBelowBytes}. */
  public static boolean interprets(long inputBytes, long interpretBelowBytes) {
    return inputBytes < interpretBelowBytes;
  }

  /**
   * Sets the session's mode for a run that reads {@code inputBytes}; a session without the threshold setting
   * (one Funnelcast did not build, or whose user chose) is left as it is.
   */
  public static void forInput(SparkSession spark, long inputBytes) {
    RuntimeConfig conf = spark.conf();
    if (!conf.contains(INTERPRET_BELOW)) {
      return;
    }
    long threshold = Long.parseLong(conf.get(INTERPRET_BELOW));
    boolean interpret = interprets(inputBytes, threshold);
    boolean interpreting = INTERPRETED.get(FACTORY_MODE).equals(conf.get(FACTORY_MODE).toUpperCase(Locale.ROOT));
    if (interpret) {
      INTERPRETED.forEach(conf::set);
    } else {
      INTERPRETED.keySet().forEach(conf::unset);
    }
    if (interpret != interpreting) {
      LOG.info("Spark expressions {}: {} of input, {} funnelcast.spark.interpret-below ({})",
          interpret ? "interpreted" : "compiled", megabytes(inputBytes), interpret ? "below" : "not below",
          megabytes(threshold));
    }
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
  }
}
