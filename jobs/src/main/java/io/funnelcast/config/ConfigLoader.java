package io.funnelcast.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The only user of Typesafe Config. Layers -D system properties over CONFIG_FORCE_ environment overrides
 * over the --conf file over reference.conf, rejects unknown keys, and binds the result into records.
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
    Section root = new Section(merged, ROOT);
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
    ConversionConfig conversion = conversion(root.section("conversion"), lifecycle.model());
    return new FunnelcastConfig(warehouse, database, metastore, root.zone("business-time-zone"),
        root.enumValue("week-start", DayOfWeek.class), source(root.section("source")), lifecycle,
        conversion, forecast(root.section("forecast"), conversion), report(root.section("report"), warehouse),
        spark(root.section("spark")),
        hashes(merged.getConfig(ROOT)));
  }

  private static ForecastConfig forecast(Section s, ConversionConfig conversion) {
    List<ForecastTarget> targets = new ArrayList<>();
    List<? extends Config> listed = s.config.getConfigList(s.path("targets"));
    for (int i = 0; i < listed.size(); i++) {
      Section target = s.element("targets", i).section(String.valueOf(i));
      onlyKeys(target, listed.get(i), List.of("from", "to", "revenue"), "a target has from, to and revenue");
      String from = target.nonBlank("from");
      String to = target.nonBlank("to");
      StagePair pair = conversion.pairs().stream()
          .filter(p -> p.from().equals(from) && p.to().equals(to))
          .findFirst()
          .orElseThrow(() -> target.invalid("to", to, from + " -> " + to + " is not a measured pair (measured: "
              + conversion.pairs().stream().map(StagePair::label).toList()
              + "); add it to funnelcast.conversion.extra-pairs"));
      if (targets.stream().anyMatch(t -> t.pair().equals(pair))) {
        throw target.invalid("to", to, pair.label() + " is listed twice");
      }
      Optional<Revenue> revenue = target.config.hasPath(target.path("revenue"))
          ? Optional.of(revenue(target, target.config.getConfig(target.path("revenue"))))
          : Optional.empty();
      targets.add(new ForecastTarget(pair, revenue));
    }
    if (targets.isEmpty()) {
      conversion.pairs().forEach(pair -> targets.add(new ForecastTarget(pair, Optional.empty())));
    }
    Duration curveHistory = s.positiveDuration("curve-history");
    Duration longestWindow = targets.stream().map(t -> t.pair().window()).max(Duration::compareTo)
        .orElse(Duration.ZERO);
    if (curveHistory.compareTo(longestWindow) < 0) {
      throw s.invalid("curve-history", s.value("curve-history").render(), "must be at least the longest window of"
          + " the targets (" + longestWindow.toDays() + " days), or the end of the curve is never seen");
    }
    return new ForecastConfig(targets, s.intAtLeast("weeks", 1), s.intAtLeast("months", 1),
        s.intAtLeast("simulations", 100), s.config.getLong(s.path("seed")), curveHistory,
        s.positiveDuration("inflow-history"), s.positiveDuration("inflow-half-life"), s.intAtLeast("min-conversions", 1),
        s.nonNegativeDouble("segment-prior-entrants"));
  }

  private static Revenue revenue(Section target, Config given) {
    Section s = target.section("revenue");
    onlyKeys(s, given, List.of("amount", "currency", "property", "currency-property"),
        "revenue has amount and currency, or property with currency-property or currency");
    boolean hasAmount = given.hasPath("amount");
    boolean hasProperty = given.hasPath("property");
    if (hasAmount == hasProperty) {
      throw target.invalid("revenue", given.root().render(ConfigRenderOptions.concise()),
          "give either amount (a fixed amount per conversion) or property (the converting event's value)");
    }
    Optional<String> currency = given.hasPath("currency") ? Optional.of(s.nonBlank("currency")) : Optional.empty();
    if (hasAmount) {
      double amount = s.config.getDouble(s.path("amount"));
      if (!(amount >= 0) || Double.isInfinite(amount)) {
        throw s.invalid("amount", s.value("amount").render(), "must be a number of at least 0");
      }
      if (given.hasPath("currency-property")) {
        throw s.invalid("currency-property", s.value("currency-property").render(),
            "a fixed amount takes currency, not currency-property");
      }
      return new Revenue.Fixed(amount, currency.orElseThrow(() -> s.invalid("amount", s.value("amount").render(),
          "a fixed amount needs its currency (currency = EUR)")));
    }
    Optional<String> currencyValue = given.hasPath("currency-property")
        ? Optional.of(s.nonBlank("currency-property")) : Optional.empty();
    if (currencyValue.isPresent() == currency.isPresent()) {
      throw s.invalid("property", s.value("property").render(),
          "give the currency: currency-property (read from the event) or currency (one for all)");
    }
    return new Revenue.FromEvent(s.nonBlank("property"), currencyValue, currency);
  }

  private static void onlyKeys(Section s, Config given, List<String> allowed, String what) {
    for (String key : given.root().keySet()) {
      if (!allowed.contains(key)) {
        throw s.invalid(key, s.value(key).render(), "unknown key; " + what);
      }
    }
  }

  private static ConversionConfig conversion(Section s, StageModel model) {
    Duration window = s.positiveDuration("window");
    Map<String, StagePair> pairs = new LinkedHashMap<>();
    String pairsMode = s.string("pairs");
    if (pairsMode.equals("adjacent")) {
      for (int i = 0; i + 1 < model.size(); i++) {
        StagePair pair = new StagePair(model.stage(i).name(), i, model.stage(i + 1).name(), i + 1, window);
        pairs.put(pair.label(), pair);
      }
    } else if (!pairsMode.equals("none")) {
      throw s.invalid("pairs", pairsMode, "expected adjacent (adjacent stages plus extra-pairs) or none (extra-pairs only)");
    }
    List<? extends Config> extras = s.config.getConfigList(s.path("extra-pairs"));
    for (int i = 0; i < extras.size(); i++) {
      Section extra = s.element("extra-pairs", i).section(String.valueOf(i));
      String from = extra.nonBlank("from");
      String to = extra.nonBlank("to");
      int fromIndex = stageIndex(extra, "from", from, model);
      int toIndex = stageIndex(extra, "to", to, model);
      Duration pairWindow = extra.config.hasPath(extra.path("window")) ? extra.positiveDuration("window") : window;
      try {
        StagePair pair = new StagePair(from, fromIndex, to, toIndex, pairWindow);
        // A listed pair that is also adjacent replaces it, so its window applies.
        pairs.put(pair.label(), pair);
      } catch (IllegalArgumentException e) {
        throw extra.invalid("to", to, e.getMessage());
      }
      onlyKeys(extra, extras.get(i), List.of("from", "to", "window"), "a pair has from, to and window");
    }
    // A one-stage ladder has no adjacent pair, which is fine; asking for none and listing none is a mistake.
    if (pairs.isEmpty() && pairsMode.equals("none")) {
      throw s.invalid("pairs", pairsMode, "no pair to measure: list extra-pairs, or use adjacent");
    }
    List<CohortGrain> grains = new ArrayList<>();
    for (int i = 0; i < s.config.getStringList(s.path("cohort-grains")).size(); i++) {
      CohortGrain grain = s.element("cohort-grains", i).enumValue(String.valueOf(i), CohortGrain.class);
      if (!grains.contains(grain)) {
        grains.add(grain);
      }
    }
    if (grains.isEmpty()) {
      throw s.invalid("cohort-grains", "[]", "list at least one of day, week, month");
    }
    List<Duration> within = new ArrayList<>();
    for (int i = 0; i < s.config.getList(s.path("within")).size(); i++) {
      within.add(s.element("within", i).positiveDuration(String.valueOf(i)));
    }
    within = within.stream().distinct().sorted().toList();
    List<Integer> given = s.config.getIntList(s.path("curve-days"));
    List<Integer> curveDays = given.stream().distinct().sorted().toList();
    if (curveDays.isEmpty() || curveDays.get(0) < 1) {
      throw s.invalid("curve-days", given.toString(), "list whole days of at least 1");
    }
    return new ConversionConfig(List.copyOf(pairs.values()), grains, within, curveDays);
  }

  private static int stageIndex(Section s, String key, String stage, StageModel model) {
    int index = model.stageNames().indexOf(stage);
    if (index < 0) {
      throw s.invalid(key, stage, "not a stage of the model; stages are " + model.stageNames());
    }
    return index;
  }

  private static LifecycleConfig lifecycle(Section s) {
    StageModel model = StageModelLoader.load(s.config.getConfig(s.prefix), s.prefix);
    Section a = s.section("activity");
    ActivityConfig activity;
    try {
      activity = new ActivityConfig(a.nonNegativeDuration("new-for"), a.nonNegativeDuration("dormant-after"),
          a.nonNegativeDuration("churned-after"), a.config.getStringList(a.path("churn-events")));
    } catch (IllegalArgumentException e) {
      throw a.invalid("dormant-after", a.value("dormant-after").render(), e.getMessage());
    }
    List<Segment> segments = s.config.getStringList(s.path("segments")).stream().map(Segment::of).toList();
    return new LifecycleConfig(model, activity, segments);
  }

  private static SourceConfig source(Section s) {
    String path = s.nonBlank("path");
    if (!path.contains(SourceConfig.DATE_PLACEHOLDER)) {
      throw s.invalid("path", path, "must contain {date}, which becomes the run date");
    }
    Section f = s.section("fields");
    FieldMapping fields = new FieldMapping(f.nonBlank("event-id"), f.nonBlank("user-id"),
        f.nonBlank("event-type"), f.nonBlank("event-time"));
    String timeFormat = s.nonBlank("event-time-format");
    EventTimeFormat eventTimeFormat;
    try {
      eventTimeFormat = EventTimeFormat.parse(timeFormat);
    } catch (IllegalArgumentException e) {
      throw s.invalid("event-time-format", timeFormat,
          "not iso, epoch-millis, epoch-seconds nor a valid java.time pattern: " + e.getMessage());
    }
    return new SourceConfig(s.enumValue("format", SourceFormat.class), path, fields, eventTimeFormat,
        properties(s), s.nonNegativeDuration("max-future-skew"), s.nonNegativeDuration("max-lateness"),
        s.nonBlank("csv-delimiter"), s.enumValue("missing-day", MissingDay.class));
  }

  private static PropertiesMapping properties(Section s) {
    ConfigValue value = s.value("properties");
    if (value.valueType() == ConfigValueType.STRING) {
      return PropertiesMapping.objectField(s.nonBlank("properties"));
    }
    if (value.valueType() == ConfigValueType.LIST) {
      List<String> fields = s.config.getStringList(s.path("properties"));
      if (fields.isEmpty()) {
        throw s.invalid("properties", "[]", "name an object field, or list at least one field (or \"*\")");
      }
      return PropertiesMapping.packed(fields);
    }
    throw s.invalid("properties", value.render(), "expected a field name or a list of field names");
  }

  private static ReportConfig report(Section s, String warehouse) {
    String dir = s.string("dir");
    return new ReportConfig(dir.isBlank() ? warehouse.replaceAll("/+$", "") + "/reports" : dir,
        s.config.getBoolean(s.path("after-run")), s.intAtLeast("max-segment-values", 1));
  }

  private static SparkConfig spark(Section s) {
    Map<String, String> settings = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> entry : s.config.getConfig(s.path("conf")).entrySet()) {
      String key = String.join(".", ConfigUtil.splitPath(entry.getKey()));
      settings.put(key, String.valueOf(entry.getValue().unwrapped()));
    }
    return new SparkConfig(s.string("master"), s.nonBlank("app-name"), settings, s.bytes("interpret-below"));
  }

  /** Reads keys under one prefix of the merged config, so every error names the key's full path. */
  private record Section(Config config, String prefix) {

    /** Element i of the list at key, readable as key {@code String.valueOf(i)} of the returned section. */
    Section element(String key, int i) {
      return new Section(config.getList(path(key)).get(i).atPath(path(key) + "." + i), path(key));
    }

    Section section(String key) {
      return new Section(config, path(key));
    }

    String path(String key) {
      return prefix + "." + key;
    }

    ConfigValue value(String key) {
      return config.getValue(path(key));
    }

    String string(String key) {
      return config.getString(path(key));
    }

    String nonBlank(String key) {
      String value = string(key);
      if (value.isBlank()) {
        throw invalid(key, value, "must not be blank");
      }
      return value;
    }

    Duration positiveDuration(String key) {
      Duration value = config.getDuration(path(key));
      if (value.isNegative() || value.isZero()) {
        throw invalid(key, value(key).render(), "must be longer than zero");
      }
      return value;
    }

    int intAtLeast(String key, int minimum) {
      int value = config.getInt(path(key));
      if (value < minimum) {
        throw invalid(key, value(key).render(), "must be at least " + minimum);
      }
      return value;
    }

    double nonNegativeDouble(String key) {
      double value = config.getDouble(path(key));
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw invalid(key, value(key).render(), "must be a number of at least 0");
      }
      return value;
    }

    /** A size such as 32 MB (Typesafe Config rejects a negative one, naming the key). */
    long bytes(String key) {
      return config.getBytes(path(key));
    }

    Duration nonNegativeDuration(String key) {
      Duration value = config.getDuration(path(key));
      if (value.isNegative()) {
        throw invalid(key, value(key).render(), "must not be negative");
      }
      return value;
    }

    ZoneId zone(String key) {
      String value = string(key);
      try {
        return ZoneId.of(value);
      } catch (DateTimeException e) {
        throw invalid(key, value, "not a time zone id such as UTC or Europe/Berlin");
      }
    }

    <E extends Enum<E>> E enumValue(String key, Class<E> type) {
      String value = string(key);
      String normalised = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
      try {
        return Enum.valueOf(type, normalised);
      } catch (IllegalArgumentException e) {
        String allowed = Arrays.stream(type.getEnumConstants())
            .map(constant -> constant.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));
        throw invalid(key, value, "expected one of " + allowed);
      }
    }

    ConfigError invalid(String key, String value, String why) {
      return new ConfigError(path(key) + ": '" + value + "' is invalid: " + why
          + " (" + value(key).origin().description() + ")");
    }
  }

  private static ConfigHashes hashes(Config c) {
    // Sorted leaf paths make the hashes independent of key order and formatting in the files.
    return ConfigHashes.of(new TreeMap<>(c.entrySet().stream().collect(Collectors.toMap(
        Map.Entry::getKey, entry -> entry.getValue().render()))));
  }

}
