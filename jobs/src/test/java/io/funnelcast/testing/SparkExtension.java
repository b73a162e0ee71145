package io.funnelcast.testing;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import io.funnelcast.run.ExpressionMode;
import io.funnelcast.run.SparkSessions;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One small Spark session per test JVM, started through spark-testing-base's shared context. Same required
 * settings as production.
 */
public final class SparkExtension implements BeforeAllCallback, ParameterResolver {

  private static final SuiteBase BASE = new SuiteBase();
  private static boolean started;

  /** spark-testing-base's suite with Funnelcast's settings instead of its defaults. */
  static final class SuiteBase extends JavaDataFrameSuiteBase {
    @Override
    public SparkConf conf() {
      SparkConf conf = new SparkConf();
      // The product's default Spark settings (reference.conf), then the tests' own for a small session.
      for (Map.Entry<String, String> setting : TestConfigs.with().spark().settings().entrySet()) {
        conf.set(setting.getKey(), setting.getValue());
      }
      conf.setMaster("local[2]")
          .setAppName("funnelcast-tests")
          .set("spark.ui.enabled", "false")
          .set("spark.sql.shuffle.partitions", "2")
          .set("spark.default.parallelism", "2")
          .set("spark.driver.host", "127.0.0.1")
          .set("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/funnelcast-test-warehouse");
      for (Map.Entry<String, String> setting : SparkSessions.requiredSettings().entrySet()) {
        conf.set(setting.getKey(), setting.getValue());
      }
      // As bin/funnelcast: each job interprets Spark's expressions when its input is below
      // funnelcast.spark.interpret-below, and compiles them above. Against a compiled session, paired runs gave
      // LifecycleJobTest's quiet-days case 0.93x the wall time, ForecastQualityTest with PlantedTruthTest 1.01x.
      for (Map.Entry<String, String> setting : ExpressionMode.sessionSettings(TestConfigs.with().spark()).entrySet()) {
        conf.set(setting.getKey(), setting.getValue());
      }
      return conf;
    }

    @Override
    public boolean enableHiveSupport() {
      return false;
    }
  }

  static synchronized SuiteBase base() {
    if (!started) {
      BASE.runBefore();
      started = true;
    }
    return BASE;
  }

  public static SparkSession spark() {
    return base().spark();
  }

  /**
   * Each test class starts with Spark's compiled expressions, whatever mode the previous class's last job left:
   * tests that call transforms without a job (ForecastQualityTest's simulations) then do not depend on the order
   * the classes run in. Jobs still choose per run (JobRunner).
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    SparkSession spark = base().spark();
    spark.conf().unset("spark.sql.codegen.wholeStage");
    spark.conf().unset("spark.sql.codegen.factoryMode");
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
    return parameter.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
    return spark();
  }
}
