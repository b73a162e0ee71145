package io.funnelcast.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Loads the configuration: layers -D system properties over CONFIG_FORCE_ environment overrides over the --conf
 * file over reference.conf, rejects unknown keys, and binds the result into records, each section through its
 * binder ({@link SourceBinder}, {@link StageModelLoader}, {@link ConversionBinder}, {@link ForecastBinder}) and
 * {@link ConfigSection}. Typesafe Config is used only in this package.
 * Every failure is a {@link ConfigError} whose one-line message names the key, the value and its origin.
 */
public final class ConfigLoader {

  static final String ROOT = "funnelcast";
  /** Subtrees whose keys are free-form (any Spark setting), so they are not checked against reference.conf. */
  private static final List<String> OPEN_SUBTREES = List.of("funnelcast.spark.conf");

  private ConfigLoader() {}

  /** Loads reference.conf, the optional file, and the given system properties (pass System.getProperties()). */
  public static FunnelcastConfig load(Optional<Path> confFile, Properties systemProperties) {
    Config reference = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf");
    Config file = confFile.map(ConfigLoader::parseFile).orElse(ConfigFactory.empty());
    Config overrides = ConfigFactory.parseProperties(onlyFunnelcast(systemProperties),
        ConfigParseOptions.defaults().setOriginDescription("-D system property"));
    Config merged;
    try {
      merged = overrides
          .withFallback(ConfigFactory.systemEnvironmentOverrides())
          .withFallback(file)
          .withFallback(reference)
          .resolve();
    } catch (ConfigException e) {
      throw new ConfigError(e.getMessage(), e);
    }
    rejectUnknownKeys(merged, reference);
    try {
      return bind(merged);
    } catch (ConfigException e) {
      throw new ConfigError(e.getMessage(), e);
    }
  }

  private static Config parseFile(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new ConfigError("--conf file not found: " + path);
    }
    try {
      return ConfigFactory.parseFile(path.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new ConfigError(e.getMessage(), e);
    }
  }

  private static Properties onlyFunnelcast(Properties all) {
    Properties ours = new Properties();
    all.stringPropertyNames().stream()
        .filter(name -> name.startsWith(ROOT + "."))
        .forEach(name -> ours.setProperty(name, all.getProperty(name)));
    return ours;
  }

  private static void rejectUnknownKeys(Config merged, Config reference) {
    for (Map.Entry<String, ConfigValue> entry : merged.withOnlyPath(ROOT).entrySet()) {
      String path = entry.getKey();
      boolean open = OPEN_SUBTREES.stream().anyMatch(prefix -> path.startsWith(prefix + "."));
      if (!open && !reference.hasPathOrNull(path) && !insideList(reference, path)) {
        throw new ConfigError(path + ": unknown key (" + entry.getValue().origin().description()
            + "); see reference.conf for the keys there are");
      }
    }
  }

  /** -Dfunnelcast.lifecycle.segments.0=... sets a list element; lists are checked when they are bound. */
  private static boolean insideList(Config reference, String path) {
    List<String> parts = ConfigUtil.splitPath(path);
    for (int n = parts.size() - 1; n > 0; n--) {
      String prefix = ConfigUtil.joinPath(parts.subList(0, n));
      if (reference.hasPath(prefix)) {
        return reference.getValue(prefix).valueType() == ConfigValueType.LIST;
      }
    }
    return false;
  }

  private static FunnelcastConfig bind(Config merged) {
    ConfigSection root = new ConfigSection(merged, ROOT);
    String database = root.string("database");
    if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw root.invalid("database", database, "letters, digits and _ only, not starting with a digit");
    }
    String warehouse = root.nonBlank("warehouse");
    Metastore metastore = root.enumValue("metastore", Metastore.class);
    if (metastore == Metastore.EMBEDDED && warehouse.matches("^[A-Za-z][A-Za-z0-9+.-]+:/.*")
        && !warehouse.startsWith("file:")) {
      throw root.invalid("metastore", "embedded", "the embedded metastore needs a local warehouse, and "
          + warehouse + " is not; use hive or session");
    }
    LifecycleConfig lifecycle = lifecycle(root.section("lifecycle"));
    ConversionConfig conversion = ConversionBinder.conversion(root.section("conversion"), lifecycle.model());
    return new FunnelcastConfig(warehouse, database, metastore, root.zone("business-time-zone"),
        root.enumValue("week-start", DayOfWeek.class), SourceBinder.source(root.section("source")), lifecycle,
        conversion, ForecastBinder.forecast(root.section("forecast"), conversion),
        report(root.section("report"), warehouse), spark(root.section("spark")), hashes(merged.getConfig(ROOT)));
  }

  private static LifecycleConfig lifecycle(ConfigSection s) {
    StageModel model = StageModelLoader.load(s.config().getConfig(s.prefix()), s.prefix());
    ConfigSection a = s.section("activity");
    ActivityConfig activity;
    try {
      activity = new ActivityConfig(a.nonNegativeDuration("new-for"), a.nonNegativeDuration("dormant-after"),
          a.nonNegativeDuration("churned-after"), a.config().getStringList(a.path("churn-events")));
    } catch (IllegalArgumentException e) {
      throw a.invalid("dormant-after", a.value("dormant-after").render(), e.getMessage());
    }
    List<Segment> segments = s.config().getStringList(s.path("segments")).stream().map(Segment::of).toList();
    return new LifecycleConfig(model, activity, segments);
  }

  private static ReportConfig report(ConfigSection s, String warehouse) {
    String dir = s.string("dir");
    return new ReportConfig(dir.isBlank() ? warehouse.replaceAll("/+$", "") + "/reports" : dir,
        s.config().getBoolean(s.path("after-run")), s.intAtLeast("max-segment-values", 1));
  }

  private static SparkConfig spark(ConfigSection s) {
    Map<String, String> settings = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> entry : s.config().getConfig(s.path("conf")).entrySet()) {
      String key = String.join(".", ConfigUtil.splitPath(entry.getKey()));
      settings.put(key, String.valueOf(entry.getValue().unwrapped()));
    }
    return new SparkConfig(s.string("master"), s.nonBlank("app-name"), settings, s.bytes("interpret-below"));
  }

  private static ConfigHashes hashes(Config c) {
    // Sorted leaf paths make the hashes independent of key order and formatting in the files.
    return ConfigHashes.of(new TreeMap<>(c.entrySet().stream().collect(Collectors.toMap(
        Map.Entry::getKey, entry -> entry.getValue().render()))));
  }
}
