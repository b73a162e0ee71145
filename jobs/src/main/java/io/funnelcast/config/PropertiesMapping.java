package io.funnelcast.config;

import java.util.List;
import java.util.Optional;

/**
 * Where an event's properties come from: one raw field holding a JSON object, or a list of raw fields
 * packed into the properties map (["*"] packs every field that is not one of the canonical ones).
 */
public record PropertiesMapping(Optional<String> objectField, List<String> packedFields) {

  public static final String ALL_OTHER_FIELDS = "*";

  public PropertiesMapping {
    packedFields = List.copyOf(packedFields);
    if (objectField.isPresent() == !packedFields.isEmpty()) {
      throw new IllegalArgumentException("properties come from one object field or from a list of fields");
    }
  }

  public static PropertiesMapping objectField(String field) {
    return new PropertiesMapping(Optional.of(field), List.of());
  }

  public static PropertiesMapping packed(List<String> fields) {
    return new PropertiesMapping(Optional.empty(), fields);
  }

  public boolean packsAllOtherFields() {
    return packedFields.contains(ALL_OTHER_FIELDS);
  }
}
