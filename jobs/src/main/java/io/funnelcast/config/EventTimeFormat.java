package io.funnelcast.config;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * How the raw event-time field is written: ISO-8601 with zone, epoch millis/seconds, or a java.time pattern.
 *
 * @param kind the parsing rule
 * @param pattern the java.time pattern when kind is PATTERN, else empty
 */
public record EventTimeFormat(Kind kind, Optional<String> pattern) {

  public enum Kind { ISO, EPOCH_MILLIS, EPOCH_SECONDS, PATTERN }

  public EventTimeFormat {
    if ((kind == Kind.PATTERN) != pattern.isPresent()) {
      throw new IllegalArgumentException("a pattern goes with kind PATTERN only");
    }
  }

  /** Reads the config value: iso, epoch-millis, epoch-seconds, or else a java.time pattern. */
  public static EventTimeFormat parse(String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "iso": return new EventTimeFormat(Kind.ISO, Optional.empty());
      case "epoch-millis": return new EventTimeFormat(Kind.EPOCH_MILLIS, Optional.empty());
      case "epoch-seconds": return new EventTimeFormat(Kind.EPOCH_SECONDS, Optional.empty());
      default:
        // Fails here, at start-up, rather than on every row.
        DateTimeFormatter.ofPattern(value);
        return new EventTimeFormat(Kind.PATTERN, Optional.of(value));
    }
  }
}
