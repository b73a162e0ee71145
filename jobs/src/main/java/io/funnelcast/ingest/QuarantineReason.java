package io.funnelcast.ingest;

import java.util.Locale;

/** Why a raw record was quarantined; the first that applies, in this order, is the one recorded. */
public enum QuarantineReason {
  /** Bytes that are not UTF-8 (the text reader turns them into U+FFFD); the record would be misread. */
  INVALID_ENCODING,
  /** Not a JSON object, or not a CSV line with the header's fields. */
  MALFORMED_RECORD,
  MISSING_USER_ID,
  MISSING_EVENT_TYPE,
  MISSING_EVENT_TIME,
  /** event_time present but not in the configured format (or, for iso, without a zone). */
  UNPARSEABLE_EVENT_TIME,
  /** The properties field is present but not a JSON object. */
  MALFORMED_PROPERTIES,
  /** event_time after the end of the run date plus max-future-skew. */
  EVENT_TIME_IN_FUTURE,
  /** event_time before the start of the run date minus max-lateness. */
  EVENT_TIME_TOO_OLD;

  /** The code stored in events_quarantine.reason. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
