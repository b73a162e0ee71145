package io.funnelcast.metrics;

import static io.funnelcast.testing.Frames.rows;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.funnelcast.testing.SparkExtension;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class AggregatesTest {
  private static final StructType DAYS = new StructType()
      .add("grp", DataTypes.StringType).add("days", DataTypes.DoubleType).add("converted", DataTypes.BooleanType);

  private static Dataset<Row> days() {
    return rows(DAYS, new Object[] {"a", 1.0, true}, new Object[] {"a", 2.0, true}, new Object[] {"a", 3.0, true},
        new Object[] {"a", 4.0, true}, new Object[] {"a", 5.0, true}, new Object[] {"a", 99.0, false},
        new Object[] {"b", 7.0, false});
  }

  @Test
  void countWhereCountsTheRowsThatMeetTheConditionAndIsZeroWhenNoneDo() {
    List<Row> counts = days().groupBy("grp").agg(Aggregates.countWhere(col("converted")).as("n"))
        .orderBy("grp").collectAsList();
    assertThat(counts).extracting(Row::toString).containsExactly("[a,5]", "[b,0]");
  }

  @Test
  void percentilesAreExactInterpolatedAndSkipNulls() {
    List<Column> columns = new ArrayList<>(List.of(col("grp")));
    columns.addAll(Aggregates.percentileColumns("p", "time_", "_days"));
    Dataset<Row> result = days()
        .groupBy("grp").agg(Aggregates.percentiles(when(col("converted"), col("days"))).as("p"))
        .select(columns.toArray(Column[]::new)).orderBy("grp");
    assertThat(result.columns()).containsExactly("grp", "time_p25_days", "time_p50_days", "time_p75_days",
        "time_p90_days");
    // Ranks 1..5: p90 lies 60% of the way from 4 to 5. A group with no values has none.
    assertThat(result.collectAsList()).extracting(Row::toString)
        .containsExactly("[a,2.0,3.0,4.0,4.6]", "[b,null,null,null,null]");
  }
}
