package io.funnelcast.config;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.List;

/** Binds funnelcast.source: where the raw files are, their format, the field mapping and the event-time bounds. */
final class SourceBinder {

  private SourceBinder() {}

  static SourceConfig source(ConfigSection s) {
    String path = s.nonBlank("path");
    if (!path.contains(SourceConfig.DATE_PLACEHOLDER)) {
      throw s.invalid("path", path, "must contain {date}, which becomes the run date");
    }
    ConfigSection f = s.section("fields");
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

  private static PropertiesMapping properties(ConfigSection s) {
    ConfigValue value = s.value("properties");
    if (value.valueType() == ConfigValueType.STRING) {
      return PropertiesMapping.objectField(s.nonBlank("properties"));
    }
    if (value.valueType() == ConfigValueType.LIST) {
      List<String> fields = s.config().getStringList(s.path("properties"));
      if (fields.isEmpty()) {
        throw s.invalid("properties", "[]", "name an object field, or list at least one field (or \"*\")");
      }
      return PropertiesMapping.packed(fields);
    }
    throw s.invalid("properties", value.render(), "expected a field name or a list of field names");
  }
}
