package io.funnelcast.config;

import java.util.List;

/** Names of the raw fields that hold each canonical field. */
public record FieldMapping(String eventId, String userId, String eventType, String eventTime) {

  public List<String> all() {
    return List.of(eventId, userId, eventType, eventTime);
  }
}
