package io.funnelcast.cli;

import io.funnelcast.config.ConfigLoader;
import io.funnelcast.config.FunnelcastConfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The --conf option every command that reads the configuration takes, and the loading it implies. */
public final class ConfigOption {
  @Option(names = "--conf", paramLabel = "FILE",
      description = "HOCON file overlaid on the built-in defaults; -Dfunnelcast.… properties override both.")
  Path conf;

  /** The validated configuration: -D system properties over the file over the defaults. */
  FunnelcastConfig load() {
    return ConfigLoader.load(Optional.ofNullable(conf), System.getProperties());
  }
}
