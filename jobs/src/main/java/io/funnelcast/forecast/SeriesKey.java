package io.funnelcast.forecast;

import io.funnelcast.tables.LifecycleDailyTable;

/** One forecast series: a stage pair and a segment value ('all', 'all' for every user). */
record SeriesKey(String fromStage, String toStage, String segmentName, String segmentValue) {
  boolean isAll() {
    return LifecycleDailyTable.ALL.equals(segmentName);
  }

  SeriesKey all() {
    return new SeriesKey(fromStage, toStage, LifecycleDailyTable.ALL, LifecycleDailyTable.ALL);
  }

  /** A stable 64-bit hash (FNV-1a) of the key, for per-series random streams. */
  long stableHash() {
    long hash = 0xcbf29ce484222325L;
    for (char ch : (fromStage + '\u0000' + toStage + '\u0000' + segmentName + '\u0000' + segmentValue).toCharArray()) {
      hash ^= ch;
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
