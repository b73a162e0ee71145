package io.funnelcast.ingest;

import static io.funnelcast.testing.Frames.assertSameRows;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelcast.run.JobFailedException;
import io.funnelcast.run.Version;
import io.funnelcast.tables.EventsQuarantineTable;
import io.funnelcast.tables.EventsTable;
import io.funnelcast.tables.PipelineRunsTable;
import io.funnelcast.testing.PipelineHarness;
import io.funnelcast.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class IngestJobTest {
  static final LocalDate D = LocalDate.of(2026, 11, 3);

  @TempDir
  Path temp;

  PipelineHarness samples() {
    return new PipelineHarness(PipelineHarness.dataSamples(), temp.resolve("warehouse"));
  }

  PipelineHarness crafted() {
    return new PipelineHarness(temp.resolve("raw"), temp.resolve("warehouse"));
  }

  static String event(String id, String user, String type, String time) {
    return "{\"event_id\":\"" + id + "\",\"user_id\":\"" + user + "\",\"event_type\":\"" + type
        + "\",\"event_time\":\"" + time + "\",\"properties\":{\"plan\":\"free\"}}";
  }

  static long nonBlankLines(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      long total = 0;
      for (Path file : files.toList()) {
        total += Files.readAllLines(file).stream().filter(line -> !line.isBlank()).count();
      }
      return total;
    }
  }

  static Dataset<Row> forRunDate(PipelineHarness harness, io.funnelcast.tables.TableSpec table, LocalDate day) {
    return harness.tables().read(table).filter(col("run_date").equalTo(lit(day)));
  }

  @Test
  void everyRawRecordOfTheSamplesIsWrittenDroppedAsDuplicateOrQuarantined() throws IOException {
    PipelineHarness harness = samples();
    for (LocalDate day = LocalDate.of(2026, 11, 2); !day.isAfter(LocalDate.of(2026, 11, 5)); day = day.plusDays(1)) {
      IngestResult result = harness.ingest(day);
      assertThat(result.rawRecordsRead()).as("raw records of %s", day)
          .isEqualTo(nonBlankLines(PipelineHarness.dataSamples().resolve("date=" + day)));
      assertThat(forRunDate(harness, EventsTable.SPEC, day).count()).isEqualTo(result.eventsWritten());
      assertThat(forRunDate(harness, EventsQuarantineTable.SPEC, day).count()).isEqualTo(result.quarantined());
      assertThat(result.eventsWritten() + result.duplicatesDropped() + result.quarantined())
          .isEqualTo(result.rawRecordsRead());
      assertThat(result.quarantined()).as("the samples hold bad lines every day").isPositive();
      assertThat(result.duplicatesDropped()).as("and re-delivered lines").isPositive();
    }
    List<Row> runs = harness.tables().read(PipelineRunsTable.SPEC).orderBy("run_date").collectAsList();
    assertThat(runs).hasSize(4).allSatisfy(run -> {
      assertThat(run.<String>getAs("status")).isEqualTo("succeeded");
      assertThat(run.<Long>getAs("rows_read_count")).isEqualTo(run.<Long>getAs("rows_written_count")
          + run.<Long>getAs("duplicates_dropped_count") + run.<Long>getAs("quarantined_count"));
      assertThat(run.<String>getAs("config_hash")).isEqualTo(harness.config().hashes().forJob("ingest"));
      assertThat(run.<String>getAs("version")).isEqualTo(Version.current());
      assertThat(run.<String>getAs("error_message")).isNull();
    });
  }

  @Test
  void aFileWithEveryKindOfBadLineIsAccountedForLineByLine() {
    PipelineHarness harness = crafted();
    String valid = event("e1", "u1", "signup", "2026-11-03T10:00:00Z");
    harness.writeRaw(D, "part-0.jsonl", List.of(
        valid,
        event("e2", "u2", "signup", "2026-11-03T11:00:00+01:00"),
        valid,                                                              // duplicate
        event("late", "u3", "subscribe", "2026-11-01T23:00:00Z"),           // late, kept
        "",                                                                  // blank: not a record
        "{\"event_id\":\"b1\",\"user_id\":\"u1\",",                          // malformed_record
        "{\"event_type\":\"signup\",\"event_time\":\"2026-11-03T10:00:00Z\"}", // missing_user_id
        "{\"user_id\":\"u1\",\"event_time\":\"2026-11-03T10:00:00Z\"}",     // missing_event_type
        "{\"user_id\":\"u1\",\"event_type\":\"signup\"}",                   // missing_event_time
        event("b5", "u1", "signup", "3 Nov 2026"),                          // unparseable_event_time
        "{\"user_id\":\"u1\",\"event_type\":\"x\",\"event_time\":\"2026-11-03T10:00:00Z\",\"properties\":7}",
        event("b7", "u1", "signup", "2026-12-03T10:00:00Z"),                // event_time_in_future
        event("b8", "u1", "signup", "2024-11-03T10:00:00Z")));              // event_time_too_old
    harness.writeRaw(D, "part-1.jsonl", List.of(valid));                      // duplicate across files

    IngestResult result = harness.ingest(D);

    assertThat(result).isEqualTo(new IngestResult(D, 13, 3, 2, 8, 1));
    assertThat(harness.tables().read(EventsTable.SPEC).select("event_id", "event_date").collectAsList()
        .stream().map(Row::toString))
        .containsExactlyInAnyOrder("[e1,2026-11-03]", "[e2,2026-11-03]", "[late,2026-11-01]");
    assertThat(harness.tables().read(EventsQuarantineTable.SPEC).select("reason").collectAsList()
        .stream().map(row -> row.getString(0)))
        .containsExactlyInAnyOrder("malformed_record", "missing_user_id", "missing_event_type",
            "missing_event_time", "unparseable_event_time", "malformed_properties", "event_time_in_future",
            "event_time_too_old");
    Row quarantined = harness.tables().read(EventsQuarantineTable.SPEC)
        .filter(col("reason").equalTo("event_time_in_future")).first();
    assertThat(quarantined.<String>getAs("raw_record")).isEqualTo(event("b7", "u1", "signup", "2026-12-03T10:00:00Z"));
    assertThat(quarantined.<String>getAs("source_file")).endsWith("/date=2026-11-03/part-0.jsonl");
    assertThat(quarantined.<LocalDate>getAs("run_date")).isEqualTo(D);
    String runId = harness.tables().read(PipelineRunsTable.SPEC).first().getAs("run_id");
    assertThat(quarantined.<String>getAs("run_id")).isEqualTo(runId);
  }

  @Test
  void rerunningADateGivesIdenticalTables() {
    PipelineHarness harness = samples();
    harness.ingest(D);
    Dataset<Row> events = harness.snapshot(EventsTable.SPEC);
    Dataset<Row> quarantine = harness.snapshot(EventsQuarantineTable.SPEC).drop("run_id");

    harness.ingest(D);

    assertSameRows(events, harness.tables().read(EventsTable.SPEC));
    assertSameRows(quarantine, harness.tables().read(EventsQuarantineTable.SPEC).drop("run_id"));
    assertThat(harness.tables().read(PipelineRunsTable.SPEC).count()).isEqualTo(2);
  }

  /** D−1's files hold x; D's files hold x again (re-delivered) and a late event for D−1. */
  PipelineHarness overlappingDays() {
    PipelineHarness harness = crafted();
    harness.writeRaw(D.minusDays(1), "a.jsonl", List.of(
        event("x", "u1", "signup", "2026-11-02T09:00:00Z"),
        event("y", "u1", "session_start", "2026-11-02T09:05:00Z")));
    harness.writeRaw(D, "a.jsonl", List.of(
        event("x", "u1", "signup", "2026-11-02T09:00:00Z"),
        event("late", "u2", "signup", "2026-11-02T22:00:00Z"),
        event("z", "u1", "subscribe", "2026-11-03T08:00:00Z")));
    return harness;
  }

  @Test
  void rerunningADateAfterAnEarlierDateChangesNothing() {
    PipelineHarness harness = overlappingDays();
    harness.ingest(D);
    IngestResult earlier = harness.ingest(D.minusDays(1));
    assertThat(earlier.duplicatesDropped()).as("x is already stored by run date D").isEqualTo(1);
    Dataset<Row> afterBoth = harness.snapshot(EventsTable.SPEC);

    IngestResult rerun = harness.ingest(D);

    assertThat(rerun).isEqualTo(new IngestResult(D, 3, 3, 0, 0, 2));
    assertSameRows(afterBoth, harness.tables().read(EventsTable.SPEC));
  }

  @Test
  void theSameEventsAreStoredWhicheverOrderTheDaysRunIn() {
    PipelineHarness forwards = overlappingDays();
    forwards.ingest(D.minusDays(1));
    IngestResult dayD = forwards.ingest(D);
    assertThat(dayD).isEqualTo(new IngestResult(D, 3, 2, 1, 0, 1));

    PipelineHarness backwards = new PipelineHarness(temp.resolve("raw"), temp.resolve("warehouse-2"));
    backwards.ingest(D);
    backwards.ingest(D.minusDays(1));

    // Which run date delivered x differs; the events themselves do not.
    String[] content = {"event_id", "user_id", "event_type", "event_time", "properties", "event_date"};
    assertSameRows(forwards.tables().read(EventsTable.SPEC).select(content[0], content),
        backwards.tables().read(EventsTable.SPEC).select(content[0], content));
  }

  @Test
  void lateEventsLandInTheirOwnDateAndLeaveOtherRowsUntouched() {
    PipelineHarness harness = overlappingDays();
    harness.writeRaw(D.minusDays(2), "a.jsonl", List.of(event("w", "u9", "signup", "2026-11-01T12:00:00Z")));
    harness.ingest(D.minusDays(2));
    harness.ingest(D.minusDays(1));
    Dataset<Row> before = harness.snapshot(EventsTable.SPEC);

    harness.ingest(D);

    Dataset<Row> after = harness.tables().read(EventsTable.SPEC);
    assertSameRows(before, after.filter(col("run_date").notEqual(lit(D))));
    assertThat(after.filter(col("run_date").equalTo(lit(D))).select("event_id", "event_date").collectAsList()
        .stream().map(Row::toString))
        .containsExactlyInAnyOrder("[late,2026-11-02]", "[z,2026-11-03]");
  }

  @Test
  void aFailedRunIsRecordedAndLeavesTheTablesAsTheyWere() {
    PipelineHarness harness = overlappingDays();
    harness.ingest(D);
    Dataset<Row> before = harness.snapshot(EventsTable.SPEC);

    assertThatThrownBy(() -> harness.ingest(D.plusDays(5)))
        .isInstanceOf(JobFailedException.class)
        .hasMessageStartingWith("ingest 2026-11-08 failed: funnelcast.source.path: no raw files at ")
        .hasMessageContaining("/raw/date=2026-11-08 (path does not exist; set funnelcast.source.missing-day = empty");

    assertSameRows(before, harness.tables().read(EventsTable.SPEC));
    Row failed = harness.tables().read(PipelineRunsTable.SPEC).filter(col("status").equalTo("failed")).first();
    assertThat(failed.<LocalDate>getAs("run_date")).isEqualTo(D.plusDays(5));
    assertThat(failed.<String>getAs("error_message")).startsWith("funnelcast.source.path: no raw files at ");
    assertThat(failed.<Long>getAs("rows_read_count")).isNull();
  }

  @Test
  void aRunThatDiesBetweenTablesLeavesEachAtACommittedVersionAndTheRerunCompletesIt() throws IOException {
    PipelineHarness clean = new PipelineHarness(PipelineHarness.dataSamples(), temp.resolve("clean"));
    clean.ingest(D);
    PipelineHarness broken = new PipelineHarness(PipelineHarness.dataSamples(), temp.resolve("broken"));
    // A constraint no event meets makes the run fail after events_quarantine is committed.
    String events = broken.tables().location(EventsTable.SPEC);
    broken.tables().registry().ensureExists(EventsTable.SPEC);
    SparkExtension.spark().sql("ALTER TABLE delta.`" + events + "` ADD CONSTRAINT refuse_all CHECK (event_id = '-')");
    long versions = io.delta.tables.DeltaTable.forPath(SparkExtension.spark(), events).history().count();

    assertThatThrownBy(() -> broken.ingest(D)).isInstanceOf(JobFailedException.class);

    assertThat(io.delta.tables.DeltaTable.forPath(SparkExtension.spark(), events).history().count())
        .as("events still at its last committed version").isEqualTo(versions);
    assertThat(broken.tables().read(EventsTable.SPEC).count()).isZero();
    assertSameRows(clean.tables().read(EventsQuarantineTable.SPEC).drop("run_id"),
        broken.tables().read(EventsQuarantineTable.SPEC).drop("run_id"));
    assertThat(broken.tables().read(PipelineRunsTable.SPEC).first().<String>getAs("status")).isEqualTo("failed");

    SparkExtension.spark().sql("ALTER TABLE delta.`" + events + "` DROP CONSTRAINT refuse_all");
    broken.ingest(D);

    assertSameRows(clean.tables().read(EventsTable.SPEC), broken.tables().read(EventsTable.SPEC));
    assertSameRows(clean.tables().read(EventsQuarantineTable.SPEC).drop("run_id"),
        broken.tables().read(EventsQuarantineTable.SPEC).drop("run_id"));
  }
}
