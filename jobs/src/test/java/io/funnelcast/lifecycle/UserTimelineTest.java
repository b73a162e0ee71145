package io.funnelcast.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserTimelineTest {
  static final LocalDate DAY0 = LocalDate.of(2026, 11, 1);

  static UserTimeline timeline(ZoneId zone) {
    return new UserTimeline(new StageMachine(StageMachineTest.FREEMIUM), new ActivityRules(7, 14, 60), zone);
  }

  static UserEvent event(UserTimeline timeline, String id, String type, Instant time) {
    UserEvent flags = StageMachineTest.event(id, type, time);
    return new UserEvent(id, type, time, timeline.businessDay(time), flags.matchesEnter(), flags.matchesExit(),
        type.equals("cancel"));
  }

  @Test
  void aOneVisitUserJoinsTheCountsAndAgesThroughActivityStatuses() {
    UserTimeline timeline = timeline(ZoneOffset.UTC);
    Instant t = DAY0.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600);
    UserTimeline.Result result = timeline.of(List.of(event(timeline, "e1", "page_view", t)));

    assertThat(result.visits()).hasSize(1);
    assertThat(result.facts()).isEqualTo(new ActivityFacts(DAY0, DAY0, null, false));
    assertThat(result.deltas()).containsExactlyInAnyOrder(
        new DailyDelta(DAY0, 0, null, 0, 1, 0),
        new DailyDelta(DAY0, 0, "new", 1, 0, 0),
        new DailyDelta(DAY0.plusDays(7), 0, "new", -1, 0, 0),
        new DailyDelta(DAY0.plusDays(7), 0, "active", 1, 0, 0),
        new DailyDelta(DAY0.plusDays(14), 0, "active", -1, 0, 0),
        new DailyDelta(DAY0.plusDays(14), 0, "dormant", 1, 0, 0),
        new DailyDelta(DAY0.plusDays(60), 0, "dormant", -1, 0, 0),
        new DailyDelta(DAY0.plusDays(60), 0, "churned", 1, 0, 0));
  }

  @Test
  void stagesCountByTheBusinessDayTheyWereEnteredOn() {
    // 23:30 UTC on day 0 is day 1 in Berlin.
    UserTimeline berlin = timeline(ZoneId.of("Europe/Berlin"));
    Instant late = DAY0.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofMinutes(23 * 60 + 30));
    UserTimeline.Result result = berlin.of(List.of(
        event(berlin, "e1", "page_view", late.minus(Duration.ofHours(5))),
        event(berlin, "e2", "signup", late)));
    assertThat(result.deltas()).contains(
        new DailyDelta(DAY0, 0, null, 0, 1, 0),
        new DailyDelta(DAY0.plusDays(1), 0, null, 0, 0, 1),
        new DailyDelta(DAY0.plusDays(1), 1, null, 0, 1, 0),
        new DailyDelta(DAY0.plusDays(1), 0, "new", -1, 0, 0),
        new DailyDelta(DAY0.plusDays(1), 1, "new", 1, 0, 0));
  }

  @Test
  void deltasSumToOneUserInOneStageOnEveryDay() {
    UserTimeline timeline = timeline(ZoneOffset.UTC);
    Instant t = DAY0.atStartOfDay(ZoneOffset.UTC).toInstant();
    UserTimeline.Result result = timeline.of(List.of(
        event(timeline, "e1", "signup", t),
        event(timeline, "e2", "subscribe", t.plus(Duration.ofDays(2))),
        event(timeline, "e3", "cancel", t.plus(Duration.ofDays(5))),
        event(timeline, "e4", "page_view", t.plus(Duration.ofDays(30)))));
    for (int day = 0; day < 200; day++) {
      LocalDate d = DAY0.plusDays(day);
      int inStages = result.deltas().stream().filter(delta -> !delta.day().isAfter(d))
          .mapToInt(DailyDelta::inStageDelta).sum();
      assertThat(inStages).as("users in some stage at the end of %s", d).isEqualTo(1);
    }
    assertThat(result.facts()).isEqualTo(new ActivityFacts(DAY0, DAY0.plusDays(30), DAY0.plusDays(30), false));
  }
}
