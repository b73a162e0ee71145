package io.funnelcast.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;

/**
 * Binds the stage ladder: a preset shipped in the jar (from conf/stages/) or inline stages. Checks every
 * key of every stage, the references between stages, and that each predicate parses as Spark SQL.
 */
final class StageModelLoader {
  /** The presets in conf/stages/, each shipped as stages/&lt;name&gt;.conf in the jar. */
  static final List<String> PRESETS = List.of("five-level", "freemium", "ecommerce", "b2b");

  private static final Set<String> STAGE_KEYS = Set.of("name", "enter", "exit", "skippable");
  private static final Set<String> ENTER_KEYS =
      Set.of("events", "where", "min-count", "count", "within", "after-stage", "delay");
  private static final Set<String> EXIT_KEYS = Set.of("events", "where", "to");

  private StageModelLoader() {}

  /** @param path the full path of the lifecycle section, for messages */
  static StageModel load(Config lifecycle, String path) {
    List<? extends ConfigObject> inline = lifecycle.getObjectList("stages");
    if (!inline.isEmpty()) {
      return bind("inline", inline, path + ".stages");
    }
    String preset = lifecycle.getString("model");
    if (!PRESETS.contains(preset)) {
      throw new ConfigError(path + ".model: '" + preset + "' is invalid: no such preset; presets are "
          + String.join(", ", PRESETS) + ", or define stages inline ("
          + lifecycle.getValue("model").origin().description() + ")");
    }
    Config file = ConfigFactory.parseResources(StageModelLoader.class.getClassLoader(), "stages/" + preset + ".conf");
    if (!file.hasPath("stages")) {
      throw new IllegalStateException("preset " + preset + " is missing from the jar (stages/" + preset + ".conf)");
    }
    return bind(preset, file.getObjectList("stages"), "preset " + preset);
  }

  private static StageModel bind(String name, List<? extends ConfigObject> stages, String where) {
    List<StageDefinition> definitions = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      definitions.add(stage(stages.get(i), where + "[" + i + "]"));
    }
    try {
      return new StageModel(name, definitions);
    } catch (IllegalArgumentException e) {
      throw new ConfigError(where + ": " + e.getMessage());
    }
  }

  private static StageDefinition stage(ConfigObject object, String where) {
    checkKeys(object, STAGE_KEYS, where);
    Config stage = object.toConfig();
    try {
      String name = stage.getString("name");
      if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
        throw new ConfigError(where + ".name: '" + name + "' is invalid: letters, digits and _ only ("
            + origin(stage, "name") + ")");
      }
      String at = where + " (" + name + ")";
      checkKeys(stage.getObject("enter"), ENTER_KEYS, at + ".enter");
      Config enter = stage.getConfig("enter");
      Objective objective;
      try {
        objective = new Objective(enter.getStringList("events"), predicate(enter, at + ".enter"),
            enter.hasPath("min-count") ? enter.getInt("min-count") : 1,
            enter.hasPath("within") ? Optional.of(enter.getDuration("within")) : Optional.empty(),
            countMode(enter, at),
            enter.hasPath("after-stage") ? Optional.of(enter.getString("after-stage")) : Optional.empty(),
            enter.hasPath("delay") ? enter.getDuration("delay") : Duration.ZERO);
      } catch (IllegalArgumentException e) {
        throw new ConfigError(at + ".enter: " + e.getMessage() + " (" + origin(stage, "enter") + ")");
      }
      Optional<ExitRule> exit = Optional.empty();
      if (stage.hasPath("exit")) {
        checkKeys(stage.getObject("exit"), EXIT_KEYS, at + ".exit");
        Config rule = stage.getConfig("exit");
        try {
          exit = Optional.of(new ExitRule(rule.getStringList("events"), predicate(rule, at + ".exit"),
              rule.getString("to")));
        } catch (IllegalArgumentException e) {
          throw new ConfigError(at + ".exit: " + e.getMessage() + " (" + origin(stage, "exit") + ")");
        }
      }
      boolean skippable = !stage.hasPath("skippable") || stage.getBoolean("skippable");
      return new StageDefinition(name, objective, exit, skippable);
    } catch (ConfigException e) {
      throw new ConfigError(where + ": " + e.getMessage(), e);
    }
  }

  private static Objective.CountMode countMode(Config enter, String at) {
    String value = enter.hasPath("count") ? enter.getString("count") : "events";
    switch (value.toLowerCase(Locale.ROOT)) {
      case "events": return Objective.CountMode.EVENTS;
      case "active-days": return Objective.CountMode.ACTIVE_DAYS;
      default:
        throw new ConfigError(at + ".enter.count: '" + value + "' is invalid: expected events or active-days ("
            + origin(enter, "count") + ")");
    }
  }

  /** Parsed now so a typo fails at start-up; columns are checked against events when the job starts. */
  private static Optional<String> predicate(Config c, String at) {
    if (!c.hasPath("where")) {
      return Optional.empty();
    }
    String sql = c.getString("where");
    try {
      CatalystSqlParser$.MODULE$.parseExpression(sql);
    } catch (Exception e) { // ParseException is checked in Java's eyes but thrown undeclared
      String reason = e.getMessage() == null ? e.toString()
          : e.getMessage().lines().filter(line -> !line.isBlank()).findFirst().orElse("");
      throw new ConfigError(at + ".where: '" + sql + "' is not a Spark SQL predicate: " + reason
          + " (" + origin(c, "where") + ")");
    }
    return Optional.of(sql);
  }

  private static void checkKeys(ConfigObject object, Set<String> allowed, String where) {
    for (String key : object.keySet()) {
      if (!allowed.contains(key)) {
        ConfigValue value = object.get(key);
        throw new ConfigError(where + "." + key + ": unknown key (" + value.origin().description()
            + "); allowed: " + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }

  private static String origin(Config c, String key) {
    return c.getValue(key).origin().description();
  }
}
