package io.funnelcast.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelcast.run.RunHistory.Attempt;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecyclePlanTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 5);
  private static final String HASH = "hash-a";
  private static final String VERSION = "0.1.0";

  private static Attempt succeeded(LocalDate runDate) {
    return new Attempt(runDate, HASH, VERSION, "succeeded");
  }

  private static Attempt failed(LocalDate runDate) {
    return new Attempt(runDate, HASH, VERSION, "failed");
  }

  private static String why(Attempt... latestFirst) {
    return LifecyclePlan.whyNotContinued(List.of(latestFirst), DAY, HASH, VERSION);
  }

  @Test
  void theDayBeforeOrARerunOfTheDayUnderTheSameConfigurationAndVersionGoesOn() {
    assertThat(why(succeeded(DAY.minusDays(1)))).isNull();
    assertThat(why(succeeded(DAY), succeeded(DAY.minusDays(1)))).as("a rerun").isNull();
    assertThat(why(failed(DAY), succeeded(DAY.minusDays(1)))).as("a retry of a failed night").isNull();
  }

  @Test
  void withoutASuccessfulRunEverythingIsRecomputed() {
    assertThat(why()).isEqualTo("no earlier successful run");
    assertThat(why(failed(DAY.minusDays(1)))).isEqualTo("no earlier successful run");
  }

  @Test
  void aGapAnotherConfigurationOrAnotherVersionSaysWhichRunAndWhy() {
    assertThat(why(succeeded(DAY.minusDays(2))))
        .isEqualTo("the latest attempt was for 2026-11-03, not the day before");
    assertThat(why(new Attempt(DAY.minusDays(1), "hash-b", VERSION, "succeeded"))).isEqualTo(
        "the lifecycle configuration (source mapping, stages, activity, segments or time zone) changed since the"
            + " latest attempt (2026-11-04)");
    assertThat(why(new Attempt(DAY.minusDays(1), HASH, "0.0.9", "succeeded")))
        .isEqualTo("the latest attempt (2026-11-04) was version 0.0.9");
  }

  @Test
  void aFailedAttemptForAnotherDayOrUnderAnotherConfigurationBlocksTheNightlyPath() {
    // It may have merged part of its users into the state before failing.
    assertThat(why(failed(DAY.plusDays(3)), succeeded(DAY.minusDays(1))))
        .isEqualTo("the latest attempt was for 2026-11-08, not the day before");
    assertThat(why(new Attempt(DAY, "hash-b", VERSION, "failed"), succeeded(DAY.minusDays(1)))).isEqualTo(
        "the lifecycle configuration (source mapping, stages, activity, segments or time zone) changed since the"
            + " latest attempt (2026-11-05)");
  }

  @Test
  void theLatestSuccessMustQualifyToo() {
    assertThat(why(failed(DAY.minusDays(1)), succeeded(DAY.minusDays(3))))
        .isEqualTo("the latest successful run was for 2026-11-02, not the day before");
  }
}
