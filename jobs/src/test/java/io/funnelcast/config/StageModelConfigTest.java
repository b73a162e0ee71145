package io.funnelcast.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class StageModelConfigTest {
  @TempDir
  Path temp;

  LifecycleConfig load(String text) throws IOException {
    Path file = temp.resolve("stages.conf");
    Files.writeString(file, text);
    return ConfigLoader.load(Optional.of(file), new Properties()).lifecycle();
  }

  static LifecycleConfig preset(String name) {
    Properties properties = new Properties();
    properties.setProperty("funnelcast.lifecycle.model", name);
    return ConfigLoader.load(Optional.empty(), properties).lifecycle();
  }

  @Test
  void theDefaultIsTheFiveLevelModel() {
    LifecycleConfig lifecycle = ConfigLoader.load(Optional.empty(), new Properties()).lifecycle();
    assertThat(lifecycle.model().name()).isEqualTo("five-level");
    assertThat(lifecycle.model().stageNames())
        .containsExactly("awareness", "engagement", "conversion", "retention", "advocacy");
    Objective retention = lifecycle.model().stage(3).enter();
    assertThat(retention.afterStage()).contains("conversion");
    assertThat(retention.delay()).isEqualTo(Duration.ofDays(30));
    assertThat(lifecycle.activity()).isEqualTo(new ActivityConfig(Duration.ofDays(7), Duration.ofDays(14),
        Duration.ofDays(60), List.of("cancel")));
    assertThat(lifecycle.segments()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"five-level", "freemium", "ecommerce", "b2b"})
  void everyPresetLoads(String name) {
    assertThat(preset(name).model().size()).isBetween(3, 5);
  }

  @Test
  void presetsHaveTheirDocumentedLadders() {
    assertThat(preset("freemium").model().stageNames())
        .containsExactly("visitor", "signed_up", "engaged", "paid", "advocate");
    assertThat(preset("freemium").model().stage(3).exit().orElseThrow().toStage()).isEqualTo("engaged");
    assertThat(preset("ecommerce").model().stageNames())
        .containsExactly("visit", "cart", "purchase", "repeat_purchase", "loyal");
    assertThat(preset("b2b").model().stageNames()).containsExactly("lead", "opportunity", "customer");
    assertThat(preset("b2b").model().stage(1).skippable()).isFalse();
  }

  @Test
  void inlineStagesReplaceThePreset() throws IOException {
    LifecycleConfig lifecycle = load("""
        funnelcast.lifecycle {
          model = freemium
          stages = [
            { name = visitor, enter { events = ["*"] } }
            { name = habit, enter { events = ["session_start"], count = active-days, min-count = 3, within = 7 days } }
          ]
          segments = ["properties['country']", "lower(properties['channel'])"]
        }
        """);
    assertThat(lifecycle.model().name()).isEqualTo("inline");
    assertThat(lifecycle.model().stage(1).enter()).isEqualTo(new Objective(List.of("session_start"),
        Optional.empty(), 3, Optional.of(Duration.ofDays(7)), Objective.CountMode.ACTIVE_DAYS, Optional.empty(),
        Duration.ZERO));
    assertThat(lifecycle.segments()).containsExactly(new Segment("country", "properties['country']"),
        new Segment("lower(properties['channel'])", "lower(properties['channel'])"));
  }

  @Test
  void anUnknownPresetIsNamedWithThePresetsThereAre() {
    assertThatThrownBy(() -> preset("saas"))
        .isInstanceOf(ConfigError.class)
        .hasMessage("funnelcast.lifecycle.model: 'saas' is invalid: no such preset; presets are five-level,"
            + " freemium, ecommerce, b2b, or define stages inline (-D system property)");
  }

  @Test
  void anExitToAnUnknownStageIsNamed() {
    assertThatThrownBy(() -> load("""
        funnelcast.lifecycle.stages = [
          { name = a, enter { events = ["*"] } }
          { name = b, enter { events = ["x"] }, exit { events = ["y"], to = nowhere } }
        ]
        """))
        .isInstanceOf(ConfigError.class)
        .hasMessage("funnelcast.lifecycle.stages: stage 'b' exits to unknown stage 'nowhere'; stages are [a, b]");
  }

  @Test
  void aBadPredicateFailsAtStartUp() {
    assertThatThrownBy(() -> load("""
        funnelcast.lifecycle.stages = [
          { name = a, enter { events = ["*"], where = "properties['plan'] <> " } }
        ]
        """))
        .isInstanceOf(ConfigError.class)
        .hasMessageStartingWith("funnelcast.lifecycle.stages[0] (a).enter.where: 'properties['plan'] <> ' is not"
            + " a Spark SQL predicate: ")
        .hasMessageContaining("stages.conf: 2");
  }

  @Test
  void anUnknownKeyInsideAStageIsNamed() {
    assertThatThrownBy(() -> load("""
        funnelcast.lifecycle.stages = [
          { name = a, enter { events = ["*"], min_count = 2 } }
        ]
        """))
        .isInstanceOf(ConfigError.class)
        .hasMessageStartingWith("funnelcast.lifecycle.stages[0] (a).enter.min_count: unknown key (")
        .hasMessageEndingWith("allowed: after-stage, count, delay, events, min-count, where, within");
  }

  @Test
  void aRetentionAnchorMustBeAnEarlierStage() {
    assertThatThrownBy(() -> load("""
        funnelcast.lifecycle.stages = [
          { name = a, enter { events = ["*"], after-stage = b } }
          { name = b, enter { events = ["x"] } }
        ]
        """))
        .hasMessage("funnelcast.lifecycle.stages: stage 'a' counts after 'b', which is not an earlier stage");
  }
}
