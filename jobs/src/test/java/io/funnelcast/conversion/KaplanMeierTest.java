package io.funnelcast.conversion;

import static io.funnelcast.testing.Frames.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.funnelcast.testing.SparkExtension;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The textbook Kaplan–Meier table: remission times in weeks of the 6-MP group of Freireich et al. (1963), as
 * in Gehan (1965) and Kleinbaum & Klein, "Survival Analysis", ch. 2. Weeks stand in for days here; a
 * relapse is a "conversion". Censored times are marked + below.
 */
@ExtendWith(SparkExtension.class)
class KaplanMeierTest {
  static final StructType SUBJECTS = new StructType().add("group", DataTypes.StringType)
      .add("duration_seconds", DataTypes.DoubleType).add("is_converted", DataTypes.BooleanType);

  // 6 6 6 6+ 7 9+ 10 10+ 11+ 13 16 17+ 19+ 20+ 22 23 25+ 32+ 32+ 34+ 35+
  static final int[] TIMES = {6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35};
  static final boolean[] EVENT = {true, true, true, false, true, false, true, false, false, true, true, false,
      false, false, true, true, false, false, false, false, false};
  static final List<Integer> DAYS = List.of(6, 7, 9, 10, 13, 16, 22, 23, 30);

  static List<Row> curve(String group) {
    List<Object[]> subjects = new ArrayList<>();
    for (int i = 0; i < TIMES.length; i++) {
      subjects.add(new Object[] {group, TIMES[i] * 86_400D, EVENT[i]});
    }
    return KaplanMeier.curve(rows(SUBJECTS, subjects.toArray(Object[][]::new)), List.of("group"), DAYS)
        .first().getList(1);
  }

  @Test
  void reproducesTheTextbookTable() {
    List<Row> curve = curve("6-MP");
    // S(t) = product of (n - d) / n over relapse times up to t:
    //   t=6: 18/21; 7: x 16/17; 10: x 14/15; 13: x 11/12; 16: x 10/11; 22: x 6/7; 23: x 5/6
    double s6 = 18.0 / 21;
    double s7 = s6 * 16 / 17;
    double s10 = s7 * 14 / 15;
    double s13 = s10 * 11 / 12;
    double s16 = s13 * 10 / 11;
    double s22 = s16 * 6 / 7;
    double s23 = s22 * 5 / 6;
    double[] survival = {s6, s7, s7, s10, s13, s16, s22, s23, s23};
    // At risk after each day: subjects whose time is longer than the day.
    long[] atRisk = {17, 16, 15, 13, 11, 10, 6, 5, 4};
    assertThat(curve).hasSize(DAYS.size());
    for (int i = 0; i < DAYS.size(); i++) {
      Row point = curve.get(i);
      assertThat(point.getInt(0)).isEqualTo(DAYS.get(i));
      assertThat(point.getDouble(1)).as("F(%d)", DAYS.get(i)).isCloseTo(1 - survival[i], within(1e-12));
      assertThat(point.getLong(4)).as("at risk after %d", DAYS.get(i)).isEqualTo(atRisk[i]);
    }
    // The printed values: S = 0.857, 0.807, 0.753, 0.690, 0.627, 0.538, 0.448.
    assertThat(1 - curve.get(7).getDouble(1)).isCloseTo(0.448, within(0.0005));
  }

  @Test
  void intervalIsGreenwoodOnTheLogLogScale() {
    List<Row> curve = curve("6-MP");
    // Worked by hand at t = 6: Greenwood sum = 3 / (21 x 18) = 0.0079365; log S = ln(18/21) = -0.1541507;
    // se = sqrt(0.0079365) / 0.1541507 = 0.577920; S^exp(+-1.96 se) = S^3.10397 = 0.61972 and
    // S^(1/3.10397) = 0.95155; so the conversion interval is 1 - 0.95155 .. 1 - 0.61972.
    assertThat(curve.get(0).getDouble(2)).isCloseTo(0.04845, within(0.00002));
    assertThat(curve.get(0).getDouble(3)).isCloseTo(0.38028, within(0.00002));
    // R survfit(conf.type = "log-log") prints 0.188 .. 0.680 for S at t = 23.
    assertThat(1 - curve.get(7).getDouble(3)).isCloseTo(0.188, within(0.0005));
    assertThat(1 - curve.get(7).getDouble(2)).isCloseTo(0.680, within(0.0005));
  }

  @Test
  void noConversionYetAndEveryoneConverted() {
    List<Row> none = KaplanMeier.curve(rows(SUBJECTS,
            new Object[] {"g", 86_400D, false}, new Object[] {"g", 3 * 86_400D, false}), List.of("group"), List.of(1, 2))
        .first().getList(1);
    assertThat(none.get(0).getDouble(1)).isZero();
    assertThat(none.get(0).getDouble(2)).isZero();
    assertThat(none.get(0).getDouble(3)).isZero();
    assertThat(none.get(0).getLong(4)).isEqualTo(1);

    // Both left at risk convert at day 2: the curve reaches 1 and stays there.
    List<Row> all = KaplanMeier.curve(rows(SUBJECTS,
            new Object[] {"g", 0.5 * 86_400D, false}, new Object[] {"g", 2 * 86_400D, true},
            new Object[] {"g", 2 * 86_400D, true}), List.of("group"), List.of(1, 2, 3))
        .first().getList(1);
    assertThat(all.get(0).getDouble(1)).isZero();
    assertThat(all.get(1).getDouble(1)).isEqualTo(1.0);
    assertThat(all.get(1).getDouble(2)).isEqualTo(1.0);
    assertThat(all.get(2).getLong(4)).isZero();
  }
}
