package io.funnelcast.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversionConfigTest {
  @TempDir
  Path temp;

  ConversionConfig load(String conf) throws IOException {
    Path file = temp.resolve("c.conf");
    Files.writeString(file, conf);
    return ConfigLoader.load(Optional.of(file), new Properties()).conversion();
  }

  @Test
  void defaultsAreAdjacentPairsOfTheModel() throws IOException {
    ConversionConfig config = load("");
    assertThat(config.pairs()).extracting(StagePair::label).containsExactly("awareness -> engagement",
        "engagement -> conversion", "conversion -> retention", "retention -> advocacy");
    assertThat(config.pairs()).extracting(StagePair::window).containsOnly(Duration.ofDays(90));
    assertThat(config.cohortGrains()).containsExactly(CohortGrain.WEEK, CohortGrain.MONTH);
    assertThat(config.within()).containsExactly(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30),
        Duration.ofDays(90));
    assertThat(config.curveDays()).containsExactly(1, 3, 7, 14, 30, 60, 90);
  }

  @Test
  void extraPairsAddOrReplaceWithTheirOwnWindow() throws IOException {
    ConversionConfig config = load("""
        funnelcast.lifecycle.model = b2b
        funnelcast.conversion {
          window = 30 days
          extra-pairs = [ { from = lead, to = customer, window = 180 days }, { from = lead, to = opportunity, window = 7 days } ]
          cohort-grains = [month, day, month]
          curve-days = [30, 1]
        }
        """);
    assertThat(config.pairs()).containsExactly(
        new StagePair("lead", 0, "opportunity", 1, Duration.ofDays(7)),
        new StagePair("opportunity", 1, "customer", 2, Duration.ofDays(30)),
        new StagePair("lead", 0, "customer", 2, Duration.ofDays(180)));
    assertThat(config.cohortGrains()).containsExactly(CohortGrain.MONTH, CohortGrain.DAY);
    assertThat(config.curveDays()).containsExactly(1, 30);
    assertThat(load("funnelcast.lifecycle.model = b2b\nfunnelcast.conversion { pairs = none,"
        + " extra-pairs = [{ from = lead, to = customer }] }").pairs())
        .containsExactly(new StagePair("lead", 0, "customer", 2, Duration.ofDays(90)));
  }

  @Test
  void badPairsAndSettingsAreNamed() {
    assertThatThrownBy(() -> load("funnelcast.conversion.extra-pairs = [{ from = lead, to = paid }]"))
        .isInstanceOf(ConfigError.class)
        .hasMessageStartingWith("funnelcast.conversion.extra-pairs.0.from: 'lead' is invalid: not a stage of the"
            + " model; stages are [awareness, engagement, conversion, retention, advocacy]");
    assertThatThrownBy(() -> load("funnelcast.conversion.extra-pairs = [{ from = retention, to = engagement }]"))
        .hasMessageStartingWith("funnelcast.conversion.extra-pairs.0.to: 'engagement' is invalid: pair retention"
            + " -> engagement: 'engagement' is not a later stage than 'retention'");
    assertThatThrownBy(() -> load("funnelcast.conversion.extra-pairs = [{ from = awareness, to = advocacy,"
        + " windw = 3 days }]"))
        .hasMessageStartingWith("funnelcast.conversion.extra-pairs.0.windw: '\"3 days\"' is invalid: unknown key");
    assertThatThrownBy(() -> load("funnelcast.conversion.window = 0 days"))
        .hasMessageStartingWith("funnelcast.conversion.window: '\"0 days\"' is invalid: must be longer than zero");
    assertThatThrownBy(() -> load("funnelcast.conversion.cohort-grains = [quarter]"))
        .hasMessageStartingWith("funnelcast.conversion.cohort-grains.0: 'quarter' is invalid: expected one of day,"
            + " week, month");
    assertThatThrownBy(() -> load("funnelcast.conversion.curve-days = [0, 7]"))
        .hasMessageStartingWith("funnelcast.conversion.curve-days: '[0, 7]' is invalid: list whole days of at least 1");
    assertThatThrownBy(() -> load("funnelcast.conversion.pairs = some"))
        .hasMessageStartingWith("funnelcast.conversion.pairs: 'some' is invalid: expected adjacent");
    assertThatThrownBy(() -> load("funnelcast.conversion.pairs = none"))
        .hasMessageStartingWith("funnelcast.conversion.pairs: 'none' is invalid: no pair to measure");
  }

  @Test
  void aOneStageLadderHasNoPairsAndThatIsFine() throws IOException {
    assertThat(load("funnelcast.lifecycle.stages = [{ name = seen, enter { events = [\"*\"] } }]").pairs()).isEmpty();
  }
}
