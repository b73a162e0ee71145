package io.funnelcast.config;

/** A configuration problem found at start-up; the message is one line naming the key, value and origin. */
public final class ConfigError extends RuntimeException {
  public ConfigError(String message) {
    super(message);
  }

  public ConfigError(String message, Throwable cause) {
    super(message, cause);
  }
}
