package io.funnelcast.ingest;

import static io.funnelcast.ingest.IngestJobTest.event;
import static io.funnelcast.testing.Frames.assertSameRows;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelcast.run.JobFailedException;
import io.funnelcast.tables.EventsQuarantineTable;
import io.funnelcast.tables.EventsTable;
import io.funnelcast.tables.PipelineRunsTable;
import io.funnelcast.testing.PipelineHarness;
import io.funnelcast.testing.SparkExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Days whose input is wrong in the ways real deliveries are: each ends with nothing lost and a clear record. */
@ExtendWith(SparkExtension.class)
class IngestFaultsTest {
  static final LocalDate D = LocalDate.of(2026, 11, 3);

  @TempDir
  Path temp;

  PipelineHarness harness() {
    return new PipelineHarness(temp.resolve("raw"), temp.resolve("warehouse"));
  }

  Path day(LocalDate date) throws IOException {
    return Files.createDirectories(temp.resolve("raw").resolve("date=" + date));
  }

  @Test
  void anEmptyFolderIsADayWithNoEventsAndReplacesWhatTheDateHad() throws IOException {
    PipelineHarness harness = harness();
    harness.writeRaw(D, "events.jsonl", List.of(event("e1", "u1", "signup", "2026-11-03T10:00:00Z")));
    harness.ingest(D);
    Files.delete(day(D).resolve("events.jsonl"));

    assertThat(harness.ingest(D)).isEqualTo(new IngestResult(D, 0, 0, 0, 0, 0));
    assertThat(harness.tables().read(EventsTable.SPEC).count()).isZero();
  }

  @Test
  void aNewUnknownFieldIsIgnoredAndAllBadLinesAreAllQuarantined() throws IOException {
    PipelineHarness harness = harness();
    harness.writeRaw(D, "events.jsonl", List.of(
        "{\"event_id\":\"e1\",\"user_id\":\"u1\",\"event_type\":\"signup\",\"event_time\":\"2026-11-03T10:00:00Z\","
            + "\"device\":{\"os\":\"ios\"},\"properties\":{\"plan\":\"free\"}}"));
    assertThat(harness.ingest(D)).isEqualTo(new IngestResult(D, 1, 1, 0, 0, 0));
    assertThat(harness.tables().read(EventsTable.SPEC).first().<scala.collection.Map<String, String>>getAs("properties")
        .keySet().toList()).as("only the mapped properties").hasToString("List(plan)");

    LocalDate allBad = D.plusDays(1);
    harness.writeRaw(allBad, "events.jsonl", List.of("{broken", "[1,2]", "{\"user_id\":\"u1\"}"));
    assertThat(harness.ingest(allBad)).isEqualTo(new IngestResult(allBad, 3, 0, 0, 3, 0));
    assertThat(harness.tables().read(EventsQuarantineTable.SPEC).select("reason").as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList()).containsExactlyInAnyOrder("malformed_record", "malformed_record", "missing_event_type");
  }

  @Test
  void aFileThatIsNotUtf8IsQuarantinedLineByLine() throws IOException {
    PipelineHarness harness = harness();
    String good = event("e1", "u1", "signup", "2026-11-03T10:00:00Z");
    String latin1 = event("e2", "Jos\u00e9", "signup", "2026-11-03T11:00:00Z");
    Files.write(day(D).resolve("export.jsonl"), (good + "\n" + latin1 + "\n").getBytes(StandardCharsets.ISO_8859_1));

    assertThat(harness.ingest(D)).isEqualTo(new IngestResult(D, 2, 1, 0, 1, 0));
    Row rejected = harness.tables().read(EventsQuarantineTable.SPEC).first();
    assertThat(rejected.<String>getAs("reason")).isEqualTo("invalid_encoding");
    assertThat(rejected.<String>getAs("reason_detail")).isEqualTo(
        "not UTF-8: the byte sequence at character 32 and any after it are stored as U+FFFD");
  }

  @Test
  void aTruncatedGzipFileFailsTheRunNamingTheFileAndWritesNothing() throws IOException {
    PipelineHarness harness = harness();
    harness.writeRaw(D, "a.jsonl", List.of(event("e1", "u1", "signup", "2026-11-03T10:00:00Z")));
    harness.ingest(D);
    Dataset<Row> before = harness.snapshot(EventsTable.SPEC);
    ByteArrayOutputStream gzip = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
      for (int i = 0; i < 2000; i++) {
        out.write((event("z" + i, "u" + i, "page_view", "2026-11-03T12:00:00Z") + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] whole = gzip.toByteArray();
    Files.write(day(D).resolve("b.jsonl.gz"), Arrays.copyOf(whole, whole.length / 2));

    assertThatThrownBy(() -> harness.ingest(D)).isInstanceOf(JobFailedException.class)
        .hasMessageContaining("b.jsonl.gz");
    assertSameRows(before, harness.tables().read(EventsTable.SPEC));
    assertThat(harness.tables().read(PipelineRunsTable.SPEC).filter(col("status").equalTo("failed"))
        .first().<String>getAs("error_message")).contains("b.jsonl.gz");
  }
}
