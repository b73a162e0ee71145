package io.funnelcast.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelcast.config.SparkConfig;
import io.funnelcast.testing.SparkExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class ExpressionModeTest {
  static final List<String> KEYS = List.of(ExpressionMode.INTERPRET_BELOW, ExpressionMode.WHOLE_STAGE,
      ExpressionMode.FACTORY_MODE);

  @Test
  void aSessionGetsTheThresholdUnlessItIsZeroOrTheUserChoseTheCodeGeneration() {
    assertThat(ExpressionMode.sessionSettings(new SparkConfig("", "a", Map.of(), 1000)))
        .containsExactly(Map.entry(ExpressionMode.INTERPRET_BELOW, "1000"));
    assertThat(ExpressionMode.sessionSettings(new SparkConfig("", "a", Map.of(), 0))).isEmpty();
    assertThat(ExpressionMode.sessionSettings(
        new SparkConfig("", "a", Map.of(ExpressionMode.WHOLE_STAGE, "true"), 1000))).isEmpty();
    assertThat(ExpressionMode.sessionSettings(
        new SparkConfig("", "a", Map.of(ExpressionMode.FACTORY_MODE, "CODEGEN_ONLY"), 1000))).isEmpty();
    assertThat(ExpressionMode.interprets(999, 1000)).isTrue();
    assertThat(ExpressionMode.interprets(1000, 1000)).isFalse();
    assertThat(ExpressionMode.interprets(0, 0)).as("0 compiles always").isFalse();
  }

  @Test
  void theRunsInputSizeChoosesAndTheResultsAreTheSame(SparkSession spark) {
    RuntimeConfig conf = spark.conf();
    Map<String, String> before = new HashMap<>();
    KEYS.stream().filter(conf::contains).forEach(key -> before.put(key, conf.get(key)));
    try {
      Dataset<Row> query = spark.range(5).selectExpr("id * 2 + 1 AS v", "concat('u', id) AS u").filter("v > 2");

      conf.unset(ExpressionMode.INTERPRET_BELOW);
      conf.set(ExpressionMode.WHOLE_STAGE, "false");
      ExpressionMode.forInput(spark, 10);
      assertThat(conf.get(ExpressionMode.WHOLE_STAGE)).as("no threshold: left as it is").isEqualTo("false");

      conf.set(ExpressionMode.INTERPRET_BELOW, "1000");
      ExpressionMode.forInput(spark, 1000);
      assertThat(conf.get(ExpressionMode.WHOLE_STAGE)).isEqualTo("true");
      assertThat(conf.get(ExpressionMode.FACTORY_MODE)).isEqualTo("FALLBACK");
      String compiledPlan = query.queryExecution().executedPlan().toString();
      List<Row> compiled = query.collectAsList();

      ExpressionMode.forInput(spark, 999);
      assertThat(conf.get(ExpressionMode.WHOLE_STAGE)).isEqualTo("false");
      assertThat(conf.get(ExpressionMode.FACTORY_MODE)).isEqualTo("NO_CODEGEN");
      Dataset<Row> again = spark.range(5).selectExpr("id * 2 + 1 AS v", "concat('u', id) AS u").filter("v > 2");
      // "*(1) Project" marks an operator compiled into whole-stage code 1.
      assertThat(compiledPlan).contains("*(1) Project");
      assertThat(again.queryExecution().executedPlan().toString()).contains("Project").doesNotContain("*(");
      assertThat(again.collectAsList()).isEqualTo(compiled).hasSize(4);
    } finally {
      KEYS.forEach(conf::unset);
      before.forEach(conf::set);
    }
  }
}
