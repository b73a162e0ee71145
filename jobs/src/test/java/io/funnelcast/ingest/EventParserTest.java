package io.funnelcast.ingest;

import static io.funnelcast.testing.Frames.assertSameRows;
import static io.funnelcast.testing.Frames.rows;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.funnelcast.config.SourceConfig;
import io.funnelcast.testing.SparkExtension;
import io.funnelcast.testing.TestConfigs;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class EventParserTest {
  static final LocalDate RUN_DATE = LocalDate.of(2026, 11, 3);
  static final StructType RAW = new StructType()
      .add(RawColumns.SOURCE_FILE, DataTypes.StringType)
      .add(RawColumns.RAW_RECORD, DataTypes.StringType);
  static final StructType EXPECTED = new StructType()
      .add("event_id", DataTypes.StringType)
      .add("user_id", DataTypes.StringType)
      .add("event_type", DataTypes.StringType)
      .add("event_time", DataTypes.TimestampType)
      .add("properties", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
      .add("event_date", DataTypes.DateType)
      .add("run_date", DataTypes.DateType);

  static Dataset<Row> classify(SourceConfig source, String... lines) {
    Object[][] values = Arrays.stream(lines).map(line -> new Object[] {"f.jsonl", line}).toArray(Object[][]::new);
    return EventParser.classify(FieldMapper.decodeJson(rows(RAW, values)), source, RUN_DATE);
  }

  static Dataset<Row> classify(String... lines) {
    return classify(TestConfigs.with().source(), lines);
  }

  /** (reason, reason_detail) of a single rejected line. */
  static List<String> rejection(SourceConfig source, String line) {
    Row row = classify(source, line).first();
    return Arrays.asList(row.getAs("reason"), row.getAs("reason_detail"));
  }

  static List<String> rejection(String line) {
    return rejection(TestConfigs.with().source(), line);
  }

  static Dataset<Row> events(Dataset<Row> classified) {
    assertThat(classified.filter(col("reason").isNotNull()).count()).as("rejected rows").isZero();
    return classified.select(EXPECTED.fieldNames()[0], Arrays.copyOfRange(EXPECTED.fieldNames(), 1, 7));
  }

  @Test
  void canonicalLinesBecomeEventsInUtc() {
    Dataset<Row> classified = classify(
        "{\"event_id\":\"e1\",\"user_id\":\" u1 \",\"event_type\":\"signup\",\"event_time\":\"2026-11-03T10:15:00Z\","
            + "\"properties\":{\"plan\":\"free\",\"revenue\":12.5,\"tags\":[\"a\",\"b\"],\"gone\":null}}",
        "{\"event_id\":\"e2\",\"user_id\":\"u1\",\"event_type\":\"subscribe\",\"event_time\":\"2026-11-03T00:30:00+01:00\"}",
        "{\"event_id\":\"e3\",\"user_id\":\"u2\",\"event_type\":\"page_view\",\"event_time\":1793700900123}",
        "{\"event_id\":\"e4\",\"user_id\":\"u2\",\"event_type\":\"page_view\",\"event_time\":\"2026-11-03 23:59:59.5-02:00\"}");
    assertSameRows(rows(EXPECTED,
        new Object[] {"e1", "u1", "signup", Instant.parse("2026-11-03T10:15:00Z"),
            Map.of("plan", "free", "revenue", "12.5", "tags", "[\"a\",\"b\"]"), RUN_DATE, RUN_DATE},
        // +01:00 at half past midnight is still the previous UTC day: a late event for 2026-11-02.
        new Object[] {"e2", "u1", "subscribe", Instant.parse("2026-11-02T23:30:00Z"), Map.of(),
            LocalDate.of(2026, 11, 2), RUN_DATE},
        new Object[] {"e3", "u2", "page_view", Instant.ofEpochMilli(1793700900123L), Map.of(), RUN_DATE, RUN_DATE},
        new Object[] {"e4", "u2", "page_view", Instant.parse("2026-11-04T01:59:59.5Z"), Map.of(),
            LocalDate.of(2026, 11, 4), RUN_DATE}),
        events(classified));
  }

  @Test
  void eachQuarantineReasonHasItsCodeAndDetail() {
    assertThat(rejection("{\"user_id\":\"u1\",\"event_type\":\"signup\",\"event_ti"))
        .containsExactly("malformed_record", "not a JSON object");
    assertThat(rejection("[\"an\",\"array\"]")).containsExactly("malformed_record", "not a JSON object");
    assertThat(rejection("{\"event_type\":\"signup\",\"event_time\":\"2026-11-03T10:00:00Z\"}"))
        .containsExactly("missing_user_id", "no value in field 'user_id'");
    assertThat(rejection("{\"user_id\":\"  \",\"event_type\":\"signup\",\"event_time\":\"2026-11-03T10:00:00Z\"}"))
        .containsExactly("missing_user_id", "no value in field 'user_id'");
    assertThat(rejection("{\"user_id\":\"u1\",\"event_time\":\"2026-11-03T10:00:00Z\"}"))
        .containsExactly("missing_event_type", "no value in field 'event_type'");
    assertThat(rejection("{\"user_id\":\"u1\",\"event_type\":\"signup\",\"event_time\":null}"))
        .containsExactly("missing_event_time", "no value in field 'event_time'");
    assertThat(rejection("{\"user_id\":\"u1\",\"event_type\":\"signup\",\"event_time\":\"yesterday\"}"))
        .containsExactly("unparseable_event_time", "'yesterday' in field 'event_time' is not ISO-8601 with a zone"
            + " (e.g. 2024-03-01T10:15:00Z) or epoch milliseconds");
    assertThat(rejection("{\"user_id\":\"u1\",\"event_type\":\"signup\",\"event_time\":\"2026-11-03T10:00:00\"}"))
        .as("a time without a zone names no instant")
        .first().isEqualTo("unparseable_event_time");
    assertThat(rejection("{\"user_id\":\"u1\",\"event_type\":\"signup\",\"event_time\":\"2026-02-30T10:00:00Z\"}"))
        .first().isEqualTo("unparseable_event_time");
    assertThat(rejection("{\"user_id\":\"u1\",\"event_type\":\"signup\",\"event_time\":\"2026-11-03T10:00:00Z\","
        + "\"properties\":\"plan=free\"}"))
        .containsExactly("malformed_properties", "field 'properties' is not a JSON object: plan=free");
    assertThat(rejection("{\"user_id\":\"u1\",\"event_type\":\"signup\",\"event_time\":\"2026-11-05T00:00:00Z\"}"))
        .containsExactly("event_time_in_future", "event_time 2026-11-05T00:00:00.000000Z is not before"
            + " 2026-11-05T00:00:00Z (end of run date 2026-11-03 + max-future-skew)");
    assertThat(rejection("{\"user_id\":\"u1\",\"event_type\":\"signup\",\"event_time\":\"2025-11-02T23:59:59Z\"}"))
        .containsExactly("event_time_too_old", "event_time 2025-11-02T23:59:59.000000Z is before"
            + " 2025-11-03T00:00:00Z (start of run date 2026-11-03 - max-lateness)");
  }

  @Test
  void theFirstFailingRuleIsTheReason() {
    assertThat(rejection("{\"event_time\":\"never\"}")).first().isEqualTo("missing_user_id");
    assertThat(rejection("{\"user_id\":\"u1\",\"event_type\":\"x\",\"event_time\":\"never\",\"properties\":3}"))
        .first().isEqualTo("unparseable_event_time");
  }

  @Test
  void acceptedWindowEdgesAreInclusiveAtTheStartAndExclusiveAtTheEnd() {
    SourceConfig source = TestConfigs.with("source.max-future-skew", "2 hours", "source.max-lateness", "3 days").source();
    String template = "{\"user_id\":\"u1\",\"event_type\":\"x\",\"event_time\":\"%s\"}";
    assertThat(rejection(source, String.format(template, "2026-11-04T01:59:59.999999Z"))).first().isNull();
    assertThat(rejection(source, String.format(template, "2026-11-04T02:00:00Z"))).first()
        .isEqualTo("event_time_in_future");
    assertThat(rejection(source, String.format(template, "2026-10-31T00:00:00Z"))).first().isNull();
    assertThat(rejection(source, String.format(template, "2026-10-30T23:59:59.999999Z"))).first()
        .isEqualTo("event_time_too_old");
  }

  @Test
  void aMissingEventIdIsAStableHashOfTheContent() {
    Dataset<Row> classified = classify(
        "{\"user_id\":\"u1\",\"event_type\":\"subscribe\",\"event_time\":\"2026-11-03T10:00:00Z\",\"properties\":{\"plan\":\"pro\",\"seats\":3}}",
        // Same event: other key order, other offset, blank id.
        "{\"event_id\":\" \",\"properties\":{\"seats\":3,\"plan\":\"pro\"},\"event_time\":\"2026-11-03T11:00:00+01:00\",\"event_type\":\"subscribe\",\"user_id\":\"u1\"}",
        // Another event: other properties.
        "{\"user_id\":\"u1\",\"event_type\":\"subscribe\",\"event_time\":\"2026-11-03T10:00:00Z\",\"properties\":{\"plan\":\"team\",\"seats\":3}}");
    List<String> ids = classified.select("event_id").collectAsList().stream().map(r -> r.getString(0)).toList();
    assertThat(ids.get(0)).hasSize(64).isEqualTo(ids.get(1)).isNotEqualTo(ids.get(2));
    // Pinned: a change to the hash would silently break deduplication against stored events.
    assertThat(ids.get(0)).isEqualTo(classify("{\"user_id\":\"u1\",\"event_type\":\"subscribe\","
        + "\"event_time\":\"2026-11-03T10:00:00Z\",\"properties\":{\"plan\":\"pro\",\"seats\":\"3\"}}")
        .first().<String>getAs("event_id"));
  }

  @Test
  void otherTimeFormatsFollowTheConfig() {
    String template = "{\"user_id\":\"u1\",\"event_type\":\"x\",\"event_time\":%s}";
    SourceConfig seconds = TestConfigs.with("source.event-time-format", "epoch-seconds").source();
    assertThat(classify(seconds, String.format(template, "1793700900.25")).first().<Instant>getAs("event_time"))
        .isEqualTo(Instant.ofEpochSecond(1793700900L, 250_000_000));
    assertThat(rejection(seconds, String.format(template, "\"2026-11-03T10:00:00Z\""))).first()
        .isEqualTo("unparseable_event_time");
    SourceConfig pattern = TestConfigs.with("source.event-time-format", "dd/MM/yyyy HH:mm").source();
    assertThat(classify(pattern, String.format(template, "\"03/11/2026 10:15\"")).first().<Instant>getAs("event_time"))
        .as("pattern times without a zone are UTC, whatever the JVM zone")
        .isEqualTo(Instant.parse("2026-11-03T10:15:00Z"));
    assertThat(rejection(pattern, String.format(template, "\"2026-11-03\"")).get(1))
        .isEqualTo("'2026-11-03' in field 'event_time' is not in the pattern dd/MM/yyyy HH:mm");
    SourceConfig millis = TestConfigs.with("source.event-time-format", "epoch-millis").source();
    assertThat(rejection(millis, String.format(template, "\"2026-11-03T10:00:00Z\""))).first()
        .isEqualTo("unparseable_event_time");
  }

  @Test
  void mappedFieldsAndPackedPropertiesFollowTheConfig() {
    SourceConfig source = TestConfigs.with(
        "source.fields.user-id", "userId", "source.fields.event-type", "page", "source.fields.event-time", "ts",
        "source.fields.event-id", "id", "source.event-time-format", "epoch-millis").source();
    Dataset<Row> packedSome = classify(withProperties(source, List.of("plan", "country")),
        "{\"id\":\"a\",\"userId\":\"u9\",\"page\":\"pricing\",\"ts\":1793700900000,\"plan\":\"pro\",\"country\":\"DE\",\"ua\":\"x\"}");
    Dataset<Row> packedAll = classify(withProperties(source, List.of("*")),
        "{\"id\":\"a\",\"userId\":\"u9\",\"page\":\"pricing\",\"ts\":1793700900000,\"plan\":\"pro\",\"country\":\"DE\",\"ua\":\"x\"}");
    Object[] expected = {"a", "u9", "pricing", Instant.ofEpochMilli(1793700900000L), null, RUN_DATE, RUN_DATE};
    expected[4] = Map.of("plan", "pro", "country", "DE");
    assertSameRows(rows(EXPECTED, expected), events(packedSome));
    expected[4] = Map.of("plan", "pro", "country", "DE", "ua", "x");
    assertSameRows(rows(EXPECTED, expected), events(packedAll));
  }

  private static SourceConfig withProperties(SourceConfig source, List<String> fields) {
    return new SourceConfig(source.format(), source.pathPattern(), source.fields(), source.eventTimeFormat(),
        io.funnelcast.config.PropertiesMapping.packed(fields), source.maxFutureSkew(), source.maxLateness(),
        source.csvDelimiter(), source.missingDay());
  }

  @Test
  void rawTextIsKeptForRejectedRecordsOnly() {
    Dataset<Row> classified = classify("{\"user_id\":\"u1\",\"event_type\":\"x\",\"event_time\":\"2026-11-03T10:00:00Z\"}",
        "{broken");
    assertThat(classified.select("raw_record", "reason", "source_file").collectAsList().stream().map(Row::toString))
        .containsExactlyInAnyOrder("[null,null,f.jsonl]", "[{broken,malformed_record,f.jsonl]");
  }
}
