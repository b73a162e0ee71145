package io.funnelcast.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reads keys under one prefix of the merged config, so every error names the key's full path. */
record ConfigSection(Config config, String prefix) {

  /** Element i of the list at key, readable as key {@code String.valueOf(i)} of the returned section. */
  ConfigSection element(String key, int i) {
    return new ConfigSection(config.getList(path(key)).get(i).atPath(path(key) + "." + i), path(key));
  }

  ConfigSection section(String key) {
    return new ConfigSection(config, path(key));
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

  /** Rejects a key of {@code given} (an object under this prefix) that is not {@code allowed}; {@code what} says what is. */
  void onlyKeys(Config given, List<String> allowed, String what) {
    for (String key : given.root().keySet()) {
      if (!allowed.contains(key)) {
        throw invalid(key, value(key).render(), "unknown key; " + what);
      }
    }
  }
}
