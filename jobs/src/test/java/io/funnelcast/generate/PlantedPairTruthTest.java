package io.funnelcast.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The planted future per pair follows conversion's pair semantics, attempt by attempt. */
class PlantedPairTruthTest {
  static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

  static SyntheticUser.Entry entry(String stage, int attempt, long days) {
    return new SyntheticUser.Entry(stage, attempt, T.plus(Duration.ofDays(days)), false);
  }

  @Test
  void eachAttemptConvertsAtTheFirstEntryBeforeTheNextAttemptWithinTheWindow() {
    List<SyntheticUser.Entry> entries = List.of(entry("engagement", 1, 0), entry("conversion", 1, 3),
        entry("engagement", 2, 10), entry("conversion", 2, 12), entry("conversion", 3, 14),
        entry("engagement", 3, 20), entry("conversion", 4, 115));
    List<Instant[]> converted = PlantedTruth.pairConversions(entries, "engagement", "conversion");
    // Attempt 1 converts on day 3, attempt 2 on day 12 (not 14), attempt 3's day-115 entry is past 90 days.
    assertThat(converted).hasSize(2);
    assertThat(converted.get(0)).containsExactly(T, T.plus(Duration.ofDays(3)));
    assertThat(converted.get(1)).containsExactly(T.plus(Duration.ofDays(10)), T.plus(Duration.ofDays(12)));
    assertThat(PlantedTruth.pairConversions(entries, "conversion", "retention")).isEmpty();
  }
}
