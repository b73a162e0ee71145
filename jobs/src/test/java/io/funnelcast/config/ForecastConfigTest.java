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

class ForecastConfigTest {
  @TempDir
  Path temp;

  ForecastConfig load(String conf) throws IOException {
    Path file = temp.resolve("f.conf");
    Files.writeString(file, conf);
    return ConfigLoader.load(Optional.of(file), new Properties()).forecast();
  }

  @Test
  void defaultsForecastEveryMeasuredPairWithoutRevenue() throws IOException {
    ForecastConfig config = load("");
    assertThat(config.targets()).extracting(t -> t.pair().label()).containsExactly("awareness -> engagement",
        "engagement -> conversion", "conversion -> retention", "retention -> advocacy");
    assertThat(config.targets()).allSatisfy(t -> assertThat(t.revenue()).isEmpty());
    assertThat(config.weeks()).isEqualTo(13);
    assertThat(config.months()).isEqualTo(3);
    assertThat(config.simulations()).isEqualTo(1000);
    assertThat(config.curveHistory()).isEqualTo(Duration.ofDays(365));
    assertThat(config.inflowHistory()).isEqualTo(Duration.ofDays(182));
    assertThat(config.inflowHalfLife()).isEqualTo(Duration.ofDays(28));
    assertThat(config.minConversions()).isEqualTo(30);
    assertThat(config.segmentPriorEntrants()).isEqualTo(100);
  }

  @Test
  void targetsNameMeasuredPairsWithTheirRevenue() throws IOException {
    ForecastConfig config = load("""
        funnelcast.conversion.extra-pairs = [{ from = awareness, to = conversion, window = 120 days }]
        funnelcast.forecast {
          weeks = 8
          targets = [
            { from = awareness, to = conversion, revenue { amount = 49.0, currency = EUR } },
            { from = engagement, to = conversion,
              revenue { property = "properties['amount']", currency-property = "properties['currency']" } },
            { from = retention, to = advocacy, revenue { property = "properties['amount']", currency = USD } },
            { from = awareness, to = engagement }
          ]
        }
        """);
    assertThat(config.weeks()).isEqualTo(8);
    assertThat(config.targets()).hasSize(4);
    assertThat(config.targets().get(0).pair().window()).isEqualTo(Duration.ofDays(120));
    assertThat(config.targets().get(0).revenue()).contains(new Revenue.Fixed(49.0, "EUR"));
    assertThat(config.targets().get(1).revenue()).contains(new Revenue.FromEvent("properties['amount']",
        Optional.of("properties['currency']"), Optional.empty()));
    assertThat(config.targets().get(2).revenue()).contains(new Revenue.FromEvent("properties['amount']",
        Optional.empty(), Optional.of("USD")));
    assertThat(config.targets().get(3).revenue()).isEmpty();
  }

  @Test
  void badTargetsAndSettingsAreNamed() {
    assertThatThrownBy(() -> load("funnelcast.forecast.targets = [{ from = awareness, to = advocacy }]"))
        .isInstanceOf(ConfigError.class)
        .hasMessageStartingWith("funnelcast.forecast.targets.0.to: 'advocacy' is invalid: awareness -> advocacy is"
            + " not a measured pair (measured: [awareness -> engagement, engagement -> conversion, conversion ->"
            + " retention, retention -> advocacy]); add it to funnelcast.conversion.extra-pairs");
    assertThatThrownBy(() -> load("funnelcast.forecast.targets = [{ from = awareness, to = engagement },"
        + " { from = awareness, to = engagement }]"))
        .hasMessageStartingWith("funnelcast.forecast.targets.1.to: 'engagement' is invalid: awareness -> engagement"
            + " is listed twice");
    assertThatThrownBy(() -> load("funnelcast.forecast.targets = [{ from = awareness, to = engagement, amount = 3 }]"))
        .hasMessageStartingWith("funnelcast.forecast.targets.0.amount: '3' is invalid: unknown key; a target has"
            + " from, to and revenue");
    assertThatThrownBy(() -> load("funnelcast.forecast.targets = [{ from = awareness, to = engagement,"
        + " revenue { amount = 3 } }]"))
        .hasMessageStartingWith("funnelcast.forecast.targets.0.revenue.amount: '3' is invalid: a fixed amount needs"
            + " its currency (currency = EUR)");
    assertThatThrownBy(() -> load("funnelcast.forecast.targets = [{ from = awareness, to = engagement,"
        + " revenue { currency = EUR } }]"))
        .hasMessageStartingWith("funnelcast.forecast.targets.0.revenue: '{\"currency\":\"EUR\"}' is invalid: give"
            + " either amount (a fixed amount per conversion) or property (the converting event's value)");
    assertThatThrownBy(() -> load("funnelcast.forecast.targets = [{ from = awareness, to = engagement,"
        + " revenue { amount = -1, currency = EUR } }]"))
        .hasMessageStartingWith("funnelcast.forecast.targets.0.revenue.amount: '-1' is invalid: must be a number of"
            + " at least 0");
    assertThatThrownBy(() -> load("funnelcast.forecast.targets = [{ from = awareness, to = engagement,"
        + " revenue { property = \"properties['x']\" } }]"))
        .hasMessageStartingWith("funnelcast.forecast.targets.0.revenue.property: '\"properties['x']\"' is"
            + " invalid: give the currency");
    assertThatThrownBy(() -> load("funnelcast.forecast.weeks = 0"))
        .hasMessageStartingWith("funnelcast.forecast.weeks: '0' is invalid: must be at least 1");
    assertThatThrownBy(() -> load("funnelcast.forecast.simulations = 10"))
        .hasMessageStartingWith("funnelcast.forecast.simulations: '10' is invalid: must be at least 100");
    assertThatThrownBy(() -> load("funnelcast.forecast.curve-history = 30 days"))
        .hasMessageStartingWith("funnelcast.forecast.curve-history: '\"30 days\"' is invalid: must be at least the"
            + " longest window of the targets (90 days)");
    assertThatThrownBy(() -> load("funnelcast.forecast.horizon = 3"))
        .hasMessageStartingWith("funnelcast.forecast.horizon: unknown key");
  }
}
