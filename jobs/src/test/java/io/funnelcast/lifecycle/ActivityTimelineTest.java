package io.funnelcast.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityTimelineTest {
  static final ActivityRules RULES = new ActivityRules(7, 14, 60);
  static final LocalDate DAY0 = LocalDate.of(2026, 11, 1);

  static UserEvent at(int day, int hour, boolean churn) {
    Instant time = DAY0.plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(hour * 3600L);
    return new UserEvent("e" + day + "-" + hour, churn ? "cancel" : "page_view", time,
        DAY0.plusDays(day), new boolean[0], new boolean[0], churn);
  }

  static ActivityTimeline timeline(UserEvent... events) {
    return new ActivityTimeline(new ArrayList<>(List.of(events)), RULES);
  }

  static ActivityStatus on(ActivityTimeline timeline, int day) {
    return timeline.statusAt(DAY0.plusDays(day));
  }

  @Test
  void newThenActiveThenDormantThenChurnedByInactivity() {
    ActivityTimeline user = timeline(at(0, 10, false), at(3, 10, false));
    assertThat(on(user, 0)).isEqualTo(ActivityStatus.NEW);
    assertThat(on(user, 6)).isEqualTo(ActivityStatus.NEW);
    assertThat(on(user, 7)).isEqualTo(ActivityStatus.ACTIVE);
    assertThat(on(user, 16)).isEqualTo(ActivityStatus.ACTIVE);
    assertThat(on(user, 17)).isEqualTo(ActivityStatus.DORMANT);
    assertThat(on(user, 62)).isEqualTo(ActivityStatus.DORMANT);
    assertThat(on(user, 63)).isEqualTo(ActivityStatus.CHURNED);
  }

  @Test
  void comingBackAfterADormantGapIsResurrectedForNewForDays() {
    ActivityTimeline user = timeline(at(0, 10, false), at(20, 10, false));
    assertThat(on(user, 19)).isEqualTo(ActivityStatus.DORMANT);
    assertThat(on(user, 20)).isEqualTo(ActivityStatus.RESURRECTED);
    assertThat(on(user, 26)).isEqualTo(ActivityStatus.RESURRECTED);
    assertThat(on(user, 27)).isEqualTo(ActivityStatus.ACTIVE);
    // A gap just short of dormant-after is no return.
    ActivityTimeline steady = timeline(at(0, 10, false), at(13, 10, false));
    assertThat(on(steady, 13)).isEqualTo(ActivityStatus.ACTIVE);
  }

  @Test
  void aChurnEventChurnsUntilTheUserIsActiveAgain() {
    ActivityTimeline user = timeline(at(0, 10, false), at(9, 10, false), at(9, 12, true), at(11, 8, false));
    assertThat(on(user, 8)).isEqualTo(ActivityStatus.ACTIVE);
    assertThat(on(user, 9)).as("cancel after the day's last activity").isEqualTo(ActivityStatus.CHURNED);
    assertThat(on(user, 10)).isEqualTo(ActivityStatus.CHURNED);
    assertThat(on(user, 11)).isEqualTo(ActivityStatus.RESURRECTED);
    // Activity later on the same day as the cancel undoes it.
    ActivityTimeline sameDay = timeline(at(8, 10, false), at(9, 9, true), at(9, 11, false));
    assertThat(on(sameDay, 9)).isNotEqualTo(ActivityStatus.CHURNED);
  }

  @Test
  void factsAsOfADayGiveTheSameStatusAsTheTimeline() {
    ActivityTimeline user = timeline(at(0, 10, false), at(20, 10, false), at(30, 10, true));
    for (int day = 0; day < 120; day++) {
      LocalDate d = DAY0.plusDays(day);
      assertThat(user.factsAt(d).status(d, RULES)).isEqualTo(user.statusAt(d));
    }
    assertThat(user.factsAt(DAY0.plusDays(40)))
        .isEqualTo(new ActivityFacts(DAY0, DAY0.plusDays(20), DAY0.plusDays(20), true));
  }
}
