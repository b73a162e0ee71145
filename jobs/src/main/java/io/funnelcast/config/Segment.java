package io.funnelcast.config;

/** A segment dimension: a name and a Spark SQL expression evaluated on a user's first event. */
public record Segment(String name, String expression) {

  /** properties['country'] is named country; any other expression is named by its text. */
  public static Segment of(String expression) {
    String trimmed = expression.trim();
    java.util.regex.Matcher property = java.util.regex.Pattern
        .compile("^properties\\s*\\[\\s*'([^']+)'\\s*\\]$").matcher(trimmed);
    return new Segment(property.matches() ? property.group(1) : trimmed, trimmed);
  }
}
