package io.funnelcast.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {
  static final List<String> COLUMNS = List.of("stage", "note");
  static final List<List<String>> ROWS = List.of(Arrays.asList("paid", null), Arrays.asList("free", ""),
      Arrays.asList("a,b", "say \"hi\"\nthere"));

  @Test
  void csvQuotesWhatNeedsItAndKeepsNullApartFromEmpty() {
    assertThat(ResultTable.csv(COLUMNS, ROWS)).isEqualTo(
        "stage,note\r\npaid,\r\nfree,\"\"\r\n\"a,b\",\"say \"\"hi\"\"\nthere\"\r\n");
  }

  @Test
  void alignedPadsColumnsAndShowsNull() {
    assertThat(ResultTable.aligned(COLUMNS, ROWS.subList(0, 2))).isEqualTo(
        "stage | note\n------+-----\npaid  | NULL\nfree  |\n");
  }
}
