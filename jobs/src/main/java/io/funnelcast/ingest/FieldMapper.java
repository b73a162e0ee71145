package io.funnelcast.ingest;

import static io.funnelcast.ingest.RawColumns.DECODE_ERROR;
import static io.funnelcast.ingest.RawColumns.FIELDS;
import static io.funnelcast.ingest.RawColumns.RAW_RECORD;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/**
 * Decodes raw records into a map of their top-level fields as text, whatever the source format, so that
 * field mapping and validation are the same for every format. Records that cannot be decoded get a null
 * map and a decode error, and are quarantined downstream.
 */
public final class FieldMapper {
  /** Field values as text: numbers as written, nested objects and arrays as JSON text. */
  public static final MapType TEXT_MAP = DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true);

  private FieldMapper() {}

  /** JSON Lines: each raw_record must be one JSON object. */
  public static Dataset<Row> decodeJson(Dataset<Row> raw) {
    Column fields = from_json(col(RAW_RECORD), TEXT_MAP, Map.of("mode", "PERMISSIVE"));
    return raw.withColumn(FIELDS, fields)
        .withColumn(DECODE_ERROR, when(col(FIELDS).isNull(), lit("not a JSON object")));
  }

  /**
   * CSV: each raw_record must be one line with exactly the header's fields (quoted fields may hold the
   * delimiter). Empty fields become null, which validation treats as missing where a value is required.
   */
  public static Dataset<Row> decodeCsv(Dataset<Row> raw, List<String> header, String delimiter) {
    StructType schema = new StructType();
    for (String name : header) {
      schema = schema.add(name, DataTypes.StringType, true);
    }
    Column parsed = from_csv(col(RAW_RECORD), lit(schema.toDDL()), Map.of("sep", delimiter, "mode", "PERMISSIVE"));
    // Spark pads short lines with nulls and drops extra fields, so count the fields outside quotes here.
    Column unquoted = regexp_replace(col(RAW_RECORD), "\"([^\"]|\"\")*\"", "");
    Column fieldCount = size(split(unquoted, Pattern.quote(delimiter), -1));
    Column[] names = header.stream().map(functions::lit).toArray(Column[]::new);
    Column[] values = header.stream().map(parsed::getField).toArray(Column[]::new);
    return raw.withColumn(FIELDS, when(fieldCount.equalTo(header.size()),
            map_from_arrays(array(names), array(values))))
        .withColumn(DECODE_ERROR, when(col(FIELDS).isNull(),
            lit("not a CSV line with the header's " + header.size() + " fields")));
  }
}
