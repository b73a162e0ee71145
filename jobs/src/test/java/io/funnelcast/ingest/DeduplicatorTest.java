package io.funnelcast.ingest;

import static io.funnelcast.testing.Frames.assertSameRows;
import static io.funnelcast.testing.Frames.rows;

import io.funnelcast.testing.SparkExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class DeduplicatorTest {
  static final LocalDate D = LocalDate.of(2026, 11, 3);
  static final StructType BATCH = new StructType()
      .add("event_id", DataTypes.StringType)
      .add("user_id", DataTypes.StringType)
      .add("event_type", DataTypes.StringType)
      .add("event_time", DataTypes.TimestampType)
      .add("properties", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
      .add("event_date", DataTypes.DateType)
      .add("source_file", DataTypes.StringType)
      .add("raw_record", DataTypes.StringType)
      .add("run_date", DataTypes.DateType);
  static final StructType KEYS = new StructType()
      .add("event_date", DataTypes.DateType)
      .add("event_id", DataTypes.StringType);
  static final Instant T = Instant.parse("2026-11-03T10:00:00Z");

  static Object[] row(String id, Instant time, String file) {
    return row(id, time, file, D);
  }

  static Object[] row(String id, Instant time, String file, LocalDate runDate) {
    return new Object[] {id, "u1", "x", time, Map.of(), id == null ? null : D, file, id == null ? "{bad" : null,
        runDate};
  }

  static Object[] flagged(Object[] row, boolean duplicate) {
    Object[] out = java.util.Arrays.copyOf(row, row.length + 1);
    out[row.length] = duplicate;
    return out;
  }

  @Test
  void laterCopiesInTheBatchAndIdsStoredByOtherRunsAreDuplicates() {
    Dataset<Row> batch = rows(BATCH,
        row("a", T, "f2"), row("a", T, "f1"), row("a", T.plusSeconds(1), "f0"),
        row("b", T, "f1"),
        row("c", T, "f1"),
        row("d", T, "f0", D.plusDays(1)), row("d", T, "f9", D),
        row(null, null, "f1"), row(null, null, "f1"));
    Dataset<Row> stored = rows(KEYS, new Object[] {D, "c"}, new Object[] {D.minusDays(1), "b"});
    assertSameRows(rows(BATCH.add("is_duplicate", DataTypes.BooleanType, false),
            // The earliest copy wins; ties go to the first source file, so reruns keep the same copy.
            flagged(row("a", T, "f1"), false), flagged(row("a", T, "f2"), true),
            flagged(row("a", T.plusSeconds(1), "f0"), true),
            // b is stored for another day only: not a duplicate.
            flagged(row("b", T, "f1"), false),
            flagged(row("c", T, "f1"), true),
            // A batch of many run dates (a backfill) keeps the earliest run date's copy, as day by day would.
            flagged(row("d", T, "f9", D), false), flagged(row("d", T, "f0", D.plusDays(1)), true),
            // Rejected records (no id) are never duplicates.
            flagged(row(null, null, "f1"), false), flagged(row(null, null, "f1"), false)),
        Deduplicator.withDuplicateFlag(batch, stored));
  }
}
