package io.funnelcast.testing;

import io.funnelcast.config.ConfigLoader;
import io.funnelcast.config.FunnelcastConfig;
import java.util.Optional;
import java.util.Properties;

/** Configurations for tests: the built-in defaults with some keys overridden. */
public final class TestConfigs {
  private TestConfigs() {}

  /** Defaults plus overrides given as alternating key, value (keys without the funnelcast. prefix). */
  public static FunnelcastConfig with(String... keyValues) {
    Properties properties = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.setProperty("funnelcast." + keyValues[i], keyValues[i + 1]);
    }
    return ConfigLoader.load(Optional.empty(), properties);
  }
}
