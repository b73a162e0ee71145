package io.funnelcast.ingest;

import static io.funnelcast.testing.Frames.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.funnelcast.testing.SparkExtension;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class FieldMapperTest {

  static Dataset<Row> raw(String... lines) {
    return rows(EventParserTest.RAW, java.util.Arrays.stream(lines)
        .map(line -> new Object[] {"f.csv", line}).toArray(Object[][]::new));
  }

  /** Each line's decoded fields, or its decode error. */
  static List<Object> decodedCsv(String... lines) {
    return FieldMapper.decodeCsv(raw(lines), List.of("user_id", "event_type", "ts", "plan"), ",")
        .collectAsList().stream()
        .map(row -> row.isNullAt(row.fieldIndex(RawColumns.FIELDS))
            ? (Object) row.getAs(RawColumns.DECODE_ERROR)
            : (Object) scala.collection.JavaConverters.mapAsJavaMap(row.getMap(row.fieldIndex(RawColumns.FIELDS))))
        .toList();
  }

  @Test
  void csvLinesMapToHeaderNames() {
    assertThat(decodedCsv("u1,signup,1793700900000,free", "u2,\"sub,scribe\",1793700900000,"))
        .containsExactly(
            Map.of("user_id", "u1", "event_type", "signup", "ts", "1793700900000", "plan", "free"),
            mapWithNull("user_id", "u2", "event_type", "sub,scribe", "ts", "1793700900000", "plan"));
  }

  private static Map<String, String> mapWithNull(String... keyValues) {
    Map<String, String> map = new java.util.HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], i + 1 < keyValues.length ? keyValues[i + 1] : null);
    }
    return map;
  }

  @Test
  void csvLinesWithTooFewOrTooManyFieldsAreMalformed() {
    assertThat(decodedCsv("u1,signup,1793700900000", "u1,signup,1793700900000,free,extra"))
        .containsExactly("not a CSV line with the header's 4 fields", "not a CSV line with the header's 4 fields");
  }

  @Test
  void jsonNestedValuesBecomeJsonText() {
    Row row = FieldMapper.decodeJson(raw("{\"a\":{\"b\":1},\"c\":true,\"d\":null,\"a2\":[1,2]}")).first();
    assertThat(scala.collection.JavaConverters.mapAsJavaMap(row.getMap(row.fieldIndex(RawColumns.FIELDS))))
        .containsEntry("a", "{\"b\":1}").containsEntry("c", "true").containsEntry("d", null)
        .containsEntry("a2", "[1,2]");
  }
}
