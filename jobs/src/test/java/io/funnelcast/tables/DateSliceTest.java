package io.funnelcast.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DateSliceTest {
  static final LocalDate FIRST = LocalDate.of(2026, 11, 1);
  static final LocalDate LAST = LocalDate.of(2026, 11, 30);

  @Test
  void aDayOrARangeOfDaysAsReplaceWhereText() {
    assertThat(DateSlice.on("as_of_date", FIRST).sql()).isEqualTo("`as_of_date` = DATE'2026-11-01'");
    assertThat(DateSlice.between("run_date", FIRST, FIRST)).isEqualTo(DateSlice.on("run_date", FIRST));
    assertThat(DateSlice.between("origin_date", FIRST, LAST).sql())
        .isEqualTo("`origin_date` BETWEEN DATE'2026-11-01' AND DATE'2026-11-30'");
    assertThatThrownBy(() -> DateSlice.between("run_date", LAST, FIRST))
        .hasMessage("run_date: a slice from 2026-11-30 to 2026-11-01 is empty");
  }
}
